import type { ClientConfig } from '#shared/core/config/client.ts';
import {
  JOURNEY_STAGES,
  type JourneyStage,
} from '#shared/core/config/content.ts';
import type { KeyPage } from '#shared/core/config/scoring.ts';
import type { InteractionEvent } from '#shared/core/contact.ts';
import { contentById, keyPagesById } from './lookups.ts';

const DECISION_INDEX = JOURNEY_STAGES.indexOf('decision');

/**
 * Infers the buyer-journey stage as of `now`: the furthest stage of the
 * content consumed (interactions with a `contentId` in the content map), or
 * decision after a contact request or a view of a key page marked as a
 * decision signal. Without any of these the stage is awareness. Stages never
 * decay: a stage once reached stays reached.
 */
export function inferJourneyStage(
  config: Pick<ClientConfig, 'content' | 'engagement'>,
  interactions: readonly InteractionEvent[],
  now: number,
): JourneyStage {
  const content = contentById(config.content);
  const keyPages = keyPagesById(config.engagement);
  let furthest = 0;

  for (const event of interactions) {
    if (event.occurredAt > now) continue;
    if (isDecisionSignal(event, keyPages)) return 'decision';
    const item =
      event.contentId === undefined ? undefined : content.get(event.contentId);
    if (item !== undefined) {
      furthest = Math.max(furthest, JOURNEY_STAGES.indexOf(item.stage));
      if (furthest === DECISION_INDEX) return 'decision';
    }
  }
  return JOURNEY_STAGES[furthest] ?? 'awareness';
}

function isDecisionSignal(
  event: InteractionEvent,
  keyPages: Map<string, KeyPage>,
): boolean {
  if (event.kind === 'contactRequest') return true;
  if (event.kind !== 'keyPageView' || event.page === undefined) return false;
  return keyPages.get(event.page)?.decisionSignal === true;
}
