import type { Rule } from '../rule';

const rule: Rule = {
  meta: {
    id: 'kpi-owner',
    description: "A KPI or lever without an owner.",
    category: 'practice',
    defaultSeverity: 'warning',
    fixable: true,
  },
  check() {
    // Not implemented yet.
  },
};
export default rule;
