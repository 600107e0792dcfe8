import type { ClientConfig } from '#shared/core/config/client.ts';
import {
  INTERACTION_KINDS,
  type Engagement,
  type InteractionKind,
} from '#shared/core/config/scoring.ts';
import type { InteractionEvent, ScoreReason } from '#shared/core/contact.ts';
import { keyPagesById } from './lookups.ts';
import { roundPoints } from './points.ts';
import { compareText } from './text.ts';

/** The interaction (engagement) part of a score. */
export interface EngagementResult {
  /** Engagement points as of `now`, rounded to one decimal. */
  points: number;
  /** One reason per rule (kind, with key page, content or disqualifier id), in kind order. */
  reasons: ScoreReason[];
}

interface RuleTotal {
  kindIndex: number;
  events: number;
  basePoints: number;
  cappedPoints: number;
  points: number;
}

const DAY_MS = 86_400_000;
const KIND_INDEX = new Map<InteractionKind, number>(
  INTERACTION_KINDS.map((kind, index) => [kind, index]),
);

/**
 * Scores interactions as of `now` (ms since the epoch). Each event is worth
 * its kind's points times its quantity; a key page view is worth the key
 * page's points. Per kind, the most recent points fill the cap, then each
 * event decays by `0.5^((now - occurredAt) / halfLife)`. Events after `now`
 * and repeated ids are ignored, so the order of `interactions` does not
 * matter, and with no new events the total only shrinks towards 0.
 */
export function scoreEngagement(
  config: Pick<ClientConfig, 'engagement'>,
  interactions: readonly InteractionEvent[],
  now: number,
): EngagementResult {
  const engagement = config.engagement;
  const halfLifeMs =
    engagement.halfLifeDays === undefined
      ? undefined
      : engagement.halfLifeDays * DAY_MS;
  const capLeft = {
    positive: new Map<string, number>(),
    negative: new Map<string, number>(),
  };
  const rules = new Map<string, RuleTotal>();

  for (const event of countedInteractions(interactions, now)) {
    const basePoints = unitPointsOf(engagement, event) * event.quantity;
    if (basePoints === 0) continue;

    const capMap = basePoints > 0 ? capLeft.positive : capLeft.negative;
    const left =
      capMap.get(event.kind) ?? engagement.weights[event.kind]?.cap ?? Infinity;
    const counted = Math.min(Math.abs(basePoints), left);
    capMap.set(event.kind, left - counted);
    const cappedPoints = Math.sign(basePoints) * counted;
    const points =
      cappedPoints * decayFactor(now - event.occurredAt, halfLifeMs);

    const rule = ruleOf(event);
    const total = rules.get(rule) ?? newRuleTotal(event.kind);
    total.events += 1;
    total.basePoints += basePoints;
    total.cappedPoints += cappedPoints;
    total.points += points;
    rules.set(rule, total);
  }

  return summarizeRules(rules);
}

/** Returns the rule name of an interaction: its kind, with the key page, content or disqualifier id. */
export function ruleOf(event: InteractionEvent): string {
  const qualifier = event.page ?? event.contentId ?? event.disqualifier;
  return qualifier === undefined ? event.kind : `${event.kind}:${qualifier}`;
}

/**
 * Returns the interactions that score as of `now`: one per id (the same
 * choice whatever the input order), none after `now`, none already scored by
 * a counter, newest first and then by id.
 */
function countedInteractions(
  interactions: readonly InteractionEvent[],
  now: number,
): InteractionEvent[] {
  const byId = new Map<string, InteractionEvent>();
  for (const event of interactions) {
    const seen = byId.get(event.id);
    if (seen === undefined || compareContent(event, seen) < 0) {
      byId.set(event.id, event);
    }
  }
  const counted: InteractionEvent[] = [];
  for (const event of byId.values()) {
    if (event.occurredAt <= now && event.countedByCounter !== true) {
      counted.push(event);
    }
  }
  return counted.sort(
    (a, b) => b.occurredAt - a.occurredAt || compareText(a.id, b.id),
  );
}

// A total order on everything but the id, so duplicates of one id resolve
// the same way in any input order.
function compareContent(a: InteractionEvent, b: InteractionEvent): number {
  return (
    a.occurredAt - b.occurredAt ||
    compareText(a.kind, b.kind) ||
    a.quantity - b.quantity ||
    compareText(a.page ?? '', b.page ?? '') ||
    compareText(a.contentId ?? '', b.contentId ?? '') ||
    compareText(a.disqualifier ?? '', b.disqualifier ?? '') ||
    Number(a.countedByCounter === true) - Number(b.countedByCounter === true)
  );
}

function unitPointsOf(engagement: Engagement, event: InteractionEvent): number {
  if (event.kind === 'keyPageView' && event.page !== undefined) {
    const keyPage = keyPagesById(engagement).get(event.page);
    if (keyPage !== undefined) return keyPage.points;
  }
  return engagement.weights[event.kind]?.points ?? 0;
}

function decayFactor(ageMs: number, halfLifeMs: number | undefined): number {
  return halfLifeMs === undefined ? 1 : Math.pow(0.5, ageMs / halfLifeMs);
}

function newRuleTotal(kind: InteractionKind): RuleTotal {
  return {
    kindIndex: KIND_INDEX.get(kind) ?? INTERACTION_KINDS.length,
    events: 0,
    basePoints: 0,
    cappedPoints: 0,
    points: 0,
  };
}

function summarizeRules(rules: Map<string, RuleTotal>): EngagementResult {
  const ordered = [...rules].sort(
    ([ruleA, a], [ruleB, b]) =>
      a.kindIndex - b.kindIndex || compareText(ruleA, ruleB),
  );
  let points = 0;
  const reasons: ScoreReason[] = [];
  for (const [rule, total] of ordered) {
    points += total.points;
    reasons.push({
      part: 'engagement',
      rule,
      points: roundPoints(total.points),
      detail: describeRule(total),
      events: total.events,
      basePoints: roundPoints(total.basePoints),
    });
  }
  return { points: roundPoints(points), reasons };
}

function describeRule(total: RuleTotal): string {
  const base = roundPoints(total.basePoints);
  const capped = roundPoints(total.cappedPoints);
  const decayed = roundPoints(total.points);
  const parts = [
    `${total.events} ${total.events === 1 ? 'event' : 'events'}`,
    `${base} points`,
  ];
  if (capped !== base) parts.push(`${capped} within the cap`);
  if (decayed !== capped) parts.push(`${decayed} after decay`);
  return parts.join(', ');
}
