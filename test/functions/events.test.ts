import {
  APIGatewayProxyEventV2Schema,
  EventBridgeSchema,
  SqsSchema,
} from '@aws-lambda-powertools/parser/schemas';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { DemoScenarioSchema } from '#infra/local/demo/scenario.ts';
import { readClientConfig } from '#shared/config-file.ts';
import { validateBatch } from '#shared/core/webhooks/batch.ts';
import {
  CONTACT_SUBSCRIPTION_TYPES,
  WebhookEventSchema,
} from '#shared/core/webhooks/event.ts';
import { ContactEventMessageSchema } from '#shared/core/webhooks/messages.ts';
import { isSignalProperty } from '#shared/core/signals/index.ts';
import { HubSpotRequestSchema } from '#shared/pipeline/hubspot-sync.ts';
import { SesEventSchema } from '#shared/workflows/ses-events.ts';
import {
  listEventFiles,
  loadEvent,
  loadWebhookBatch,
} from '../helpers/events.ts';

/** Checks a webhook request body the way the receiver does, and expects every event valid. */
function expectValidBatch(body: string): void {
  const batch = validateBatch(body);
  if (!batch.ok) throw new Error(`not a usable batch: ${batch.reason}`);
  expect(batch.rejected).toEqual([]);
  expect(batch.accepted.length).toBeGreaterThan(0);
}

/** The schema of the function (or driver) that takes each folder's events. */
const CHECKS: {
  prefix: string;
  takenBy: string;
  check: (raw: unknown) => void;
}[] = [
  {
    prefix: 'hubspot/',
    takenBy: 'webhook-receiver (request body)',
    check: (raw) => {
      expect(Array.isArray(raw)).toBe(true);
      expectValidBatch(JSON.stringify(raw));
    },
  },
  {
    prefix: 'api-gateway/',
    takenBy: 'webhook-receiver',
    check: (raw) => {
      const event = APIGatewayProxyEventV2Schema.parse(raw);
      expectValidBatch(event.body ?? '');
    },
  },
  {
    prefix: 'sqs/contact-events',
    takenBy: 'event-processor',
    check: (raw) => {
      for (const record of SqsSchema.parse(raw).Records)
        ContactEventMessageSchema.parse(JSON.parse(record.body));
    },
  },
  {
    prefix: 'sqs/hubspot-sync',
    takenBy: 'hubspot-sync',
    check: (raw) => {
      for (const record of SqsSchema.parse(raw).Records)
        HubSpotRequestSchema.parse(JSON.parse(record.body));
    },
  },
  {
    prefix: 'eventbridge/ses-',
    takenBy: 'email-events',
    check: (raw) => {
      const event = EventBridgeSchema.parse(raw);
      expect(event.source).toBe('aws.ses');
      SesEventSchema.parse(event.detail);
    },
  },
  {
    // The schedule invokes workflow-tick without input, and the handler reads nothing from it.
    prefix: 'scheduler/workflow-tick',
    takenBy: 'workflow-tick',
    check: (raw) => {
      z.strictObject({}).parse(raw);
    },
  },
  {
    prefix: 'demo/',
    takenBy: 'the demo driver of npm start',
    check: (raw) => {
      DemoScenarioSchema.parse(raw);
    },
  },
];

function checkFor(file: string) {
  return CHECKS.find((entry) => file.startsWith(entry.prefix));
}

/** Lists the message types or request kinds in the records of an SQS sample. */
function bodyTypes(file: string, key: 'type' | 'kind'): string[] {
  const event = SqsSchema.parse(loadEvent(file));
  return [
    ...new Set(
      event.Records.map(
        (record) => (JSON.parse(record.body) as Record<string, string>)[key]!,
      ),
    ),
  ].sort();
}

describe('events/', () => {
  const files = listEventFiles();

  it('holds only files a test knows the schema of', () => {
    expect(files.filter((file) => checkFor(file) === undefined)).toEqual([]);
  });

  it.each(files)('%s parses with the schema of its function', (file) => {
    const entry = checkFor(file);
    expect(entry, `no schema for events/${file}`).toBeDefined();

    entry!.check(loadEvent(file));
  });

  describe('events/hubspot/', () => {
    const samples = files
      .filter((file) => file.startsWith('hubspot/'))
      .flatMap((file) => loadWebhookBatch(file.slice('hubspot/'.length, -5)))
      .map((raw) => WebhookEventSchema.parse(raw));

    it.each(CONTACT_SUBSCRIPTION_TYPES)('has a sample of %s', (type) => {
      expect(samples.map((event) => event.subscriptionType)).toContain(type);
    });

    it('has property changes of a counter and of a fit property', async () => {
      const config = await readClientConfig('clients/demo.json');
      const fitProperties = config.fit.criteria.map(
        (criterion) => criterion.when.property,
      );
      const changed = samples
        .filter((event) => event.subscriptionType === 'contact.propertyChange')
        .map((event) => event.propertyName!);

      expect(changed.filter((name) => isSignalProperty(name))).not.toEqual([]);
      expect(
        changed.filter((name) => fitProperties.includes(name)),
      ).not.toEqual([]);
    });

    it('has an echo of a write by the demo app', async () => {
      const config = await readClientConfig('clients/demo.json');

      const echoes = samples.filter(
        (event) =>
          event.changeSource === 'INTEGRATION' &&
          event.sourceId === String(config.hubspot.appId),
      );

      expect(echoes).toHaveLength(1);
    });
  });

  it('has an SES event of every type email-events acts on', () => {
    const types = files
      .filter((file) => file.startsWith('eventbridge/ses-'))
      .map(
        (file) =>
          SesEventSchema.parse(EventBridgeSchema.parse(loadEvent(file)).detail)
            .eventType,
      )
      .sort();

    expect(types).toEqual(['Bounce', 'Click', 'Complaint', 'Delivery', 'Open']);
  });

  it('has a contact-events record of every message type', () => {
    const types = ContactEventMessageSchema.options
      .map((option) => option.shape.type.value)
      .sort();

    expect(bodyTypes('sqs/contact-events.json', 'type')).toEqual(types);
  });

  it('has a hubspot-sync record of every request kind', () => {
    const kinds = HubSpotRequestSchema.options
      .map((option) => option.shape.kind.value)
      .sort();

    expect(bodyTypes('sqs/hubspot-sync.json', 'kind')).toEqual(kinds);
  });
});
