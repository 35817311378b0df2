import type { Rule } from '../rule';

const rule: Rule = {
  meta: {
    id: 'owner-load',
    description: "An owner with more KPIs across the workspace than one person can steer.",
    category: 'practice',
    defaultSeverity: 'warning',
    fixable: false,
    options: {
    max: { description: "Most KPIs one owner may hold.", default: 5, min: 1, integer: true },
    },
  },
  check() {
    // Not implemented yet.
  },
};
export default rule;
