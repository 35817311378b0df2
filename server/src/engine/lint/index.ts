// The lint wing: running the rules (rules/ holds one file per rule) with their settings and
// suppressions, and the fixes they return as data.
export * from './lint';
export * from './rule';
export * from './config';
export * from './fix';
export * from './edit';
export * from './suppress';
export * from './baseline';
