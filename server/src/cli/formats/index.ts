import json from './json';
import stylish from './stylish';
import type { Formatter } from './types';

/** Output formats of `kpilens lint --format`. */
export const FORMATTERS: Record<string, Formatter> = {
  stylish,
  json,
};
