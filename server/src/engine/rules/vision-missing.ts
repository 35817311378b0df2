import type { Rule } from '../rule';

const rule: Rule = {
  meta: {
    id: 'vision-missing',
    description: "A root scorecard without a vision statement, or a vision without values.",
    category: 'practice',
    defaultSeverity: 'warning',
    fixable: false,
  },
  check() {
    // Not implemented yet.
  },
};
export default rule;
