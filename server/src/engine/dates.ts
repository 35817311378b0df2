import type { Cadence } from './model/model';

// Calendar arithmetic on YYYY-MM-DD strings, in UTC. Pure: the day to count from is always
// passed in (the lint's as-of date), never read from the clock.

const DAY_MS = 86_400_000;

/** A calendar date written YYYY-MM-DD: 2026-02-28 is one, 2026-02-31 and 2026-2-3 are not. */
export function isDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

function parts(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number);
  return [y, m, d];
}

function format(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Days since 1970-01-01. */
export function dayNumber(date: string): number {
  const [y, m, d] = parts(date);
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

export function addDays(date: string, days: number): string {
  const t = new Date((dayNumber(date) + days) * DAY_MS);
  return format(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Adds calendar months; a day past the end of the new month becomes its last day (08-31 + 3 months = 11-30). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return format(year, month, Math.min(d, last));
}

/**
 * A date moved by a number of cadence periods (negative: back): daily 1 day, weekly 7,
 * biweekly 14, monthly 1 calendar month, quarterly 3, yearly 12 (clamped to the end of the month
 * as addMonths does).
 */
export function addPeriods(date: string, cadence: Cadence, periods: number): string {
  switch (cadence) {
    case 'daily':
      return addDays(date, periods);
    case 'weekly':
      return addDays(date, 7 * periods);
    case 'biweekly':
      return addDays(date, 14 * periods);
    case 'monthly':
      return addMonths(date, periods);
    case 'quarterly':
      return addMonths(date, 3 * periods);
    case 'yearly':
      return addMonths(date, 12 * periods);
  }
}
