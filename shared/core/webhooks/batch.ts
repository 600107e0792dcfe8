import type { z } from 'zod';
import { WebhookEventSchema, type WebhookEvent } from './event.ts';

/** HubSpot sends at most 100 events per request. */
export const MAX_EVENTS_PER_BATCH = 100;

/**
 * Largest body accepted. A full batch of 100 property changes is about 40 KB; 1 MiB leaves room
 * for long property values while keeping a hostile body from reaching the parser.
 */
export const MAX_BATCH_BYTES = 1024 * 1024;

export interface RejectedEvent {
  index: number;
  reason: string;
  raw: unknown;
}

export type BatchValidation =
  | { ok: true; accepted: WebhookEvent[]; rejected: RejectedEvent[] }
  | { ok: false; reason: string };

/** Validates a webhook request body; each event is checked on its own. */
export function validateBatch(body: string): BatchValidation {
  const bytes = Buffer.byteLength(body, 'utf8');
  if (bytes > MAX_BATCH_BYTES) {
    return {
      ok: false,
      reason: `body is ${bytes} bytes; the limit is ${MAX_BATCH_BYTES}`,
    };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    return {
      ok: false,
      reason: `body is not valid JSON: ${(error as Error).message}`,
    };
  }
  if (!Array.isArray(parsed)) {
    return {
      ok: false,
      reason: `body must be a JSON array of events, got ${describe(parsed)}`,
    };
  }
  if (parsed.length > MAX_EVENTS_PER_BATCH) {
    return {
      ok: false,
      reason: `batch has ${parsed.length} events; HubSpot sends at most ${MAX_EVENTS_PER_BATCH}`,
    };
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
