import type { Rule } from '../rule';

const rule: Rule = {
  meta: {
    id: 'objective-without-kpi',
    description: "An objective that no KPI measures.",
    category: 'practice',
    defaultSeverity: 'warning',
    fixable: false,
  },
  check() {
    // Not implemented yet.
  },
};
export default rule;
