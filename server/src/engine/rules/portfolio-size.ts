import type { Rule } from '../rule';

const rule: Rule = {
  meta: {
    id: 'portfolio-size',
    description: "A scorecard with more KPIs or objectives than a team can keep in mind.",
    category: 'practice',
    defaultSeverity: 'info',
    fixable: false,
    options: {
    maxKpis: { description: "Most KPIs in one scorecard.", default: 7, min: 1, integer: true },
    maxObjectives: { description: "Most objectives in one scorecard.", default: 3, min: 1, integer: true },
    },
  },
  check() {
    // Not implemented yet.
  },
};
export default rule;
