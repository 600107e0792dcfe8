import {
  APIGatewayProxyEventV2Schema,
  EventBridgeSchema,
  SqsSchema,
} from '@aws-lambda-powertools/parser/schemas';
import type { APIGatewayProxyEventV2, SQSEvent } from 'aws-lambda';
import { z } from 'zod';
import { LOCAL_TABLE, type LocalStack } from '#infra/local/stack.ts';
import { createHubSpotGateway } from '#shared/hubspot/hubspot-gateway.ts';
import { signWebhookV3 } from '#shared/hubspot/signature.ts';
import { createEventProcessor } from '#shared/pipeline/event-processor.ts';
import {
  createHubSpotSync,
  hubspotRequestQueue,
} from '#shared/pipeline/hubspot-sync.ts';
import type { ContactResult } from '#shared/pipeline/process-batch.ts';
import type { MessageQueue, QueueMessage } from '#shared/queue/queue.ts';
import { VersionConflictError } from '#shared/store/contact-store.ts';
import { createDocumentClient } from '#shared/store/dynamodb/client.ts';
import { DynamoMailState } from '#shared/store/dynamodb/mail-state.ts';
import {
  createWebhookReceiver,
  requestUri,
} from '#shared/webhooks/receiver.ts';
import {
  recordSesEvent,
  SesEventSchema,
} from '#shared/workflows/ses-events.ts';

/** The sandbox numbers contacts from 1001, so contacts up to this id can be provided. */
const MAX_PROVIDED_CONTACTS = 1000;

/** Runs one function's handler factory on the parts of a local stack and prints the outcome. */
export type Runner = (stack: LocalStack, event: unknown) => Promise<void>;

/** Returns the functions `nurture invoke` can run, by the name of their file in functions/. */
export function functionRunners(): Record<string, Runner> {
  return {
    'webhook-receiver': invokeReceiver,
    'event-processor': invokeProcessor,
    'hubspot-sync': invokeSync,
    'email-events': invokeEmailEvents,
    'workflow-tick': invokeTick,
  };
}

/** Runs the webhook receiver on the event, signed again with the local app secret because the file's signature is stale. */
async function invokeReceiver(stack: LocalStack, raw: unknown): Promise<void> {
  const event = parseEvent<APIGatewayProxyEventV2>(
    APIGatewayProxyEventV2Schema,
    raw,
    'an API Gateway HTTP API (payload v2) event',
  );
  const body = event.isBase64Encoded
    ? Buffer.from(event.body ?? '', 'base64').toString('utf8')
    : (event.body ?? '');
  const timestamp = Date.now();
  const headers = Object.fromEntries(
    Object.entries(event.headers ?? {}).filter(
      ([header]) =>
        !/^x-hubspot-(signature-v3|request-timestamp)$/i.test(header),
    ),
  );
  headers['x-hubspot-request-timestamp'] = String(timestamp);
  headers['x-hubspot-signature-v3'] = signWebhookV3({
    clientSecret: stack.sandbox.clientSecret,
    method: event.requestContext.http.method.toUpperCase(),
    uri: requestUri(event),
    body,
    timestamp,
  });
  const queued = recording(stack.contactEvents);
  const receiver = createWebhookReceiver({
    queue: queued,
    rejected: stack.rejected,
    clientSecret: async () => stack.sandbox.clientSecret,
    clock: Date.now,
  });

  const response = await receiver({ ...event, headers });

  console.log(
    `Signed again for ${requestUri(event)} at ${new Date(timestamp).toISOString()}.`,
  );
  console.log(`Response: ${response.statusCode}`);
  console.log(indent(prettyJson(response.body ?? '')));
  console.log(`Queued on contact-events: ${queued.messages.length}`);
  for (const message of queued.messages)
    console.log(`  group ${message.groupId}  ${message.deduplicationId}`);
  await printRejected(stack);
}

