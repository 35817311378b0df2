import type { Rule } from '../rule';
import cascadeCycle from './cascade-cycle';
import duplicateId from './duplicate-id';
import fileLimit from './file-limit';
import schema from './schema';
import unresolvedRef from './unresolved-ref';
import unusedSuppression from './unused-suppression';
import yamlSyntax from './yaml-syntax';

/** Every rule, in the order of the catalogue (RULES.md). Add a rule here and in docs/rules/. */
export const RULES: readonly Rule[] = [
  yamlSyntax,
  schema,
  unresolvedRef,
  duplicateId,
  cascadeCycle,
  unusedSuppression,
  fileLimit,
];
