import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { parseClientConfig } from '#shared/core/config/load.ts';
import { EmailRenderError } from '#shared/core/email/render.ts';
import type { WorkflowAction } from '#shared/core/workflows/actions.ts';
import { composeWorkflowEmail } from '#shared/email/compose.ts';
import { SesMailer } from '#shared/email/ses-mailer.ts';
import { localSesClient, storedEmailsTo } from './ses-local.ts';

const config = parseClientConfig(
  JSON.parse(readFileSync('clients/demo.json', 'utf8')),
  'clients/demo.json',
);
const ACTION: Extract<WorkflowAction, { type: 'sendEmail' }> = {
  type: 'sendEmail',
  contentId: 'checklist-kpis',
  key: 'awareness-leader:1:501:1796115600000/2.else.0/0',
  enrollmentId: 'awareness-leader:1:501:1796115600000',
  contactId: '501',
  workflowId: 'awareness-leader',
  version: 1,
  path: '2.else.0',
  at: 1796115600000,
};

describe('composeWorkflowEmail', () => {
  it('renders the item with the contact unsubscribe link and tags', () => {
    const email = composeWorkflowEmail(
      config,
      ACTION,
      { email: 'lead-004@example.com', company: 'Acme & Sons' },
      'token-501',
    );

    expect(email.to).toBe('lead-004@example.com');
    expect(email.subject).toBe('A KPI checklist for Acme & Sons');
    expect(email.html).toContain(
      'https://demo.example/nurture/unsubscribe?contact=501&amp;token=token-501',
    );
    expect(email.headers['List-Unsubscribe']).toContain(
      '<https://demo.example/nurture/unsubscribe?contact=501&token=token-501>',
    );
    expect(email.configurationSet).toBe('nurture-demo');
    expect(email.tags).toEqual({
      contact: '501',
      workflow: 'awareness-leader',
      version: '1',
      content: 'checklist-kpis',
    });
  });

  it('throws EmailRenderError for a contact without an address', () => {
    expect(() => composeWorkflowEmail(config, ACTION, {}, 'token-501')).toThrow(
      EmailRenderError,
    );
  });

  it('sends a demo email that arrives in aws-ses-v2-local', async () => {
    const endpoint = inject('sesEndpoint');
    const to = `lead-${randomUUID()}@example.com`;
    const mailer = new SesMailer(localSesClient(endpoint), {
      from: config.email.from,
    });

    await mailer.send(
      composeWorkflowEmail(config, ACTION, { email: to }, 'token-501'),
    );
    const [stored] = await storedEmailsTo(endpoint, to);

    expect(stored?.subject).toBe('A KPI checklist for your team');
    expect(stored?.body.text).toContain('Hello there,');
    expect(stored?.headers).toContainEqual({
      name: 'List-Unsubscribe-Post',
      value: 'List-Unsubscribe=One-Click',
    });
  });
});
