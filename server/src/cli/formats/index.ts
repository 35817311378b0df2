import github from './github';
import json from './json';
import junit from './junit';
import markdown from './markdown';
import sarif from './sarif';
import stylish from './stylish';
import type { Formatter } from './types';

/** Output formats of `kpilens lint --format`. */
export const FORMATTERS: Record<string, Formatter> = {
  stylish,
  json,
  sarif,
  github,
  junit,
  markdown,
};
