import type { Rule } from '../rule';

const rule: Rule = {
  meta: {
    id: 'review-overdue',
    description: "A scorecard without a review block or past its review date, or a KPI without a cadence.",
    category: 'practice',
    defaultSeverity: 'warning',
    fixable: false,
  },
  check() {
    // Not implemented yet.
  },
};
export default rule;
