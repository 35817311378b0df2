import type { Rule } from '../lint/rule';
import cascadeCycle from './cascade-cycle';
import duplicateId from './duplicate-id';
import fileLimit from './file-limit';
import schema from './schema';
import unresolvedRef from './unresolved-ref';
import unusedSuppression from './unused-suppression';
import yamlSyntax from './yaml-syntax';
import visionCoupling from './vision-coupling';
import redundantKpis from './redundant-kpis';
import tooManyOutputs from './too-many-outputs';
import uncontrolledKpi from './uncontrolled-kpi';
import conflictingLever from './conflicting-lever';
import noiseSensitive from './noise-sensitive';
import targetDirection from './target-direction';
import smartTarget from './smart-target';
import kpiOwner from './kpi-owner';
import ownerLoad from './owner-load';
import portfolioSize from './portfolio-size';
import objectiveWithoutKpi from './objective-without-kpi';
import indicatorBalance from './indicator-balance';
import horizonBalance from './horizon-balance';
import thresholdOrder from './threshold-order';
import thresholdNoise from './threshold-noise';
import reviewOverdue from './review-overdue';
import vanityMetric from './vanity-metric';
import polarityOveruse from './polarity-overuse';
import polarityBalance from './polarity-balance';
import visionMissing from './vision-missing';
import valueDomain from './value-domain';
import milestoneMissing from './milestone-missing';
import staleData from './stale-data';
import statusMismatch from './status-mismatch';
import leverOverdue from './lever-overdue';
import perspectiveBalance from './perspective-balance';

/** Every rule, in the order of the catalogue (RULES.md). Add a rule here and in docs/rules/. */
export const RULES: readonly Rule[] = [
  yamlSyntax,
  schema,
  unresolvedRef,
  duplicateId,
  cascadeCycle,
  unusedSuppression,
  fileLimit,
  visionCoupling,
  redundantKpis,
  tooManyOutputs,
  uncontrolledKpi,
  conflictingLever,
  noiseSensitive,
  targetDirection,
  smartTarget,
  kpiOwner,
  ownerLoad,
  portfolioSize,
  objectiveWithoutKpi,
  indicatorBalance,
  horizonBalance,
  thresholdOrder,
  thresholdNoise,
  reviewOverdue,
  vanityMetric,
  polarityOveruse,
  polarityBalance,
  visionMissing,
  valueDomain,
  milestoneMissing,
  staleData,
  statusMismatch,
  leverOverdue,
  perspectiveBalance,
];
