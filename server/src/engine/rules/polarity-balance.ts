import type { Rule } from '../rule';

const rule: Rule = {
  meta: {
    id: 'polarity-balance',
    description: "A scorecard whose KPIs serve only one pole of a polarity.",
    category: 'practice',
    defaultSeverity: 'info',
    fixable: false,
  },
  check() {
    // Not implemented yet.
  },
};
export default rule;
