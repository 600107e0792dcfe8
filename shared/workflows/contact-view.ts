import type { ContactState } from '#shared/core/pipeline/contact-state.ts';
import type { PropertyValues } from '#shared/core/scoring/conditions.ts';
import type { WorkflowContact } from '#shared/core/workflows/contact.ts';
import type { MailState } from '#shared/store/dynamodb/mail-state.ts';

/** The property values of a stored contact, as the engine and the renderer read them. */
export function propertyValuesOf(
  state: ContactState | undefined,
): PropertyValues {
  return Object.fromEntries(
    Object.entries(state?.properties ?? {}).map(([name, entry]) => [
      name,
      entry.value,
    ]),
  );
}

/** What the workflow engine sees of a contact: its stored state and its mail state. */
export function workflowContactOf(
  contactId: string,
  state: ContactState | undefined,
  mail: MailState,
): WorkflowContact {
  return {
    contactId,
    properties: propertyValuesOf(state),
    interactions: state?.interactions ?? [],
    suppressions: mail.suppressions,
    emailsSentAt: mail.emailsSentAt,
    ...(state?.score === undefined ? {} : { score: state.score }),
  };
}
