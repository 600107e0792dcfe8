import type { ContactState } from '#shared/core/pipeline/contact-state.ts';

/** Contact state persistence with optimistic locking. */
export interface ContactStatePort {
  get(portalId: number, contactId: string): Promise<ContactState | undefined>;
  /** Stores the state if the stored version still equals `expectedVersion` (0: not stored yet). */
  put(state: ContactState, expectedVersion: number): Promise<void>;
}

/** Reads contact properties from HubSpot in batches. */
export interface ContactReader {
  readContacts(
    ids: string[],
    properties: string[],
  ): Promise<Map<string, Record<string, string | null>>>;
}

/** One pending write of Nurture's properties to a HubSpot contact, as it travels on the sync queue. */
export interface SyncRequest {
  portalId: number;
  contactId: string;
  properties: Record<string, string>;
  /** Clock time the processor computed the values; later requests win per property. */
  at: number;
}

export interface SyncQueuePort {
  enqueue(requests: SyncRequest[]): Promise<void>;
}

export type Clock = () => number;
