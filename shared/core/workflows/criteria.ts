import type { ClientConfig } from '../config/client.ts';
import type {
  Check,
  Criterion,
  InteractionFilter,
} from '../config/workflows.ts';
import type { InteractionEvent } from '../contact.ts';
import { suppressionOf } from '../email/send-allowed.ts';
import { matchesCondition } from '../scoring/conditions.ts';
import { normalizePropertyValue, normalizeText } from '../scoring/text.ts';
import type { WorkflowContact } from './contact.ts';
import { DAY_MS } from './durations.ts';

/** Inputs of a check besides the check itself. */
export interface CheckScope {
  contact: WorkflowContact;
  now: number;
  config: Pick<ClientConfig, 'workflows' | 'email'>;
  /** Start of the enrollment the check runs in, for `sinceEnrollment`. */
  enrolledAt?: number;
}

const READ_KINDS = new Set(['pageView', 'keyPageView', 'emailClick']);
const DOWNLOAD_KINDS = new Set(['download', 'formSubmission']);
// Interactions that show interest in what they point at; opens and visits point at nothing.
const INTEREST_KINDS = new Set([
  ...READ_KINDS,
  ...DOWNLOAD_KINDS,
  'contactRequest',
]);

/** Tells whether every criterion holds; a check on an unknown value does not hold. */
export function meetsCriteria(
  criteria: readonly Criterion[],
  scope: CheckScope,
): boolean {
  return criteria.every((criterion) => meetsCriterion(criterion, scope));
}

function meetsCriterion(criterion: Criterion, scope: CheckScope): boolean {
  if (criterion.type === 'any') {
    return criterion.of.some((check) => meetsCheck(check, scope));
  }
  if (criterion.type === 'none') {
    return !criterion.of.some((check) => meetsCheck(check, scope));
  }
  return meetsCheck(criterion, scope);
}

function meetsCheck(check: Check, scope: CheckScope): boolean {
  const { contact, now } = scope;
  const score = contact.score;
  switch (check.type) {
    case 'persona':
      return score !== undefined && check.is.includes(score.persona);
    case 'qualification':
      return score !== undefined && check.is.includes(score.qualification);
    case 'journeyStage':
      return score !== undefined && check.is.includes(score.journeyStage);
    case 'lifecycleStage': {
      const stage = normalizePropertyValue(contact.properties.lifecyclestage);
      return (
        stage !== undefined &&
        check.is.some((value) => normalizeText(value) === stage)
      );
    }
    case 'property':
      return matchesCondition(check.when, contact.properties) === true;
    case 'interaction': {
      const since = check.sinceEnrollment
        ? (scope.enrolledAt ?? now)
        : windowStart(check.withinDays, now);
      return (
        countInteractions(contact.interactions, now, since, (event) =>
          matchesFilter(event, check.filter),
        ) >= check.minCount
      );
    }
    case 'interest':
      return meetsInterest(check, scope);
    case 'consumed': {
      const kinds =
        check.how === 'read'
          ? READ_KINDS
          : check.how === 'downloaded'
            ? DOWNLOAD_KINDS
            : new Set([...READ_KINDS, ...DOWNLOAD_KINDS]);
      return contact.interactions.some(
        (event) =>
          event.occurredAt <= now &&
          event.contentId === check.contentId &&
          kinds.has(event.kind),
      );
    }
    case 'score': {
      if (score === undefined) return false;
      const value = score[check.part];
      if (check.min !== undefined && value < check.min) return false;
      return check.max === undefined || value <= check.max;
    }
    case 'unsubscribed': {
      const reason = suppressionOf(contact, scope.config.email);
      return reason !== undefined && reason !== 'noEmailAddress';
    }
  }
}

/** Tells whether an interaction has one of the filter's kinds and, when given, its content item and key page. */
export function matchesFilter(
  event: InteractionEvent,
  filter: InteractionFilter,
): boolean {
  if (!filter.kinds.includes(event.kind)) return false;
  if (filter.contentId !== undefined && event.contentId !== filter.contentId) {
    return false;
  }
  return filter.page === undefined || event.page === filter.page;
}

function meetsInterest(
  check: Extract<Check, { type: 'interest' }>,
  scope: CheckScope,
): boolean {
  const topic = scope.config.workflows.topics.find(
    (item) => item.id === check.topic,
  );
  if (topic === undefined) return false;
  const since = windowStart(check.withinDays, scope.now);
  const count = countInteractions(
    scope.contact.interactions,
    scope.now,
    since,
    (event) =>
      INTEREST_KINDS.has(event.kind) &&
      ((event.contentId !== undefined &&
        topic.contentIds.includes(event.contentId)) ||
        (event.page !== undefined && topic.keyPages.includes(event.page))),
  );
  return count >= check.minCount;
}

function windowStart(withinDays: number | undefined, now: number): number {
  return withinDays === undefined ? -Infinity : now - withinDays * DAY_MS;
}

function countInteractions(
  interactions: readonly InteractionEvent[],
  now: number,
  since: number,
  matches: (event: InteractionEvent) => boolean,
): number {
  let count = 0;
  for (const event of interactions) {
    if (event.occurredAt < since || event.occurredAt > now) continue;
    if (matches(event)) count += event.quantity;
  }
  return count;
}
