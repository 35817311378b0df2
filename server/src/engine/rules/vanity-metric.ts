import type { Rule } from '../lint/rule';
import { rejected } from '../model/model';

const ACTIVITY_WORDS = new Set(['total', 'views', 'followers', 'visits', 'downloads', 'impressions', 'clicks']);
/** A cheap first look that allocates nothing: no KPI without one of the words in its id or name can have one as a whole word. */
const MAY_HAVE_WORD = /total|views|followers|visits|downloads|impressions|clicks/iu;

const rule: Rule = {
  meta: {
    id: 'vanity-metric',
    description: 'An activity count (total, views, followers, visits, downloads, impressions, clicks) that feeds no outcome.',
    category: 'practice',
    defaultSeverity: 'info',
    fixable: false,
  },
  check(ctx) {
    const { scorecard: sc, workspace: ws } = ctx;
    for (const k of sc.kpis) {
      // A `contributes` the schema rejects is the schema's finding, not a missing one.
      if (k.contributes.length > 0 || rejected(k, 'contributes') || !(MAY_HAVE_WORD.test(k.id) || (k.name && MAY_HAVE_WORD.test(k.name.value)))) continue;
      // Whole words only: `page-views` and "Total Views" count, `totality` does not.
      const words = `${k.id} ${k.name?.value ?? ''}`.toLowerCase().split(/[^a-z0-9]+/);
      const word = words.find((w) => ACTIVITY_WORDS.has(w));
      if (!word) continue;
      ctx.report({
        span: k.idSpan,
        message: `KPI "${k.id}" counts ${word}: an activity, not an outcome; name the outcome KPI it feeds in \`contributes\`, or measure that outcome instead.`,
        items: [ws.qualifiedId(sc, k)],
      });
    }
  },
};
export default rule;
