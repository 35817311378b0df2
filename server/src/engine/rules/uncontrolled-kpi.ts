import type { Rule } from '../rule';

const rule: Rule = {
  meta: {
    id: 'uncontrolled-kpi',
    description: "A KPI that no lever improves or worsens: nobody has a hand on it.",
    category: 'selection',
    defaultSeverity: 'info',
    fixable: false,
  },
  check() {
    // Not implemented yet.
  },
};
export default rule;
