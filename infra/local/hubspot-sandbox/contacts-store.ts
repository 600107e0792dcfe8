/** Who made a change and when; it becomes `changeSource`, `sourceId` and `occurredAt` of the webhook. */
export interface ChangeContext {
  /** Milliseconds since the epoch. */
  occurredAt: number;
  /** HubSpot change source, for example `INTEGRATION`, `CRM_UI`, `IMPORT` or `ANALYTICS`. */
  source: string;
  /** The app id for `INTEGRATION` changes, `userId:N` for people; absent when HubSpot sends none. */
  sourceId?: string;
}

/** One change to a contact, as the webhook emitter turns it into an event. */
export type ContactChange =
  | { type: 'contact.creation'; objectId: string; context: ChangeContext }
  | {
      type: 'contact.propertyChange';
      objectId: string;
      propertyName: string;
      propertyValue: string;
      context: ChangeContext;
    }
  | { type: 'contact.deletion'; objectId: string; context: ChangeContext }
  | {
      type: 'contact.privacyDeletion';
      objectId: string;
      context: ChangeContext;
    }
  | {
      type: 'contact.merge';
      objectId: string;
      mergedObjectIds: string[];
      numberOfPropertiesMoved: number;
      context: ChangeContext;
    };

export interface StoredContact {
  id: string;
  /** Stored values; a cleared property is absent. */
  properties: Map<string, string>;
  createdAt: number;
  updatedAt: number;
}

/** How a write treats `lifecyclestage`: API writes only move it forward, people may move it back. */
export type WriteMode = 'api' | 'person';

/** Properties HubSpot maintains itself; writes never set them and they fire no property change. */
export const SYSTEM_PROPERTIES = new Set([
  'hs_object_id',
  'createdate',
  'lastmodifieddate',
]);

/** The contacts of one sandbox portal, in memory, reporting every change to a listener. */
export class ContactsStore {
  private readonly contacts = new Map<string, StoredContact>();
  private nextId = 1001;

  constructor(
    private readonly onChange: (change: ContactChange) => void,
    /** Lifecycle stage values in pipeline order. */
    private readonly lifecycleOrder: () => string[],
  ) {}

  get(id: string): StoredContact | undefined {
    return this.contacts.get(id);
  }

  findByEmail(email: string): StoredContact | undefined {
    const wanted = email.toLowerCase();
    for (const contact of this.contacts.values())
      if (contact.properties.get('email')?.toLowerCase() === wanted)
        return contact;
    return undefined;
  }

  ids(): string[] {
    return [...this.contacts.keys()];
  }

  /**
   * Creates a contact from normalized values and fires a creation plus one property change per
   * value set. NOTE: that HubSpot sends those property changes too is assumed, not confirmed
   * against a live portal.
   */
  create(
    values: Record<string, string>,
    context: ChangeContext,
  ): StoredContact {
    const id = String(this.nextId++);
    const contact: StoredContact = {
      id,
      properties: new Map(),
      createdAt: context.occurredAt,
      updatedAt: context.occurredAt,
    };
    this.contacts.set(id, contact);
    this.refreshSystemProperties(contact);
    this.onChange({ type: 'contact.creation', objectId: id, context });
    this.apply(contact, values, context, 'person');
    return contact;
  }

  /** Writes normalized values; returns undefined when the contact does not exist. */
  update(
    id: string,
    values: Record<string, string>,
    context: ChangeContext,
    mode: WriteMode,
  ): StoredContact | undefined {
    const contact = this.contacts.get(id);
    if (contact === undefined) return undefined;
    this.apply(contact, values, context, mode);
    return contact;
  }

  /** Archives (deletes) a contact; returns false when it does not exist. */
  archive(id: string, context: ChangeContext): boolean {
    if (!this.contacts.delete(id)) return false;
    this.onChange({ type: 'contact.deletion', objectId: id, context });
    return true;
  }

  /** Deletes a contact for a privacy request: HubSpot sends a privacy deletion and a deletion. */
  privacyDelete(id: string, context: ChangeContext): boolean {
    if (!this.contacts.delete(id)) return false;
    this.onChange({ type: 'contact.privacyDeletion', objectId: id, context });
    this.onChange({ type: 'contact.deletion', objectId: id, context });
    return true;
  }

  /**
   * Merges `secondaryId` into `primaryId`: the primary keeps its id and its values, takes the
   * secondary's values for properties it lacks and the later lifecycle stage, and the secondary
   * disappears.
   */
  merge(
    primaryId: string,
    secondaryId: string,
    context: ChangeContext,
  ): StoredContact | undefined {
    const primary = this.contacts.get(primaryId);
    const secondary = this.contacts.get(secondaryId);
    if (
      primary === undefined ||
      secondary === undefined ||
      primaryId === secondaryId
    )
      return undefined;
    const moved: Record<string, string> = {};
    for (const [name, value] of secondary.properties)
      if (!SYSTEM_PROPERTIES.has(name) && !primary.properties.has(name))
        moved[name] = value;
    const secondaryStage = secondary.properties.get('lifecyclestage');
    if (secondaryStage !== undefined) moved.lifecyclestage = secondaryStage;
    const mergedIds = [
      primary.properties.get('hs_merged_object_ids'),
      secondaryId,
    ]
      .filter((part) => part !== undefined && part !== '')
      .join(';');
    this.contacts.delete(secondaryId);
    // NOTE: whether HubSpot sends property changes for values a merge moves is unconfirmed.
    // The sandbox sends them after the merge event.
    const numberOfPropertiesMoved = Object.keys(moved).length;
    this.onChange({
      type: 'contact.merge',
      objectId: primaryId,
      mergedObjectIds: [secondaryId],
      numberOfPropertiesMoved,
      context,
    });
    this.apply(
      primary,
      { ...moved, hs_merged_object_ids: mergedIds },
      context,
      'api',
    );
    return primary;
  }

  private apply(
    contact: StoredContact,
    values: Record<string, string>,
    context: ChangeContext,
    mode: WriteMode,
  ): void {
    for (const [name, value] of Object.entries(values)) {
      if (SYSTEM_PROPERTIES.has(name)) continue;
      if (
        name === 'lifecyclestage' &&
        mode === 'api' &&
        !this.movesForward(contact, value)
      )
        continue;
      const previous = contact.properties.get(name) ?? '';
      if (previous === value) continue;
      if (value === '') contact.properties.delete(name);
      else contact.properties.set(name, value);
      this.onChange({
        type: 'contact.propertyChange',
        objectId: contact.id,
        propertyName: name,
        propertyValue: value,
        context,
      });
    }
    contact.updatedAt = Math.max(contact.updatedAt, context.occurredAt);
    this.refreshSystemProperties(contact);
  }

  /**
   * HubSpot's rule for API writes: a stage may only move forward in pipeline order, and a
   * backward write answers 2xx but leaves the value as it was. Clearing (`""`) is allowed.
   */
  private movesForward(contact: StoredContact, next: string): boolean {
    const current = contact.properties.get('lifecyclestage');
    if (next === '' || current === undefined) return true;
    const order = this.lifecycleOrder();
    return order.indexOf(next) > order.indexOf(current);
  }

  private refreshSystemProperties(contact: StoredContact): void {
    contact.properties.set('hs_object_id', contact.id);
    contact.properties.set(
      'createdate',
      new Date(contact.createdAt).toISOString(),
    );
    contact.properties.set(
      'lastmodifieddate',
      new Date(contact.updatedAt).toISOString(),
    );
  }
}
