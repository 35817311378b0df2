// The syntax wing: text to the typed model (whole files and, for the editor, one edited item at a
// time), the JSON Schema's findings, and what the schema says at a path (completion and hover).
export * from './parse';
export { parseForEditing } from './incremental';
export * from './reparse';
export * from './schema';
export * from './schema-path';
export * from './build';
export { ID_RE, parseRef } from './values';
export * from './shift';
