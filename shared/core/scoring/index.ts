export { matchesCondition, parseDecimal } from './conditions.ts';
export type { PropertyValues } from './conditions.ts';
export { ruleOf, scoreEngagement } from './engagement.ts';
export type { EngagementResult } from './engagement.ts';
export { explainChange } from './explain.ts';
export { scoreFit } from './fit.ts';
export type { FitResult } from './fit.ts';
export { inferJourneyStage } from './journey.ts';
export { assignPersona } from './persona.ts';
export type { PersonaAssignment } from './persona.ts';
export { roundPoints } from './points.ts';
export {
  LIFECYCLE_STAGES,
  lifecycleStageFor,
  qualify,
  thresholdsFor,
} from './qualification.ts';
export type { QualificationInput } from './qualification.ts';
export { DISQUALIFIER_ID_PREFIX, scoreContact } from './score.ts';
export { SUMMARY_MAX_LENGTH, summarizeScore } from './summary.ts';
