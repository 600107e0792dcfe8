import { createHash } from 'node:crypto';
import type { DynamoMailState } from '#shared/store/dynamodb/mail-state.ts';
import type { MessageQueue } from '#shared/queue/queue.ts';
import {
  recordSesEvent,
  SesEventSchema,
} from '#shared/workflows/ses-events.ts';
import type { SentEmail } from '#shared/workflows/tick.ts';

/** Share of sent demo emails that are opened, and of opened ones that are clicked (made-up rates). */
const OPEN_RATE = 0.4;
const CLICK_RATE = 0.3;

/** Counts of the opens and clicks the demo made up. */
export interface SimulatedEmailEvents {
  opens: number;
  clicks: number;
}

/**
 * Makes up SES open and click events for the emails the demo sent, because
 * aws-ses-v2-local emits no events. Whether an email is opened or clicked
 * follows from the seed and its action key, so every run makes the same ones.
 * The events go through the same `recordSesEvent` as SES events in AWS.
 */
export async function simulateEmailEvents(
  sent: readonly SentEmail[],
  seed: number,
  dependencies: { mailState: DynamoMailState; contactEvents: MessageQueue },
  totals: SimulatedEmailEvents,
): Promise<void> {
  for (const email of sent) {
    const draw = fractionsOf(`${seed}:${email.actionKey}`);
    if (draw[0] >= OPEN_RATE) continue;
    // At the send time, so the interaction is never later than the clock that processes it.
    await record(email, 'Open', email.at, dependencies);
    totals.opens += 1;
    if (draw[1] >= CLICK_RATE) continue;
    await record(email, 'Click', email.at, dependencies);
    totals.clicks += 1;
  }
}

async function record(
  email: SentEmail,
  eventType: 'Open' | 'Click',
  at: number,
  dependencies: { mailState: DynamoMailState; contactEvents: MessageQueue },
): Promise<void> {
  const timestamp = new Date(at).toISOString();
  const event = SesEventSchema.parse({
    eventType,
    mail: {
      messageId: email.messageId,
      timestamp: new Date(email.at).toISOString(),
      tags: {
        contact: [email.contactId],
        portal: [String(email.portalId)],
        content: [email.contentId],
      },
    },
    [eventType === 'Open' ? 'open' : 'click']: { timestamp },
  });
  await recordSesEvent(event, dependencies);
}

// Two numbers in [0, 1) from one hash, so each email's draws do not depend on the others.
function fractionsOf(text: string): [number, number] {
  const digest = createHash('sha256').update(text).digest();
  return [digest.readUInt32BE(0) / 2 ** 32, digest.readUInt32BE(4) / 2 ** 32];
}
