import type { ClientConfig } from '#shared/core/config/client.ts';
import type {
  ContactSnapshot,
  InteractionEvent,
  Score,
} from '#shared/core/contact.ts';
import { matchesCondition } from './conditions.ts';
import { scoreEngagement } from './engagement.ts';
import { scoreFit } from './fit.ts';
import { inferJourneyStage } from './journey.ts';
import { assignPersona } from './persona.ts';
import { roundPoints } from './points.ts';
import { qualify } from './qualification.ts';
import { summarizeScore } from './summary.ts';

/** Prefix of the ids of interactions that disqualifiers add; no outside event id starts with it. */
export const DISQUALIFIER_ID_PREFIX = 'nurture:disqualifier:';

/**
 * Scores one contact as of `now` (ms since the epoch): fit, engagement,
 * qualification, persona, journey stage and their explanation. Pure and
 * deterministic: the same config, snapshot and `now` give the same score.
 */
export function scoreContact(
  config: ClientConfig,
  snapshot: ContactSnapshot,
  now: number,
): Score {
  const fit = scoreFit(config, snapshot.properties);
  const { persona, matchedBy } = assignPersona(config, snapshot.properties);
  const interactions = withDisqualifiers(config, snapshot, now);
  const engagement = scoreEngagement(config, interactions, now);
  const total = roundPoints(fit.points + engagement.points);
  const qualification = qualify(config, {
    fit: fit.points,
    engagement: engagement.points,
    total,
    requiredMet: fit.requiredMet,
    persona,
  });

  const score: Score = {
    fit: fit.points,
    engagement: engagement.points,
    total,
    qualification,
    persona,
    journeyStage: inferJourneyStage(config, interactions, now),
    unknownFitFields: fit.unknownFields,
    failedRequired: fit.failedRequired,
    personaMatchedBy: matchedBy,
    reasons: [...fit.reasons, ...engagement.reasons],
    summary: '',
    scoredAt: now,
  };
  score.summary = summarizeScore(score);
  return score;
}

// A disqualifier applies as long as its condition is true, so its interaction
// happens at `now` and never decays.
function withDisqualifiers(
  config: ClientConfig,
  snapshot: ContactSnapshot,
  now: number,
): readonly InteractionEvent[] {
  let interactions: InteractionEvent[] | undefined;
  for (const disqualifier of config.engagement.disqualifiers) {
    if (matchesCondition(disqualifier.when, snapshot.properties) !== true) {
      continue;
    }
    interactions ??= [...snapshot.interactions];
    interactions.push({
      id: `${DISQUALIFIER_ID_PREFIX}${disqualifier.id}`,
      kind: 'disqualifier',
      occurredAt: now,
      quantity: 1,
      disqualifier: disqualifier.id,
    });
  }
  return interactions ?? snapshot.interactions;
}
