import { listen } from '#infra/local/services.ts';
import { stageOrderFromOptions } from '#shared/hubspot/lifecycle.ts';
import { normalizeControlWrite } from './contact-writes.ts';
import { contactRoutes } from './contacts-routes.ts';
import {
  ContactsStore,
  type ChangeContext,
  type StoredContact,
} from './contacts-store.ts';
import { FailureQueue, type FailureInjection } from './failures.ts';
import {
  DEFAULT_OWNERS,
  ownerRoutes,
  toOwner,
  type Owner,
  type OwnerSeed,
} from './owners.ts';
import { propertyRoutes } from './properties-routes.ts';
import {
  PropertiesStore,
  type PropertyOption,
  type PropertyType,
} from './properties-store.ts';
import { RateLimiter } from './rate-limiter.ts';
import {
  createSandboxServer,
  emptyRequestStats,
  type RequestStats,
} from './server.ts';
import { WebhookEmitter, type WebhookStats } from './webhook-emitter.ts';
import type { WebhookEvent } from './webhook-events.ts';

export type { FailureInjection } from './failures.ts';
export type { Owner, OwnerSeed } from './owners.ts';
export type { WebhookEvent } from './webhook-events.ts';

export interface HubSpotSandboxOptions {
  portalId: number;
  appId: number;
  /** The bearer token API requests must carry. */
  accessToken: string;
  /** The app's client secret webhook batches are signed with. */
  clientSecret: string;
  /** Burst limit per rolling 10 s window; 100 (a Free or Starter private app) by default. */
  requestsPer10Seconds?: number;
  /** Daily limit; 250,000 by default. */
  requestsPerDay?: number;
  /** URL webhook batches are posted to. Nothing is sent until one is set. */
  webhookTargetUrl?: string;
  /** Send webhooks on their own shortly after each change (as HubSpot does); off by default. */
  autoDeliver?: boolean;
  /** Properties with a property-change subscription; every property by default. */
  subscribedProperties?: readonly string[] | 'all';
  /** Events per webhook request, at most 100 (the default). */
  webhookBatchSize?: number;
  /** Deliveries per event, the first included; 5 by default (HubSpot makes up to 10 over 24 h). */
  webhookMaxAttempts?: number;
  /** Webhook requests in flight at once; 10 by default, as HubSpot. */
  webhookConcurrency?: number;
  /** Pause before an automatic redelivery, times the attempt number; 200 ms by default. */
  webhookRetryDelayMs?: number;
  owners?: OwnerSeed[];
  /** Time of API writes and record timestamps; wall time by default. */
  clock?: () => number;
  /** Time put in `X-HubSpot-Request-Timestamp`; wall time by default. */
  signingClock?: () => number;
}

/** A value the control API accepts; it is stored as a string, as HubSpot does. */
export type PropertyInput = string | number | boolean | null;

/** Source and time of a control-API change. The defaults are the sandbox clock and `CRM_UI`. */
export interface ControlChange {
  occurredAt?: number;
  /** HubSpot change source: `CRM_UI`, `IMPORT`, `ANALYTICS`, `FORM`, `INTEGRATION`, ... */
  source?: string;
  sourceId?: string;
}

export interface SandboxContact {
  id: string;
  properties: Record<string, string>;
  createdAt: number;
  updatedAt: number;
}

/** A property to define through the control API, in the shape of HubSpot's `PropertyCreate`. */
export interface PropertyDefinitionInput {
  name: string;
  label?: string;
  description?: string;
  type: PropertyType;
  fieldType: string;
  groupName?: string;
  options?: readonly PropertyOption[];
}

export interface SandboxStats extends RequestStats {
  webhooks: WebhookStats;
}

/** A HubSpot portal on 127.0.0.1: the CRM v3 API over HTTP, plus a control API for tests. */
export interface HubSpotSandbox {
  /** Base path for `new Client({ basePath })`, without a trailing slash. */
  endpoint: string;
  portalId: number;
  appId: number;
  accessToken: string;
  clientSecret: string;
  owners: Owner[];
  close(): Promise<void>;
  /** Creates contacts as a person, import or form would; returns their ids in order. */
  createContacts(
    list: ({ properties: Record<string, PropertyInput> } & ControlChange)[],
  ): string[];
  /** Sets properties; a person's change may move `lifecyclestage` back, an `INTEGRATION` one may not. */
  updateContact(
    id: string,
    properties: Record<string, PropertyInput>,
    change?: ControlChange,
  ): void;
  deleteContact(id: string, change?: ControlChange): void;
  /** Merges `secondaryId` into `primaryId`, which keeps its id. */
  mergeContacts(
    primaryId: string,
    secondaryId: string,
    change?: ControlChange,
  ): void;
  privacyDelete(id: string, change?: ControlChange): void;
  getContact(id: string): SandboxContact | undefined;
  /** Defines contact properties as an admin would in settings; existing names are left alone. */
  defineProperties(list: readonly PropertyDefinitionInput[]): void;
  contactIds(): string[];
  pendingWebhookEvents(): WebhookEvent[];
  /** Sends the queued events now as signed batches; returns how many were delivered. */
  deliverWebhooks(): Promise<number>;
  setWebhookTarget(url: string): void;
  stats(): SandboxStats;
  /** Makes the next matching API requests fail. */
  injectFailures(failure: FailureInjection): void;
  clearFailures(): void;
}

