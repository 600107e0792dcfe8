import { z } from 'zod';
import { ContentItemSchema } from './content.ts';
import { PersonasSchema } from './personas.ts';
import { SendWindowSchema } from '../schedule/send-window.ts';
import { WorkflowsSchema } from './workflows.ts';
import {
  EngagementSchema,
  FitCriterionSchema,
  ThresholdsSchema,
} from './scoring.ts';

export const HubSpotSettingsSchema = z.strictObject({
  /** The app id HubSpot puts in `sourceId` of changes this app makes; used to drop our own echoes. */
  appId: z.number().int().positive(),
  /** Contact properties to read from HubSpot besides the ones the criteria name. */
  properties: z.array(z.string().min(1)).default([]),
  /** Requests per 10-second window this deployment may use (HubSpot allows 100 to 190 per app). */
  requestsPer10Seconds: z.number().int().min(1).max(250).default(90),
});

export const ChannelsSchema = z.strictObject({
  /** Contact property whose value is the lead's channel, for example `hs_analytics_source`. */
  property: z.string().min(1),
  /** Display names for channel values; values not listed show as they are. */
  labels: z.record(z.string(), z.string()).default({}),
});

export const EmailSettingsSchema = z.strictObject({
  from: z.email(),
  replyTo: z.email().optional(),
  timeZone: z
    .string()
    .refine(isTimeZone, 'an IANA time zone such as Europe/Amsterdam'),
  /** When workflow emails go out, in `timeZone`; a send due outside it waits for the next start. */
  sendWindow: SendWindowSchema.prefault({}),
  /** At most `emails` Nurture emails per contact in any `days` days; a send over the cap waits. */
  frequencyCap: z
    .strictObject({
      emails: z.number().int().min(1).default(3),
      days: z.number().int().min(1).default(7),
    })
    .prefault({}),
  /** SES configuration set attached to every send, for delivery, bounce and complaint events. */
  configurationSet: z.string().min(1).optional(),
  /**
   * One-click unsubscribe URL for the `List-Unsubscribe` header and the
   * `{{unsubscribe_url}}` token; `{contactId}` and `{token}` are filled in.
   */
  unsubscribeUrl: z
    .url({ protocol: /^https$/ })
    .refine((url) => url.includes('{token}'), 'an https URL containing {token}')
    .optional(),
  /** Mailbox for `List-Unsubscribe` mailto requests, for mail clients that do not post. */
  unsubscribeMailto: z.email().optional(),
  /** Contact properties that mean "opted out of email" when `true`. */
  optOutProperties: z.array(z.string().min(1)).default(['hs_email_optout']),
});

export const AlarmSettingsSchema = z.strictObject({
  /** Existing SNS topic for the stack's CloudWatch alarms; without it the stack creates one. */
  topicArn: z
    .string()
    .regex(
      /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/,
      'an SNS topic ARN such as arn:aws:sns:eu-west-1:123456789012:ops-alarms',
    )
    .optional(),
  /** Mailbox subscribed to the alarm topic; it must confirm the subscription email once. */
  email: z.email().optional(),
});

/** One client's configuration: what Nurture reads, scores and writes for one HubSpot portal. */
export const ClientConfigSchema = z.strictObject({
  $schema: z.string().optional(),
  client: z.strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and -'),
    name: z.string().min(1),
  }),
  /** Version of this configuration, stored with every score change. */
  version: z.string().min(1),
  hubspot: HubSpotSettingsSchema,
  fit: z.strictObject({ criteria: z.array(FitCriterionSchema) }),
  engagement: EngagementSchema,
  thresholds: ThresholdsSchema,
  personas: PersonasSchema,
  channels: ChannelsSchema,
  content: z.array(ContentItemSchema).default([]),
  email: EmailSettingsSchema,
  workflows: WorkflowsSchema.prefault({}),
  /** Where the AWS stack sends its CloudWatch alarms. */
  alarms: AlarmSettingsSchema.optional(),
});
export type ClientConfig = z.infer<typeof ClientConfigSchema>;
export type ClientConfigInput = z.input<typeof ClientConfigSchema>;

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
