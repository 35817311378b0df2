import type { Rule } from '../lint/rule';
import { schemaReports } from '../syntax/schema';

const rule: Rule = {
  meta: {
    id: 'schema',
    description: 'A value that does not fit the .kpi.yaml format: a wrong type, an unknown key, a value outside the allowed list.',
    category: 'structure',
    defaultSeverity: 'error',
    fixable: false,
  },
  check(ctx) {
    for (const r of schemaReports(ctx.parsed)) ctx.report(r);
  },
};
export default rule;
