import type { Rule } from '../rule';

const rule: Rule = {
  meta: {
    id: 'polarity-overuse',
    description: "A polarity assessment where one pole outweighs the other: the overused pole's downside shows.",
    category: 'practice',
    defaultSeverity: 'info',
    fixable: false,
    options: {
    gap: { description: "Smallest difference between the two poles that counts as overuse.", default: 3, min: 1 },
    },
  },
  check() {
    // Not implemented yet.
  },
};
export default rule;