/** Runs the event processor and prints each contact's stored state and the HubSpot requests it queued. */
async function invokeProcessor(stack: LocalStack, raw: unknown): Promise<void> {
  const event = parseEvent<SQSEvent>(SqsSchema, raw, 'an SQS event');
  const requests = recording(stack.hubspotSync);
  const results: ContactResult[] = [];
  const processor = createEventProcessor({
    store: stack.store,
    hubspot: hubspotRequestQueue(requests),
    rejected: stack.rejected,
    config: stack.config,
    clock: Date.now,
    isVersionConflict: (error) => error instanceof VersionConflictError,
    onResults: (batch) => results.push(...batch),
  });

  const response = await processor(event);

  console.log(`Response: ${JSON.stringify(response)}`);
  for (const result of results) {
    const [portalId, contactId] = result.contactKey.split(':');
    const state = await stack.store.get(Number(portalId), contactId!);
    console.log(`Contact ${result.contactKey}: ${result.outcomes.join(', ')}`);
    if (result.error !== undefined)
      console.log(`  failed, to be retried: ${String(result.error)}`);
    if (state === undefined) continue;
    const properties = Object.entries(state.properties).map(
      ([name, property]) => `${name}=${property.value ?? ''}`,
    );
    console.log(`  stored version ${state.version}`);
    if (properties.length > 0)
      console.log(`  properties: ${properties.join(', ')}`);
    const score = state.score;
    console.log(
      score === undefined
        ? '  not scored yet: waiting for the read from HubSpot'
        : `  score ${score.total} (${score.qualification}): ${score.summary}`,
    );
  }
  console.log(`Queued on hubspot-sync: ${requests.messages.length}`);
  for (const message of requests.messages) console.log(`  ${message.body}`);
  await printRejected(stack);
}

/** Runs the hubspot-sync consumer against the sandbox, after creating the contacts the event names. */
async function invokeSync(stack: LocalStack, raw: unknown): Promise<void> {
  const event = parseEvent<SQSEvent>(SqsSchema, raw, 'an SQS event');
  const contactIds = event.Records.flatMap((record) => {
    const id = (JSON.parse(record.body) as { contactId?: unknown }).contactId;
    return typeof id === 'string' ? [id] : [];
  });
  const provided = provideContacts(stack, contactIds);
  await stack.setupHubSpot();
  const callsBefore = stack.sandbox.stats().requests;
  const sent = recording(stack.contactEvents);
  const sync = createHubSpotSync({
    gateway: createHubSpotGateway({
      accessToken: stack.sandbox.accessToken,
      basePath: stack.sandbox.endpoint,
      portalId: stack.sandbox.portalId,
      requestsPer10Seconds: stack.config.hubspot.requestsPer10Seconds,
    }),
    contactEvents: sent,
    rejected: stack.rejected,
    config: stack.config,
    clock: Date.now,
  });

  const response = await sync(event);

  if (provided.length > 0)
    console.log(
      `The sandbox portal holds made-up contacts ${provided.join(', ')} for the sync to use.`,
    );
  console.log(`Response: ${JSON.stringify(response)}`);
  console.log('HubSpot calls:');
  for (const [route, count] of Object.entries(stack.sandbox.stats().requests))
    if (count > (callsBefore[route] ?? 0))
      console.log(`  ${route}: ${count - (callsBefore[route] ?? 0)}`);
  console.log(`Sent to contact-events: ${sent.messages.length}`);
  for (const message of sent.messages) console.log(`  ${message.body}`);
  for (const id of provided) {
    const properties = stack.sandbox.getContact(id)?.properties ?? {};
    const written = Object.entries(properties)
      .filter(
        ([name]) => name.startsWith('nurture_') || name === 'lifecyclestage',
      )
      .map(([name, value]) => `${name}=${value}`);
    console.log(
      `Contact ${id} in HubSpot: ${written.join(', ') || 'unchanged'}`,
    );
  }
  await printRejected(stack);
}

