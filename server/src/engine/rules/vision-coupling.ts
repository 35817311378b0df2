import type { Rule } from '../rule';

const rule: Rule = {
  meta: {
    id: 'vision-coupling',
    description: "A KPI or objective with no path up to the vision: it may be measured well, but it does not tell whether the strategy is working.",
    category: 'selection',
    defaultSeverity: 'warning',
    fixable: false,
  },
  check() {
    // Not implemented yet.
  },
};
export default rule;
