// The model wing: the typed model and its description, the workspace of scorecards with its refs,
// the graphs and figures rules and editor features share (coupling, control, statistics, status).
export * from './model';
export * from './workspace';
export * from './refs';
export * from './query';
export * from './coupling';
export * from './control';
export * from './stats';
export * from './status';
export * from './targets';
