import type { ContactChange } from './contacts-store.ts';

/** A v3 app webhook event for a contact, with the fields HubSpot sends. */
export interface WebhookEvent {
  eventId: number;
  subscriptionId: number;
  portalId: number;
  appId: number;
  /** Milliseconds since the epoch. */
  occurredAt: number;
  subscriptionType: ContactChange['type'];
  /** 0 on the first delivery, one more on each retry. */
  attemptNumber: number;
  objectId: number;
  propertyName?: string;
  /** Always a string: the new value, `""` when the property was cleared. */
  propertyValue?: string;
  changeSource: string;
  sourceId?: string;
  changeFlag?: 'CREATED' | 'DELETED';
  primaryObjectId?: number;
  mergedObjectIds?: number[];
  newObjectId?: number;
  numberOfPropertiesMoved?: number;
}

/** Properties HubSpot does not let apps subscribe to, plus ones the sandbox maintains itself. */
const UNSUBSCRIBABLE = new Set([
  'num_unique_conversion_events',
  'hs_lastmodifieddate',
  'lastmodifieddate',
  'createdate',
  'hs_object_id',
]);

const FIXED_SUBSCRIPTIONS: Record<
  Exclude<ContactChange['type'], 'contact.propertyChange'>,
  number
> = {
  'contact.creation': 101,
  'contact.deletion': 102,
  'contact.privacyDeletion': 103,
  'contact.merge': 104,
};

/**
 * The app's subscriptions: one per event type and one per subscribed property, each with a
 * stable id, as HubSpot numbers the subscriptions of an app.
 */
export class Subscriptions {
  private readonly propertyIds = new Map<string, number>();
  private readonly subscribed: ReadonlySet<string> | 'all';

  constructor(subscribedProperties: readonly string[] | 'all') {
    this.subscribed =
      subscribedProperties === 'all' ? 'all' : new Set(subscribedProperties);
    if (this.subscribed !== 'all')
      for (const name of [...this.subscribed].sort()) this.idForProperty(name);
  }

  /** Returns the subscription id that fires for a change, or undefined when none is subscribed. */
  idFor(change: ContactChange): number | undefined {
    if (change.type !== 'contact.propertyChange')
      return FIXED_SUBSCRIPTIONS[change.type];
    const name = change.propertyName;
    if (UNSUBSCRIBABLE.has(name)) return undefined;
    if (this.subscribed !== 'all' && !this.subscribed.has(name))
      return undefined;
    return this.idForProperty(name);
  }

  private idForProperty(name: string): number {
    let id = this.propertyIds.get(name);
    if (id === undefined) {
      id = 200 + this.propertyIds.size;
      this.propertyIds.set(name, id);
    }
    return id;
  }
}

/** Builds the webhook event HubSpot sends for a change (first attempt). */
export function eventFor(
  change: ContactChange,
  ids: {
    eventId: number;
    subscriptionId: number;
    portalId: number;
    appId: number;
  },
): WebhookEvent {
  const event: WebhookEvent = {
    eventId: ids.eventId,
    subscriptionId: ids.subscriptionId,
    portalId: ids.portalId,
    appId: ids.appId,
    occurredAt: change.context.occurredAt,
    subscriptionType: change.type,
    attemptNumber: 0,
    objectId: Number(change.objectId),
    changeSource: change.context.source,
  };
  if (change.context.sourceId !== undefined)
    event.sourceId = change.context.sourceId;
  switch (change.type) {
    case 'contact.propertyChange':
      event.propertyName = change.propertyName;
      event.propertyValue = change.propertyValue;
      break;
    case 'contact.creation':
      event.changeFlag = 'CREATED';
      break;
    case 'contact.deletion':
      event.changeFlag = 'DELETED';
      break;
    case 'contact.merge':
      event.primaryObjectId = Number(change.objectId);
      event.mergedObjectIds = change.mergedObjectIds.map(Number);
      event.newObjectId = Number(change.objectId);
      event.numberOfPropertiesMoved = change.numberOfPropertiesMoved;
      break;
    case 'contact.privacyDeletion':
      break;
  }
  return event;
}
