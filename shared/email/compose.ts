import type { ClientConfig } from '#shared/core/config/client.ts';
import { renderEmail, EmailRenderError } from '#shared/core/email/render.ts';
import { unsubscribeUrlFor } from '#shared/core/email/unsubscribe.ts';
import type { PropertyValues } from '#shared/core/scoring/conditions.ts';
import { contentById } from '#shared/core/scoring/lookups.ts';
import type { WorkflowAction } from '#shared/core/workflows/actions.ts';
import type { OutgoingEmail } from './mailer.ts';

/**
 * Builds the email for a `sendEmail` action: the content item rendered for
 * the contact, the contact's unsubscribe link, the configuration set, and
 * tags that let SES events find the contact, workflow version and item.
 * `unsubscribeToken` comes from `signUnsubscribeToken`.
 */
export function composeWorkflowEmail(
  config: Pick<ClientConfig, 'content' | 'email'>,
  action: Extract<WorkflowAction, { type: 'sendEmail' }>,
  properties: PropertyValues,
  unsubscribeToken: string,
): OutgoingEmail {
  const item = contentById(config.content).get(action.contentId);
  if (item === undefined) {
    throw new EmailRenderError(
      `Content item "${action.contentId}" of action ${action.key} is not in the config; check the config with nurture config check`,
    );
  }
  const to = properties.email?.trim();
  if (to === undefined || to === '') {
    throw new EmailRenderError(
      `Contact ${action.contactId} has no email address; check the send with checkSendAllowed first`,
    );
  }
  const { unsubscribeUrl, unsubscribeMailto, configurationSet } = config.email;
  if (unsubscribeUrl === undefined) {
    throw new EmailRenderError(
      'email.unsubscribeUrl is missing; set it in the client config before sending workflow email',
    );
  }
  const rendered = renderEmail(item, properties, {
    url: unsubscribeUrlFor(unsubscribeUrl, action.contactId, unsubscribeToken),
    ...(unsubscribeMailto === undefined ? {} : { mailto: unsubscribeMailto }),
  });
  return {
    actionKey: action.key,
    to,
    ...rendered,
    ...(configurationSet === undefined ? {} : { configurationSet }),
    tags: {
      contact: action.contactId,
      workflow: action.workflowId,
      version: String(action.version),
      content: action.contentId,
    },
  };
}