/** Runs the email-events handler's work on an SES event from EventBridge. */
async function invokeEmailEvents(
  stack: LocalStack,
  raw: unknown,
): Promise<void> {
  const event = parseEvent<{ detail: unknown }>(
    EventBridgeSchema,
    raw,
    'an EventBridge event',
  );
  const checked = SesEventSchema.safeParse(event.detail);
  if (!checked.success)
    throw new Error(
      `the event detail is not an SES event:\n${z.prettifyError(checked.error)}`,
    );
  const ses = checked.data;
  const documents = createDocumentClient(stack.dynamoEndpoint);
  const mailState = new DynamoMailState(documents, LOCAL_TABLE);
  const queued = recording(stack.contactEvents);
  try {
    const outcome = await recordSesEvent(ses, {
      mailState,
      contactEvents: queued,
    });

    console.log(`Outcome: ${outcome}`);
    const contactId = ses.mail.tags.contact?.[0];
    const portalId = Number(ses.mail.tags.portal?.[0]);
    if (contactId !== undefined && Number.isInteger(portalId)) {
      const state = await mailState.get(portalId, contactId);
      console.log(
        `Mail state of contact ${portalId}:${contactId}: ${JSON.stringify(state)}`,
      );
    }
    console.log(`Queued on contact-events: ${queued.messages.length}`);
    for (const message of queued.messages) console.log(`  ${message.body}`);
  } finally {
    documents.destroy();
  }
}

/** Runs one workflow tick. A fresh stack has no enrollments, so every count is zero. */
async function invokeTick(stack: LocalStack, raw: unknown): Promise<void> {
  parseEvent(z.object({}), raw, 'an EventBridge Scheduler invocation');
  if (stack.tick === undefined)
    throw new Error('the local stack was started without workflows');

  const report = await stack.tick();

  console.log(
    `Advanced ${report.advanced}, retry later ${report.retryLater}, ` +
      `conflicts ${report.conflicts}, failed ${report.failed}, ` +
      `stopped ${report.stopped.length}`,
  );
}

/**
 * Creates made-up contacts until the sandbox has every requested id it can assign. Returns the
 * requested ids that exist; ids outside the sandbox's numbering stay unknown to HubSpot.
 */
function provideContacts(stack: LocalStack, contactIds: string[]): string[] {
  const { sandbox } = stack;
  const reachable = [...new Set(contactIds)].filter(
    (id) => /^\d+$/.test(id) && Number(id) <= 1000 + MAX_PROVIDED_CONTACTS,
  );
  for (let index = 1; index <= MAX_PROVIDED_CONTACTS; index += 1) {
    if (reachable.every((id) => sandbox.getContact(id) !== undefined)) break;
    sandbox.createContacts([
      { properties: { email: `invoke-${index}@example.com` } },
    ]);
  }
  return reachable.filter((id) => sandbox.getContact(id) !== undefined);
}

/**
 * Checks the event against the function's schema and returns it as read from the file, with
 * every field kept (the Powertools schemas drop the fields they do not list).
 */
function parseEvent<T>(schema: z.ZodType, raw: unknown, expected: string): T {
  const result = schema.safeParse(raw);
  if (!result.success)
    throw new Error(
      `the file is not ${expected}:\n${z.prettifyError(result.error)}`,
    );
  return raw as T;
}

async function printRejected(stack: LocalStack): Promise<void> {
  const rejected = await stack.rejected.list({ limit: 100 });
  console.log(`Rejected inputs stored: ${rejected.length}`);
  for (const input of rejected)
    console.log(`  ${input.source}  ${input.reason}`);
}

/** Wraps a queue to keep a copy of every message it passes on. */
function recording(
  queue: MessageQueue,
): MessageQueue & { messages: QueueMessage[] } {
  const messages: QueueMessage[] = [];
  return {
    messages,
    send: async (batch) => {
      messages.push(...batch);
      await queue.send(batch);
    },
  };
}

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}
