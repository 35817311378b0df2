import type { Rule } from '../lint/rule';
import { PERSPECTIVES, rejected, scorecardSpan } from '../model/model';
import { andList } from '../text';

const rule: Rule = {
  meta: {
    id: 'perspective-balance',
    description: 'A scorecard whose objectives declare balanced-scorecard perspectives and leave one of the four out.',
    category: 'practice',
    defaultSeverity: 'info',
    fixable: false,
  },
  check(ctx) {
    const { scorecard: sc, workspace: ws } = ctx;
    // A perspective the schema rejects may be the one that seems missing: the schema finding comes first.
    if (sc.objectives.some((o) => rejected(o, 'perspective'))) return;
    const declared = sc.objectives.filter((o) => o.perspective);
    if (declared.length === 0) return;
    const covered = new Set(declared.map((o) => o.perspective!.value));
    const missing = PERSPECTIVES.filter((p) => !covered.has(p));
    if (missing.length === 0) return;
    const has = PERSPECTIVES.filter((p) => covered.has(p));
    ctx.report({
      span: scorecardSpan(sc),
      message: `The objectives of "${sc.id?.value ?? sc.uri}" leave out the ${andList(missing)} perspective${missing.length === 1 ? '' : 's'} (they cover ${andList(has)}): add an objective for ${missing.length === 1 ? 'it' : 'each'}.`,
      items: declared.map((o) => ws.qualifiedId(sc, o)).sort(),
    });
  },
};
export default rule;
