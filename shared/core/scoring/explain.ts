import type { Score, ScoreReason } from '#shared/core/contact.ts';
import { formatSignedPoints, roundPoints } from './points.ts';

/**
 * Describes in one line what changed between two scores of a contact, for
 * the score ledger: qualification, fit and engagement with the rules that
 * moved, persona and journey stage. Returns `no change` when nothing did.
 */
export function explainChange(
  previous: Score | undefined,
  next: Score,
): string {
  if (previous === undefined) return `first score: ${next.summary}`;

  const changes: string[] = [];
  if (previous.qualification !== next.qualification) {
    changes.push(
      `qualification ${previous.qualification} -> ${next.qualification}`,
    );
  }
  for (const part of ['fit', 'engagement'] as const) {
    const change = describePart(part, previous, next);
    if (change !== undefined) changes.push(change);
  }
  if (previous.persona !== next.persona) {
    changes.push(`persona ${previous.persona} -> ${next.persona}`);
  }
  if (previous.journeyStage !== next.journeyStage) {
    changes.push(`journey ${previous.journeyStage} -> ${next.journeyStage}`);
  }
  return changes.length === 0 ? 'no change' : changes.join('; ');
}

function describePart(
  part: ScoreReason['part'],
  previous: Score,
  next: Score,
): string | undefined {
  const before = pointsByRule(previous.reasons, part);
  const after = pointsByRule(next.reasons, part);
  const rules: string[] = [];
  for (const [rule, points] of after) {
    const old = before.get(rule);
    if (old === undefined)
      rules.push(`${rule} ${formatSignedPoints(points)} new`);
    else if (old !== points) rules.push(`${rule} ${old} -> ${points}`);
  }
  for (const [rule, points] of before) {
    if (!after.has(rule)) {
      rules.push(`${rule} ${formatSignedPoints(points)} removed`);
    }
  }
  if (previous[part] === next[part] && rules.length === 0) return undefined;

  const delta = formatSignedPoints(roundPoints(next[part] - previous[part]));
  const detail = rules.length === 0 ? '' : `: ${rules.join(', ')}`;
  return `${part} ${previous[part]} -> ${next[part]} (${delta}${detail})`;
}

function pointsByRule(
  reasons: readonly ScoreReason[],
  part: ScoreReason['part'],
): Map<string, number> {
  const points = new Map<string, number>();
  for (const reason of reasons) {
    if (reason.part === part) points.set(reason.rule, reason.points);
  }
  return points;
}
