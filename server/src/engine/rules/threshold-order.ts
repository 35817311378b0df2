import type { Rule } from '../lint/rule';
import type { Val } from '../model/model';
import type { Fix } from '../types';

interface Bound {
  name: 'alert' | 'warn' | 'target';
  value: number;
}

const rule: Rule = {
  meta: {
    id: 'threshold-order',
    description: 'Thresholds that contradict the direction (alert before warn), or a target already inside the warn or alert band.',
    category: 'practice',
    defaultSeverity: 'error',
    fixable: true,
  },
  check(ctx) {
    const { scorecard: sc, workspace: ws } = ctx;
    for (const k of sc.kpis) {
      const th = k.thresholds;
      if (!th || !k.direction) continue;
      const { warn, alert } = th;
      const dir = k.direction.value;
      const maintain = dir === 'maintain';
      const up = dir === 'increase';
      // The order the values must run in. For maintain, warn and alert are distances from the
      // target: 0 < warn < alert; one value alone is in order, unless it is a distance of 0 or less.
      const order: [Bound['name'], Val<number> | undefined][] = maintain
        ? [
            ['warn', warn],
            ['alert', alert],
          ]
        : [
            ['alert', alert],
            ['warn', warn],
            ['target', k.target?.value],
          ];
      if (
        inOrder(
          order.map(([, v]) => v),
          maintain ? 0 : undefined,
          maintain || up,
        )
      )
        continue;
      const bounds: Bound[] = order.flatMap(([name, v]) => (v ? [{ name, value: v.value }] : []));
      const need = maintain ? ['0', ...bounds.map((b) => b.name)].join(' < ') : bounds.map((b) => b.name).join(up ? ' < ' : ' > ');
      const inverted = !!warn && !!alert && (maintain ? warn.value > alert.value && alert.value > 0 : up ? alert.value > warn.value : alert.value < warn.value);
      const got = bounds.map((b) => `${b.name} ${b.value}`).join(', ');
      ctx.report({
        span: th.span,
        message: `Thresholds of "${k.id}" contradict its direction (${dir}): need ${need}, got ${got}.`,
        fix: inverted ? swap(sc.text, warn, alert) : undefined,
        items: [ws.qualifiedId(sc, k)],
      });
    }
  },
};

/** Whether the values present run strictly up (or down), starting after `from` when given. */
function inOrder(values: readonly (Val<number> | undefined)[], from: number | undefined, ascending: boolean): boolean {
  let prev = from;
  for (const v of values) {
    if (!v) continue;
    if (prev !== undefined && (ascending ? v.value <= prev : v.value >= prev)) return false;
    prev = v.value;
  }
  return true;
}

function swap(text: string, warn: Val<number>, alert: Val<number>): Fix {
  const src = (v: Val<number>) => text.slice(v.span.start, v.span.end);
  return {
    title: 'Swap warn and alert',
    edits: [
      { span: warn.span, text: src(alert) },
      { span: alert.span, text: src(warn) },
    ],
  };
}
export default rule;
