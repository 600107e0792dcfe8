import type {
  ContactUpdate,
  HubSpotGateway,
  UpdateOutcome,
} from '#shared/hubspot/gateway.ts';
import { logger } from '#shared/logger.ts';
import type { UpdateRequest } from './ports.ts';

/** Coalesces sync requests into one update per contact; the later request wins per property. */
export function coalesceUpdateRequests(
  requests: readonly UpdateRequest[],
): ContactUpdate[] {
  const byContact = new Map<
    string,
    { properties: Record<string, string>; at: Record<string, number> }
  >();
  for (const request of requests) {
    const entry = byContact.get(request.contactId) ?? {
      properties: {},
      at: {},
    };
    for (const [name, value] of Object.entries(request.properties)) {
      if ((entry.at[name] ?? Number.NEGATIVE_INFINITY) <= request.at) {
        entry.properties[name] = value;
        entry.at[name] = request.at;
      }
    }
    byContact.set(request.contactId, entry);
  }
  return [...byContact.entries()].map(([contactId, entry]) => ({
    contactId,
    properties: entry.properties,
  }));
}

export interface SyncResult {
  outcome: UpdateOutcome;
  /** Contacts whose requests must come back later (rate limit, 5xx, timeouts). */
  retryContactIds: Set<string>;
}

/**
 * Writes a batch of sync requests to HubSpot. Permanent rejections are handed to `onRejected`
 * (kept for inspection, not retried); transient failures are returned for the queue to retry.
 */
export async function syncToHubSpot(
  requests: readonly UpdateRequest[],
  gateway: Pick<HubSpotGateway, 'updateContacts'>,
  onRejected: (
    contactId: string,
    reason: string,
    update: ContactUpdate,
  ) => Promise<void>,
): Promise<SyncResult> {
  const outcome = await gateway.updateContacts(
    coalesceUpdateRequests(requests),
  );
  for (const failure of outcome.failed) {
    logger.error(
      'HubSpot rejected a contact update; it is kept as rejected input',
      {
        contactId: failure.contactId,
        reason: failure.reason,
      },
    );
    await onRejected(failure.contactId, failure.reason, failure.update);
  }
  if (outcome.retry.length > 0) {
    logger.warn('HubSpot updates will be retried', {
      contacts: outcome.retry.length,
      dailyLimitReached: outcome.dailyLimitReached,
    });
  }
  return {
    outcome,
    retryContactIds: new Set(outcome.retry.map((failure) => failure.contactId)),
  };
}
