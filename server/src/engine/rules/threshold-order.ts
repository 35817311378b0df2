import type { Rule } from '../rule';
import type { Val } from '../model';
import type { Fix } from '../types';

interface Bound {
  name: 'alert' | 'warn' | 'target';
  value: number;
}

const rule: Rule = {
  meta: {
    id: 'threshold-order',
    description: "Thresholds that contradict the direction (alert before warn), or a target already inside the warn or alert band.",
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
      let need: string;
      let bounds: Bound[];
      let ok: boolean;
      let inverted = false;
      if (dir === 'maintain') {
        // warn and alert are distances from the target: 0 < warn < alert.
        bounds = [...bound('warn', warn), ...bound('alert', alert)];
        if (bounds.length === 0) continue;
        need = ['0', ...bounds.map((b) => b.name)].join(' < ');
        ok = bounds.every((b, i) => b.value > (i === 0 ? 0 : bounds[i - 1].value));
        inverted = !!warn && !!alert && warn.value > alert.value && alert.value > 0;
      } else {
        bounds = [...bound('alert', alert), ...bound('warn', warn), ...bound('target', k.target?.value)];
        if (bounds.length < 2) continue;
        const up = dir === 'increase';
        need = bounds.map((b) => b.name).join(up ? ' < ' : ' > ');
        ok = bounds.every((b, i) => i === 0 || (up ? b.value > bounds[i - 1].value : b.value < bounds[i - 1].value));
        inverted = !!warn && !!alert && (up ? alert.value > warn.value : alert.value < warn.value);
      }
      if (ok) continue;
      const got = bounds.map((b) => `${b.name} ${b.value}`).join(', ');
      ctx.report({
        span: th.span,
        message: `Thresholds of "${k.id}" contradict its direction (${dir}): need ${need}, got ${got}.`,
        fix: inverted ? swap(sc.text, warn!, alert!) : undefined,
        items: [ws.qualifiedId(sc, k)],
      });
    }
  },
};

function bound(name: Bound['name'], v: Val<number> | undefined): Bound[] {
  return v ? [{ name, value: v.value }] : [];
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
