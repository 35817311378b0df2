// The rule pages (docs/rules/<id>.md) for the hovers of the server in a web worker, which has no
// folder to read them from: esbuild.mjs puts them in when it bundles the server. Run from the
// sources, there are none, and a hover on a finding gives the rule's one-line description.
export const RULE_DOCS: Readonly<Record<string, string>> = {};
