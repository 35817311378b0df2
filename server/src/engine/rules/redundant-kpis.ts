import type { Rule } from '../rule';

const rule: Rule = {
  meta: {
    id: 'redundant-kpis',
    description: "Two KPIs that carry the same information (declared or measured correlation, or the same objective, unit and levers): keep one.",
    category: 'selection',
    defaultSeverity: 'warning',
    fixable: false,
    options: {
    minR: { description: "Smallest absolute correlation that makes two KPIs redundant.", default: 0.8, min: 0 },
    minPoints: { description: "Fewest shared history dates before a measured correlation counts.", default: 8, min: 3, integer: true },
    },
  },
  check() {
    // Not implemented yet.
  },
};
export default rule;
