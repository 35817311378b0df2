import type { Rule } from '../rule';

const rule: Rule = {
  meta: {
    id: 'threshold-noise',
    description: "A warn/alert band narrower than twice the noise: the status would flap.",
    category: 'practice',
    defaultSeverity: 'warning',
    fixable: false,
    options: {
    factor: { description: "How many times the noise the band must span.", default: 2, min: 0 },
    },
  },
  check() {
    // Not implemented yet.
  },
};
export default rule;
