// The part of csv-parse's API the engine calls, declared here because the package's own types
// pull in all of Node's, which the engine must not see (tsconfig.json beside the engine maps
// the module to this file).
export function parse(input: string, options?: Record<string, unknown>): string[][];
