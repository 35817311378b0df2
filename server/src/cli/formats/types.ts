import type { Finding } from '../../engine';

/** One reported scorecard, with what a formatter needs to turn offsets into lines and columns. */
export interface FileResult {
  /** The path as given on the command line, joined with the path found below a given folder. */
  file: string;
  text: string;
  lineStarts: number[];
  findings: Finding[];
}

export interface FormatOptions {
  /** Colour (stylish only): true when stdout is a terminal and NO_COLOR is unset. */
  color: boolean;
  /** The tool's version, for formats that record it (SARIF). */
  version: string;
  /**
   * Any document of the workspace by its engine uri, reported or not, as displayed: related
   * locations (the first of two duplicate ids, the rest of a cycle) may point into it.
   */
  document?(uri: string): Pick<FileResult, 'file' | 'text' | 'lineStarts'> | undefined;
}

export type Formatter = (results: readonly FileResult[], options: FormatOptions) => string;
