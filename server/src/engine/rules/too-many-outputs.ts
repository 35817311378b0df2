import type { Rule } from '../rule';

const rule: Rule = {
  meta: {
    id: 'too-many-outputs',
    description: "More KPIs than the levers of the scorecard can move independently: some targets cannot all be reached at once.",
    category: 'selection',
    defaultSeverity: 'warning',
    fixable: false,
  },
  check() {
    // Not implemented yet.
  },
};
export default rule;
