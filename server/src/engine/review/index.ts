// The review wing: the strategy diff of two versions, for pull-request review.
export * from './diff';
export * from './fields';
export * from './targets';
