import type { Rule } from '../rule';

const rule: Rule = {
  meta: {
    id: 'horizon-balance',
    description: "A scorecard whose KPIs are all short-term or all long-term.",
    category: 'practice',
    defaultSeverity: 'info',
    fixable: false,
  },
  check() {
    // Not implemented yet.
  },
};
export default rule;
