import type { ContactState } from '#shared/core/pipeline/contact-state.ts';

/** Contact state persistence with optimistic locking. */
export interface ContactStatePort {
  get(portalId: number, contactId: string): Promise<ContactState | undefined>;
  /** Stores the state if the stored version still equals `expectedVersion` (0: not stored yet). */
  put(state: ContactState, expectedVersion: number): Promise<void>;
}

/** One pending write of Nurture's properties to a HubSpot contact, as it travels on the sync queue. */
export interface UpdateRequest {
  kind: 'update';
  portalId: number;
  contactId: string;
  properties: Record<string, string>;
  /** Clock time the processor computed the values; later requests win per property. */
  at: number;
}

/** A contact whose properties must be read from HubSpot before it can be scored. */
export interface ReadRequest {
  kind: 'read';
  portalId: number;
  contactId: string;
  at: number;
}

/**
 * Work for HubSpot. Reads and writes travel on one standard queue, so the sync consumer can
 * batch up to 100 contacts per HubSpot call whatever the contact-events batch size is.
 */
export type HubSpotRequest = UpdateRequest | ReadRequest;

export interface HubSpotRequestQueue {
  enqueue(requests: HubSpotRequest[]): Promise<void>;
}

export type Clock = () => number;
