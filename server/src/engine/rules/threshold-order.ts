import type { Rule } from '../rule';

const rule: Rule = {
  meta: {
    id: 'threshold-order',
    description: "Thresholds that contradict the direction (alert before warn), or a target already inside the warn or alert band.",
    category: 'practice',
    defaultSeverity: 'error',
    fixable: true,
  },
  check() {
    // Not implemented yet.
  },
};
export default rule;
