import type { z } from 'zod';
import { WebhookEventSchema, type WebhookEvent } from './event.ts';

/** HubSpot sends at most 100 events per request. */
export const MAX_EVENTS_PER_BATCH = 100;

/**
 * Largest body accepted. A batch of 100 property changes with short values is about 35 KB, and
 * Nurture subscribes only to the properties it scores (options, counters, URLs), so 1 MiB leaves
 * room for values of about 10 KB each. The hard ceiling is Lambda's 6 MB request payload, which
 * API Gateway's base64 encoding reaches at about 4.5 MB of body.
 */
export const MAX_BATCH_BYTES = 1024 * 1024;

export interface RejectedEvent {
  index: number;
  reason: string;
  raw: unknown;
}

export type BatchValidation =
  | { ok: true; accepted: WebhookEvent[]; rejected: RejectedEvent[] }
  | { ok: false; status: 400; reason: string };

/**
 * Validates a webhook request body. The whole body fails (status 400) unless it is a JSON array
 * of at most 100 events within the size limit. Each event of a usable body is checked on its own.
 */
export function validateBatch(body: string): BatchValidation {
  const bytes = Buffer.byteLength(body, 'utf8');
  if (bytes > MAX_BATCH_BYTES) {
    return rejectBody(
      `body is ${bytes} bytes; the limit is ${MAX_BATCH_BYTES}`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return rejectBody(`body is not valid JSON: ${message}`);
  }
  if (!Array.isArray(parsed)) {
    return rejectBody(
      `body must be a JSON array of events, got ${describe(parsed)}`,
    );
  }
  if (parsed.length > MAX_EVENTS_PER_BATCH) {
    return rejectBody(
      `batch has ${parsed.length} events; HubSpot sends at most ${MAX_EVENTS_PER_BATCH}`,
    );
  }
  const accepted: WebhookEvent[] = [];
  const rejected: RejectedEvent[] = [];
  parsed.forEach((raw: unknown, index) => {
    const result = WebhookEventSchema.safeParse(raw);
    if (result.success) accepted.push(result.data);
    else
      rejected.push({ index, reason: formatIssues(result.error.issues), raw });
  });
  return { ok: true, accepted, rejected };
}

function rejectBody(reason: string): BatchValidation {
  return { ok: false, status: 400, reason };
}

function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      return path === '' ? issue.message : `${path}: ${issue.message}`;
    })
    .join('; ');
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
