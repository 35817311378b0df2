// The editor wing: what the cursor is on and the outline, for the language server's features.
export * from './cursor';
export * from './outline';
