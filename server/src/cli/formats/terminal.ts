/**
 * Makes text from a scorecard safe to print on a terminal as one line: control characters (escape
 * sequences among them, and line breaks, after which a CI log would read `::error::` as a command)
 * and bidirectional overrides are shown as \u{...} instead of acting on the screen.
 */
export function safeForTerminal(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);
}
