import type { Rule } from '../rule';

const rule: Rule = {
  meta: {
    id: 'smart-target',
    description: "A KPI that is not SMART: no definition, unit, baseline, target value or target date.",
    category: 'practice',
    defaultSeverity: 'warning',
    fixable: true,
  },
  check() {
    // Not implemented yet.
  },
};
export default rule;
