import type { Rule } from '../rule';

const rule: Rule = {
  meta: {
    id: 'conflicting-lever',
    description: "A lever that improves one KPI and worsens another: a trade-off to make explicit.",
    category: 'selection',
    defaultSeverity: 'info',
    fixable: false,
  },
  check() {
    // Not implemented yet.
  },
};
export default rule;
