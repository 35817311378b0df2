import type { ValidateFunction } from 'ajv/dist/2020';

/** The validators schema.ts uses: the top level of a scorecard and each kind of list item. */
export interface Validators {
  root: ValidateFunction;
  objectives: ValidateFunction;
  kpis: ValidateFunction;
  levers: ValidateFunction;
  disturbances: ValidateFunction;
}

/**
 * In the bundles, esbuild.mjs replaces this module with the validators' standalone code
 * (scripts/validators.cjs), generated from the schema at build time. Run from source (tests,
 * tsx), there is none and schema.ts compiles the schema at first use.
 */
export const precompiled: Validators | undefined = undefined;
