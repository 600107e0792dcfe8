import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { APIGatewayProxyEventV2, SQSEvent } from 'aws-lambda';

/** The folder of sample events, relative to the repository root (vitest's working directory). */
export const EVENTS_FOLDER = 'events';

/** One event of a HubSpot webhook batch as HubSpot sends it, before validation. */
export type RawWebhookEvent = Record<string, unknown> & {
  eventId: number;
  subscriptionId: number;
  portalId: number;
  objectId: number;
  occurredAt: number;
  attemptNumber: number;
  subscriptionType: string;
};

/** Reads a sample from `events/` afresh on every call, so a test may change its copy. */
export function loadEvent(path: string): unknown {
  return JSON.parse(readFileSync(join(EVENTS_FOLDER, path), 'utf8'));
}

/** A webhook batch from `events/hubspot/`, for example `contact-creation`. */
export function loadWebhookBatch(name: string): RawWebhookEvent[] {
  return loadEvent(`hubspot/${name}.json`) as RawWebhookEvent[];
}

/** An API Gateway HTTP API (payload v2) event from `events/api-gateway/`. */
export function loadApiGatewayEvent(name: string): APIGatewayProxyEventV2 {
  return loadEvent(`api-gateway/${name}.json`) as APIGatewayProxyEventV2;
}

/** An SQS event from `events/sqs/`. */
export function loadSqsEvent(name: string): SQSEvent {
  return loadEvent(`sqs/${name}.json`) as SQSEvent;
}

/** Every file under `events/`, as paths relative to it with `/` separators, sorted. */
export function listEventFiles(folder = EVENTS_FOLDER): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) =>
      relative(folder, join(entry.parentPath, entry.name)).split(sep).join('/'),
    )
    .sort();
}
