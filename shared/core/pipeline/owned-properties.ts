import type { Score } from '../contact.ts';

/**
 * The HubSpot contact properties Nurture owns, computed from a score. Numbers are written as
 * whole points, so the slow decay of engagement does not cause a write on every event.
 */
export function ownedPropertyValues(score: Score): Record<string, string> {
  return {
    nurture_score: String(Math.round(score.total)),
    nurture_fit_score: String(Math.round(score.fit)),
    nurture_engagement_score: String(Math.round(score.engagement)),
    nurture_qualification: score.qualification,
    nurture_persona: score.persona,
    nurture_journey_stage: score.journeyStage,
    nurture_last_score_reason: score.summary,
    nurture_unknown_fit_fields: score.unknownFitFields.join(';'),
  };
}

/**
 * The properties whose value differs from what Nurture last wrote. When anything changed,
 * `nurture_last_scored_at` (ms since the epoch) goes along, and only then.
 */
export function changedProperties(
  written: Readonly<Record<string, string>>,
  next: Readonly<Record<string, string>>,
  scoredAt: number,
): Record<string, string> {
  const changes: Record<string, string> = {};
  for (const [name, value] of Object.entries(next)) {
    if (written[name] !== value) changes[name] = value;
  }
  if (Object.keys(changes).length > 0)
    changes.nurture_last_scored_at = String(scoredAt);
  return changes;
}
