// The text of File > New File > KPI Scorecard: a small scorecard that kpilens finds nothing
// wrong with, to be rewritten with the team's own strategy. The dates are taken from the day it
// is made, so that it stays clean whatever the year. No vscode here, so that a test can lint it.

/** A new scorecard, as written on `today` (YYYY-MM-DD). */
export function newScorecard(today: string): string {
  const next = Number(today.slice(0, 4)) + 1;
  return `# A KPI scorecard: the vision, the objectives that serve it, the KPIs that tell whether they are
# reached, and the levers the team pulls to move them. Replace the examples with your own: hover a
# key to see what it means, press Ctrl+Space to see what can go where, and save the file with a
# name ending in .kpi.yaml.
kpilens: 1.1
scorecard:
  id: my-team
  title: My team
  owner: team-lead
  # parent: company        # the scorecard this one cascades from, if any
vision:
  statement: Every customer gets value from us in their first month.
  values: [customers first, measure what matters]
objectives:
  - id: fast-onboarding
    title: New customers are up and running quickly
    supports: [vision]
kpis:
  - id: time-to-value
    name: Days from signing to first value
    definition: Median days from contract signature to the customer's first successful use, customers signed this month
    objective: fast-onboarding
    owner: team-lead
    unit: days
    direction: decrease
    baseline: 45
    target: { value: 30, by: ${next}-06-30 }
    indicator: lagging
    horizon: long
    cadence: monthly
    poles: [task]
  - id: guided-share
    name: Share of new customers onboarded with a guide
    definition: New customers this month who had a guided onboarding session, over all new customers this month
    objective: fast-onboarding
    owner: team-lead
    unit: percent
    direction: increase
    baseline: 20
    target: { value: 80, by: ${next}-06-30 }
    indicator: leading
    horizon: short
    cadence: monthly
    poles: [relationship]
levers:
  - id: onboarding-guide
    name: A guided onboarding session for every new customer
    owner: team-lead
    improves: [time-to-value]
    state: planned
  - id: guide-training
    name: Every support engineer trained to run an onboarding session
    owner: team-lead
    improves: [guided-share]
    state: planned
review:
  cadence: monthly
  last: ${today}
`;
}
