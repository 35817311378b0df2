// A KPI's trend (the values of its last observations) drawn small: as a line of block characters
// for text, or as the points of a polyline for a chart. Both scale the values between their own
// lowest and highest, so the shape shows the movement, not the level.

const BLOCKS = '▁▂▃▄▅▆▇█';

/** One block character per value, ▁ for the lowest and █ for the highest; a flat series sits in the middle. */
export function sparkline(values: readonly number[]): string {
  const { lo, hi } = range(values);
  return values.map((v) => BLOCKS[hi === lo ? 3 : Math.round(((v - lo) / (hi - lo)) * (BLOCKS.length - 1))]).join('');
}

/**
 * The points of a chart of the values in a box of the given size (y grows downwards, as in SVG),
 * evenly spaced from left to right, with `pad` left free on every side for the line's width.
 */
export function trendPoints(values: readonly number[], width: number, height: number, pad = 2): [number, number][] {
  const { lo, hi } = range(values);
  const step = values.length > 1 ? (width - 2 * pad) / (values.length - 1) : 0;
  const y = (v: number) => (hi === lo ? height / 2 : pad + ((hi - v) / (hi - lo)) * (height - 2 * pad));
  return values.map((v, i) => [values.length > 1 ? pad + i * step : width / 2, y(v)]);
}

function range(values: readonly number[]): { lo: number; hi: number } {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return { lo, hi };
}
