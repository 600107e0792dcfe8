/** Properties to write on one contact; values are strings, `""` clears. */
export interface ContactUpdate {
  contactId: string;
  properties: Record<string, string>;
}

/** An update that was not applied, with the reason and the (coalesced) update itself. */
export interface UpdateFailure {
  contactId: string;
  reason: string;
  update: ContactUpdate;
}

/** Result of an `updateContacts` call, per contact. */
export interface UpdateOutcome {
  /** Written, or nothing was left to write after the lifecycle check. */
  updated: string[];
  /** Permanent: HubSpot rejected the contact or its values; retrying will not help. */
  failed: UpdateFailure[];
  /** Transient (rate limit, 5xx, timeout, daily limit): the caller re-queues these updates. */
  retry: UpdateFailure[];
  /** Contacts whose `lifecyclestage` was dropped because it would not move forward. */
  lifecycleKept: string[];
  /** The portal's daily limit was reached; the remaining updates are in `retry`. */
  dailyLimitReached: boolean;
}

/** Report of an `ensureProperties` call: what it found and created. */
export interface SetupReport {
  group: { name: string; status: 'created' | 'existing' };
  created: string[];
  existing: string[];
  /** Existing properties whose type differs from Nurture's definition; left as they are. */
  mismatched: { name: string; expected: string; actual: string }[];
}

export interface HubSpotOwner {
  /** The id `hubspot_owner_id` takes (not the user id). */
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  userId?: number;
  archived: boolean;
}

/** Calls made by one gateway, for the summary and the CloudWatch metrics. */
export interface HubSpotMetrics {
  /** HTTP requests sent, retries included. */
  calls: number;
  /** Requests per operation, for example `contacts.batchRead`. */
  callsByOperation: Record<string, number>;
  /** 429 responses received. */
  rateLimited: number;
  /** Requests sent again after a transient failure. */
  retries: number;
  /** Requests that timed out. */
  timeouts: number;
}

/** Nurture's port to a HubSpot portal. */
export interface HubSpotGateway {
  /**
   * Reads properties of contacts by id with batch reads (100 per call). Ids HubSpot does not
   * know are absent from the map; unset properties are null.
   */
  readContacts(
    ids: readonly string[],
    properties: readonly string[],
  ): Promise<Map<string, Record<string, string | null>>>;
  /**
   * Writes property updates with batch updates (100 contacts per call), coalescing several
   * updates of one contact, and moves `lifecyclestage` forward only.
   */
  updateContacts(updates: readonly ContactUpdate[]): Promise<UpdateOutcome>;
  /** Creates Nurture's property group and properties where they are missing. */
  ensureProperties(): Promise<SetupReport>;
  /** Lists the portal's active owners, cached for a few minutes. */
  listOwners(): Promise<HubSpotOwner[]>;
  /** HTTP requests sent so far. */
  callCount(): number;
  metrics(): HubSpotMetrics;
}
