import type { Rule } from '../rule';

const rule: Rule = {
  meta: {
    id: 'indicator-balance',
    description: "A scorecard whose KPIs are all lagging or all leading indicators.",
    category: 'practice',
    defaultSeverity: 'info',
    fixable: false,
  },
  check() {
    // Not implemented yet.
  },
};
export default rule;
