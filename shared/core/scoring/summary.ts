import type { Score, ScoreReason } from '#shared/core/contact.ts';
import { formatSignedPoints } from './points.ts';
import { compareText } from './text.ts';

/** Maximum length of a summary, so it fits HubSpot's "last score reason" property. */
export const SUMMARY_MAX_LENGTH = 250;

const QUALIFICATION_LABELS: Record<Score['qualification'], string> = {
  lead: 'Lead',
  mql: 'MQL',
  sql: 'SQL',
};

/**
 * Writes a score as one line of at most `SUMMARY_MAX_LENGTH` characters,
 * for example `SQL: fit 55 (industry-target +20, ...), engagement 48
 * (keyPageView:pricing +10, ...)`. Rules are listed by size; those that do
 * not fit are counted as `+N more`.
 */
export function summarizeScore(
  score: Pick<
    Score,
    'qualification' | 'fit' | 'engagement' | 'reasons' | 'failedRequired'
  >,
): string {
  const fitItems = itemsOf(score.reasons, 'fit');
  const engagementItems = itemsOf(score.reasons, 'engagement');
  const failed = score.failedRequired ?? [];
  const required =
    failed.length === 0 ? undefined : `required not met: ${failed.join(', ')}`;

  let fitShown = fitItems.length;
  let engagementShown = engagementItems.length;
  for (;;) {
    const line =
      `${QUALIFICATION_LABELS[score.qualification]}: ` +
      `fit ${score.fit}${listOf(fitItems, fitShown, required)}, ` +
      `engagement ${score.engagement}${listOf(engagementItems, engagementShown)}`;
    if (line.length <= SUMMARY_MAX_LENGTH) return line;
    if (fitShown === 0 && engagementShown === 0) {
      return `${line.slice(0, SUMMARY_MAX_LENGTH - 3)}...`;
    }
    if (engagementShown >= fitShown) engagementShown -= 1;
    else fitShown -= 1;
  }
}

function itemsOf(reasons: readonly ScoreReason[], part: ScoreReason['part']) {
  return reasons
    .filter((reason) => reason.part === part && reason.points !== 0)
    .sort(
      (a, b) =>
        Math.abs(b.points) - Math.abs(a.points) || compareText(a.rule, b.rule),
    )
    .map((reason) => `${reason.rule} ${formatSignedPoints(reason.points)}`);
}

function listOf(items: string[], shown: number, suffix?: string): string {
  const parts = items.slice(0, shown);
  if (shown < items.length) parts.push(`+${items.length - shown} more`);
  let list = parts.join(', ');
  if (suffix !== undefined) list = list === '' ? suffix : `${list}; ${suffix}`;
  return list === '' ? '' : ` (${list})`;
}
