import type { ClientConfig } from '#shared/core/config/client.ts';
import type { Thresholds } from '#shared/core/config/scoring.ts';
import type { Qualification } from '#shared/core/contact.ts';
import { personasById } from './lookups.ts';

/** Scores and persona that `qualify` reads. */
export interface QualificationInput {
  fit: number;
  engagement: number;
  /** Fit plus engagement as written; computed from them when omitted. */
  total?: number;
  /** True when every required fit criterion holds. */
  requiredMet: boolean;
  /** Persona id; its traits may override the thresholds. */
  persona: string;
}

/** HubSpot's default lifecycle stages (internal values), earliest first. */
export const LIFECYCLE_STAGES = [
  'subscriber',
  'lead',
  'marketingqualifiedlead',
  'salesqualifiedlead',
  'opportunity',
  'customer',
  'evangelist',
] as const;

const STAGE_FOR_QUALIFICATION: Record<Qualification, string> = {
  lead: 'lead',
  mql: 'marketingqualifiedlead',
  sql: 'salesqualifiedlead',
};
const STAGE_INDEX = new Map<string, number>(
  LIFECYCLE_STAGES.map((stage, index) => [stage, index]),
);

/** Returns the MQL and SQL thresholds for a persona: its trait overrides, else the config's. */
export function thresholdsFor(
  config: Pick<ClientConfig, 'thresholds' | 'personas'>,
  personaId: string,
): Thresholds {
  const traits = personasById(config.personas).get(personaId)?.traits;
  const sqlTotal = traits?.sqlTotal ?? config.thresholds.sqlTotal;
  return {
    mqlFit: traits?.mqlFit ?? config.thresholds.mqlFit,
    sqlEngagement: traits?.sqlEngagement ?? config.thresholds.sqlEngagement,
    ...(sqlTotal === undefined ? {} : { sqlTotal }),
  };
}

/**
 * Qualifies a contact: an MQL meets every required criterion and reaches the
 * MQL fit threshold, an SQL is an MQL that also reaches the SQL engagement
 * threshold and, when set, the SQL total threshold. Anyone else is a lead.
 * Thresholds are inclusive.
 */
export function qualify(
  config: Pick<ClientConfig, 'thresholds' | 'personas'>,
  input: QualificationInput,
): Qualification {
  const thresholds = thresholdsFor(config, input.persona);
  if (!input.requiredMet || input.fit < thresholds.mqlFit) return 'lead';
  if (input.engagement < thresholds.sqlEngagement) return 'mql';
  const total = input.total ?? input.fit + input.engagement;
  const { sqlTotal } = thresholds;
  return sqlTotal === undefined || total >= sqlTotal ? 'sql' : 'mql';
}

/**
 * Returns the `lifecyclestage` value to write for a qualification, or
 * undefined when writing it would not move the contact forward. A contact
 * with no stage gets one; `other` and custom (numeric) stages are never
 * changed, because their place in the order is unknown.
 */
export function lifecycleStageFor(
  current: string | undefined,
  qualification: Qualification,
): string | undefined {
  const target = STAGE_FOR_QUALIFICATION[qualification];
  const stage = current?.trim().toLowerCase() ?? '';
  if (stage === '') return target;

  const currentIndex = STAGE_INDEX.get(stage);
  if (currentIndex === undefined) return undefined;
  return (STAGE_INDEX.get(target) ?? 0) > currentIndex ? target : undefined;
}
