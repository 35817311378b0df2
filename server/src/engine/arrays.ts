// Helpers for large arrays. Spreading an array into a call (`out.push(...items)`,
// `Math.max(...values)`) passes every element as an argument on the stack, and past about
// 120,000 of them V8 throws "Maximum call stack size exceeded". A file may hold that many
// findings or nodes, so these loop instead.

/** Appends `items` to `into`, one by one; returns `into`. */
export function pushAll<T>(into: T[], items: Iterable<T>): T[] {
  for (const x of items) into.push(x);
  return into;
}

/** The largest value, or `empty` when there is none. */
export function maxOf(values: Iterable<number>, empty = -Infinity): number {
  return fold(values, empty, Math.max);
}

/** The smallest value, or `empty` when there is none. */
export function minOf(values: Iterable<number>, empty = Infinity): number {
  return fold(values, empty, Math.min);
}

function fold(values: Iterable<number>, empty: number, pick: (a: number, b: number) => number): number {
  let m: number | undefined;
  for (const v of values) m = m === undefined ? v : pick(m, v);
  return m ?? empty;
}

/** Index of the first entry greater than `x` in an ascending array. */
export function upperBound(xs: readonly number[], x: number): number {
  return upperBoundBy(xs, x, (v) => v);
}

/** Index of the first entry whose `of` is greater than `x`, in an array ascending by `of`. */
export function upperBoundBy<T>(xs: readonly T[], x: number, of: (t: T) => number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (of(xs[mid]) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
