import { z } from 'zod';
import { interactionMessage } from '#shared/core/webhooks/messages.ts';
import { logger } from '#shared/logger.ts';
import type { MessageQueue } from '#shared/queue/queue.ts';
import type { DynamoMailState } from '#shared/store/dynamodb/mail-state.ts';

// SES puts each email tag in `mail.tags` as a list of values.
const TagsSchema = z.record(z.string(), z.array(z.string()));

/** The part of an SES event (EventBridge `detail`, or an SNS message) that Nurture reads. */
export const SesEventSchema = z.object({
  eventType: z.enum([
    'Send',
    'Delivery',
    'Bounce',
    'Complaint',
    'Open',
    'Click',
    'Reject',
    'DeliveryDelay',
    'RenderingFailure',
    'Subscription',
  ]),
  mail: z.object({
    messageId: z.string(),
    timestamp: z.string(),
    tags: TagsSchema.default({}),
  }),
  bounce: z
    .object({ bounceType: z.string(), timestamp: z.string() })
    .optional(),
  complaint: z.object({ timestamp: z.string() }).optional(),
  open: z.object({ timestamp: z.string() }).optional(),
  click: z.object({ timestamp: z.string() }).optional(),
});
export type SesEvent = z.infer<typeof SesEventSchema>;

/** The effect of one SES event. */
export type SesEventOutcome =
  | 'delivered'
  | 'suppressedHardBounce'
  | 'suppressedComplaint'
  | 'interaction'
  | 'ignored';

/**
 * Records one SES event. A permanent bounce or a complaint suppresses the
 * contact. An open or click goes to the contact-events queue as an
 * interaction for scoring, keyed by SES message id so a redelivered event
 * counts once. Events of emails without Nurture's `contact` and `portal`
 * tags are ignored.
 */
export async function recordSesEvent(
  event: SesEvent,
  dependencies: { mailState: DynamoMailState; contactEvents: MessageQueue },
): Promise<SesEventOutcome> {
  const tags = event.mail.tags;
  const contactId = tags.contact?.[0];
  const portalId = Number(tags.portal?.[0]);
  if (contactId === undefined || !Number.isInteger(portalId)) {
    logger.info('SES event without Nurture tags ignored', {
      messageId: event.mail.messageId,
    });
    return 'ignored';
  }
  const contentId = tags.content?.[0];
  switch (event.eventType) {
    case 'Delivery':
      return 'delivered';
    case 'Bounce': {
      if (event.bounce?.bounceType !== 'Permanent') return 'ignored';
      await dependencies.mailState.recordSuppression(portalId, contactId, {
        reason: 'hardBounce',
        at: Date.parse(event.bounce.timestamp),
      });
      return 'suppressedHardBounce';
    }
    case 'Complaint':
      await dependencies.mailState.recordSuppression(portalId, contactId, {
        reason: 'complaint',
        at: Date.parse(event.complaint?.timestamp ?? event.mail.timestamp),
      });
      return 'suppressedComplaint';
    case 'Open':
    case 'Click': {
      const kind = event.eventType === 'Open' ? 'emailOpen' : 'emailClick';
      const at = event.open?.timestamp ?? event.click?.timestamp;
      await dependencies.contactEvents.send([
        interactionMessage(portalId, contactId, {
          id: `ses:${kind}:${event.mail.messageId}`,
          kind,
          occurredAt: Date.parse(at ?? event.mail.timestamp),
          ...(contentId === undefined ? {} : { contentId }),
        }),
      ]);
      return 'interaction';
    }
    default:
      return 'ignored';
  }
}