/** Starts a sandbox portal on a free 127.0.0.1 port. */
export async function startHubSpotSandbox(
  options: HubSpotSandboxOptions,
): Promise<HubSpotSandbox> {
  const clock = options.clock ?? Date.now;
  const emitter = new WebhookEmitter({
    portalId: options.portalId,
    appId: options.appId,
    clientSecret: options.clientSecret,
    targetUrl: options.webhookTargetUrl,
    subscribedProperties: options.subscribedProperties ?? 'all',
    batchSize: Math.min(options.webhookBatchSize ?? 100, 100),
    maxAttempts: options.webhookMaxAttempts ?? 5,
    concurrency: options.webhookConcurrency ?? 10,
    autoDeliver: options.autoDeliver ?? false,
    retryDelayMs: options.webhookRetryDelayMs ?? 200,
    timeoutMs: 5_000,
    signingClock: options.signingClock ?? Date.now,
  });
  const properties = new PropertiesStore(clock);
  const contacts = new ContactsStore(
    (change) => emitter.record(change),
    () =>
      stageOrderFromOptions(properties.get('lifecyclestage')?.options ?? []),
  );
  const failures = new FailureQueue();
  const requestStats = emptyRequestStats();
  const createdAt = new Date(clock()).toISOString();
  const owners = (options.owners ?? DEFAULT_OWNERS).map((seed) =>
    toOwner(seed, createdAt),
  );
  let endpoint = '';
  const apiContext = (): ChangeContext => ({
    occurredAt: clock(),
    source: 'INTEGRATION',
    sourceId: String(options.appId),
  });

  const server = createSandboxServer({
    routes: [
      ...contactRoutes({ contacts, properties, apiContext, now: clock }),
      ...propertyRoutes(properties),
      ...ownerRoutes(owners, () => endpoint),
    ],
    accessToken: options.accessToken,
    limiter: new RateLimiter(
      options.requestsPer10Seconds ?? 100,
      options.requestsPerDay ?? 250_000,
    ),
    failures,
    stats: requestStats,
  });
  const service = await listen(server);
  endpoint = service.endpoint;

  const contextOf = (change: ControlChange = {}): ChangeContext => ({
    occurredAt: change.occurredAt ?? clock(),
    source: change.source ?? 'CRM_UI',
    ...(change.sourceId === undefined ? {} : { sourceId: change.sourceId }),
  });
  const existing = (id: string): StoredContact => {
    const contact = contacts.get(id);
    if (contact === undefined)
      throw new Error(
        `Contact ${id} not found in sandbox portal ${options.portalId}`,
      );
    return contact;
  };

  return {
    endpoint,
    portalId: options.portalId,
    appId: options.appId,
    accessToken: options.accessToken,
    clientSecret: options.clientSecret,
    owners,
    close: async () => {
      await emitter.close();
      await service.close();
    },
    createContacts: (list) =>
      list.map(({ properties: raw, ...change }) => {
        const values = normalizeControlWrite(raw, properties);
        if (
          values.email !== undefined &&
          values.email !== '' &&
          contacts.findByEmail(values.email) !== undefined
        )
          throw new Error(
            `A contact with email ${values.email} already exists in sandbox portal ${options.portalId}`,
          );
        return contacts.create(values, contextOf(change)).id;
      }),
    updateContact: (id, raw, change) => {
      existing(id);
      const context = contextOf(change);
      contacts.update(
        id,
        normalizeControlWrite(raw, properties),
        context,
        context.source === 'INTEGRATION' ? 'api' : 'person',
      );
    },
    deleteContact: (id, change) => {
      contacts.archive(existing(id).id, contextOf(change));
    },
    mergeContacts: (primaryId, secondaryId, change) => {
      if (
        contacts.merge(
          existing(primaryId).id,
          existing(secondaryId).id,
          contextOf(change),
        ) === undefined
      )
        throw new Error(`Cannot merge contact ${secondaryId} into itself`);
    },
    privacyDelete: (id, change) => {
      contacts.privacyDelete(existing(id).id, contextOf(change));
    },
    getContact: (id) => {
      const contact = contacts.get(id);
      return (
        contact && {
          id: contact.id,
          properties: Object.fromEntries(contact.properties),
          createdAt: contact.createdAt,
          updatedAt: contact.updatedAt,
        }
      );
    },
    contactIds: () => contacts.ids(),
    defineProperties: (list) => {
      for (const input of list) {
        const groupName = input.groupName ?? 'contactinformation';
        if (properties.getGroup(groupName) === undefined)
          properties.addGroup({
            name: groupName,
            label: groupName,
            displayOrder: -1,
            archived: false,
          });
        if (properties.get(input.name) === undefined)
          properties.define({
            ...input,
            groupName,
            options: input.options?.map((option) => ({ ...option })),
          });
      }
    },
    pendingWebhookEvents: () => emitter.pendingEvents(),
    deliverWebhooks: () => emitter.deliver(),
    setWebhookTarget: (url) => emitter.setTarget(url),
    stats: () => ({
      ...structuredClone(requestStats),
      webhooks: emitter.stats(),
    }),
    injectFailures: (failure) => failures.add(failure),
    clearFailures: () => failures.clear(),
  };
}
