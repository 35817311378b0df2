import type { Rule } from '../rule';

const rule: Rule = {
  meta: {
    id: 'noise-sensitive',
    description: "A KPI whose target cannot be told from noise, or that a strong disturbance moves with no lever to answer it.",
    category: 'selection',
    defaultSeverity: 'warning',
    fixable: false,
    options: {
    factor: { description: "How many times the noise the planned change must exceed.", default: 2, min: 0 },
    },
  },
  check() {
    // Not implemented yet.
  },
};
export default rule;
