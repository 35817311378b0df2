import type { Rule } from '../rule';

const rule: Rule = {
  meta: {
    id: 'vanity-metric',
    description: "An activity count (total, views, followers, visits, downloads, impressions, clicks) that feeds no outcome.",
    category: 'practice',
    defaultSeverity: 'info',
    fixable: false,
  },
  check() {
    // Not implemented yet.
  },
};
export default rule;
