// The one place that reads the clock: the as-of date of a lint when none is given. The engine's
// own code never calls it; the CLI and the language server pass its answer in.

/** Today in the local time zone, YYYY-MM-DD. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
