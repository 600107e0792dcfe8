import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from '@hubspot/api-client';
import { logger } from '#shared/logger.ts';
import { callHubSpot, type CallSettings } from './call.ts';
import { hubSpotClientFor } from './client.ts';
import {
  chunk,
  coalesceUpdates,
  emptyOutcome,
  sortBatchAnswer,
} from './contact-updates.ts';
import {
  HubSpotAuthError,
  HubSpotDailyLimitError,
  HubSpotError,
  HubSpotPermanentError,
} from './errors.ts';
import type {
  ContactUpdate,
  HubSpotGateway,
  HubSpotMetrics,
  HubSpotOwner,
  UpdateOutcome,
} from './gateway.ts';
import {
  applyForwardOnlyRule,
  DEFAULT_LIFECYCLE_STAGES,
  LIFECYCLE_PROPERTY,
  stageOrderFromOptions,
} from './lifecycle.ts';
import { ensureNurtureProperties } from './property-setup.ts';
import { requestWindowFor } from './request-window.ts';

export interface HubSpotGatewayOptions {
  accessToken: string;
  /** `https://api.hubapi.com` by default; the sandbox's endpoint locally. No trailing slash needed. */
  basePath?: string;
  /** Portal the token belongs to; gateways of one portal share a burst window. */
  portalId?: number | string;
  /** This deployment's share of the portal's burst limit (the client config's `hubspot.requestsPer10Seconds`). */
  requestsPer10Seconds: number;
  /** Attempts per request, the first included; 5 by default. */
  maxAttempts?: number;
  /** Per-request timeout; 10 s by default. */
  requestTimeoutMs?: number;
  /** How long the owner list is reused; 5 minutes by default. */
  ownersCacheMs?: number;
  /** Waits between attempts; tests pass one that records the wait and returns at once. */
  sleep?: (ms: number) => Promise<void>;
}

/** Creates the HubSpot gateway on `@hubspot/api-client`. */
export function createHubSpotGateway(
  options: HubSpotGatewayOptions,
): HubSpotGateway {
  return new SdkHubSpotGateway(options);
}

class SdkHubSpotGateway implements HubSpotGateway {
  private readonly client: Client;
  private readonly settings: CallSettings;
  private stageOrder: Promise<readonly string[]> | undefined;
  private owners: { list: HubSpotOwner[]; readAt: number } | undefined;

  constructor(private readonly options: HubSpotGatewayOptions) {
    this.client = hubSpotClientFor(options.accessToken, options.basePath);
    const portalKey =
      options.portalId === undefined
        ? createHash('sha256')
            .update(options.accessToken)
            .digest('hex')
            .slice(0, 16)
        : String(options.portalId);
    this.settings = {
      window: requestWindowFor(
        `${options.basePath ?? ''}\n${portalKey}`,
        options.requestsPer10Seconds,
      ),
      metrics: {
        calls: 0,
        callsByOperation: {},
        rateLimited: 0,
        retries: 0,
        timeouts: 0,
      },
      maxAttempts: options.maxAttempts ?? 5,
      timeoutMs: options.requestTimeoutMs ?? 10_000,
      sleep: options.sleep ?? ((ms) => sleep(ms)),
    };
  }

  async readContacts(
    ids: readonly string[],
    properties: readonly string[],
  ): Promise<Map<string, Record<string, string | null>>> {
    const contacts = new Map<string, Record<string, string | null>>();
    for (const part of chunk([...new Set(ids)])) {
      const answer = await callHubSpot(
        'contacts.batchRead',
        () =>
          this.client.crm.contacts.batchApi.read({
            inputs: part.map((id) => ({ id })),
            properties: [...properties],
            propertiesWithHistory: [],
          }),
        this.settings,
      );
      for (const result of answer.results) {
        const values: Record<string, string | null> = {};
        for (const name of properties) values[name] = null;
        contacts.set(result.id, Object.assign(values, result.properties));
      }
    }
    return contacts;
  }

  async updateContacts(
    updates: readonly ContactUpdate[],
  ): Promise<UpdateOutcome> {
    const outcome = emptyOutcome();
    const coalesced = coalesceUpdates(updates);
    const originals = new Map(
      coalesced.map((update) => [update.contactId, update]),
    );
    const checked = await this.keepLifecycleForward(coalesced, outcome);
    const toWrite: ContactUpdate[] = [];
    for (const update of checked) {
      if (Object.keys(update.properties).length === 0)
        outcome.updated.push(update.contactId);
      else toWrite.push(update);
    }
    for (const part of chunk(toWrite)) {
      if (outcome.dailyLimitReached)
        this.retryAll(part, 'daily request limit reached', outcome, originals);
      else await this.writeBatch(part, outcome, originals);
    }
    if (outcome.failed.length > 0 || outcome.retry.length > 0)
      logger.warn('HubSpot contact updates not written', {
        failed: outcome.failed.map(({ contactId, reason }) => ({
          contactId,
          reason,
        })),
        retry: outcome.retry.map(({ contactId }) => contactId),
        retryReason: outcome.retry[0]?.reason,
        dailyLimitReached: outcome.dailyLimitReached,
      });
    return outcome;
  }

  ensureProperties() {
    return ensureNurtureProperties(this.client, this.settings);
  }

  async listOwners(): Promise<HubSpotOwner[]> {
    const maxAge = this.options.ownersCacheMs ?? 5 * 60_000;
    if (this.owners !== undefined && Date.now() - this.owners.readAt < maxAge)
      return this.owners.list;
    const list: HubSpotOwner[] = [];
    let after: string | undefined;
    do {
      const page = await callHubSpot(
        'owners.list',
        () =>
          this.client.crm.owners.ownersApi.getPage(
            undefined,
            after,
            100,
            false,
          ),
        this.settings,
      );
      for (const owner of page.results)
        list.push({
          id: owner.id,
          email: owner.email ?? '',
          firstName: owner.firstName ?? '',
          lastName: owner.lastName ?? '',
          userId: owner.userId,
          archived: owner.archived,
        });
      after = page.paging?.next?.after;
    } while (after !== undefined);
    this.owners = { list, readAt: Date.now() };
    return list;
  }

  callCount(): number {
    return this.settings.metrics.calls;
  }

  metrics(): HubSpotMetrics {
    const { metrics } = this.settings;
    return { ...metrics, callsByOperation: { ...metrics.callsByOperation } };
  }

  /**
   * Re-reads the current stage of contacts whose update sets `lifecyclestage` and drops the
   * property where it would not move forward. When the read fails transiently, those contacts
   * go to `retry` and are left out of this call.
   */
  private async keepLifecycleForward(
    updates: ContactUpdate[],
    outcome: UpdateOutcome,
  ): Promise<ContactUpdate[]> {
    const staged = updates.filter(
      (update) => update.properties[LIFECYCLE_PROPERTY] !== undefined,
    );
    if (staged.length === 0) return updates;
    let current: Map<string, Record<string, string | null>>;
    let order: readonly string[];
    try {
      order = await this.lifecycleOrder();
      current = await this.readContacts(
        staged.map((update) => update.contactId),
        [LIFECYCLE_PROPERTY],
      );
    } catch (error) {
      if (
        !(error instanceof HubSpotError) ||
        error instanceof HubSpotAuthError ||
        !error.retryable
      )
        throw error;
      const stagedIds = new Set(staged.map((update) => update.contactId));
      const reason = `lifecycle stage check failed: ${error.message}`;
      this.retryAll(
        staged,
        reason,
        outcome,
        new Map(staged.map((update) => [update.contactId, update])),
      );
      if (error instanceof HubSpotDailyLimitError)
        outcome.dailyLimitReached = true;
      return updates.filter((update) => !stagedIds.has(update.contactId));
    }
    const stages = new Map(
      [...current].map(([id, properties]) => [
        id,
        properties[LIFECYCLE_PROPERTY] ?? null,
      ]),
    );
    const { updates: checked, kept } = applyForwardOnlyRule(
      updates,
      stages,
      order,
    );
    outcome.lifecycleKept.push(...kept);
    return checked;
  }

  /** Reads the portal's stage order once, from the options of the `lifecyclestage` property. */
  private lifecycleOrder(): Promise<readonly string[]> {
    this.stageOrder ??= callHubSpot(
      'properties.get',
      () =>
        this.client.crm.properties.coreApi.getByName(
          'contacts',
          LIFECYCLE_PROPERTY,
        ),
      this.settings,
    ).then(
      (property) => stageOrderFromOptions(property.options),
      (error: unknown) => {
        this.stageOrder = undefined;
        if (
          error instanceof HubSpotPermanentError &&
          !(error instanceof HubSpotAuthError)
        )
          return DEFAULT_LIFECYCLE_STAGES;
        throw error;
      },
    );
    return this.stageOrder;
  }

  /**
   * Sends one batch update and sorts its contacts into the outcome. A 400 for the whole batch
   * (one invalid value rejects all) is split in halves until the invalid contacts are found.
   */
  private async writeBatch(
    part: ContactUpdate[],
    outcome: UpdateOutcome,
    originals: Map<string, ContactUpdate>,
  ): Promise<void> {
    try {
      const answer = await callHubSpot(
        'contacts.batchUpdate',
        () =>
          this.client.crm.contacts.batchApi.update({
            inputs: part.map((update) => ({
              id: update.contactId,
              properties: update.properties,
            })),
          }),
        this.settings,
      );
      const sorted = sortBatchAnswer(part, answer);
      outcome.updated.push(...sorted.updated);
      for (const [contactId, reason] of sorted.failed)
        if (originals.has(contactId))
          outcome.failed.push({
            contactId,
            reason,
            update: originals.get(contactId)!,
          });
      this.retryAll(
        part.filter((update) => sorted.unknown.includes(update.contactId)),
        'HubSpot returned no result for this contact',
        outcome,
        originals,
      );
    } catch (error) {
      if (!(error instanceof HubSpotError) || error instanceof HubSpotAuthError)
        throw error;
      if (error instanceof HubSpotDailyLimitError)
        outcome.dailyLimitReached = true;
      if (error.retryable)
        return this.retryAll(part, error.message, outcome, originals);
      const unwritable = unwritableProperties(error);
      const carrying = part.filter((update) =>
        Object.keys(update.properties).some((name) => unwritable.has(name)),
      );
      if (carrying.length > 0) {
        for (const { contactId } of carrying)
          outcome.failed.push({
            contactId,
            reason: error.message,
            update: originals.get(contactId)!,
          });
        const rest = part.filter((update) => !carrying.includes(update));
        if (rest.length > 0) await this.writeBatch(rest, outcome, originals);
        return;
      }
      if (part.length > 1) {
        const middle = Math.ceil(part.length / 2);
        await this.writeBatch(part.slice(0, middle), outcome, originals);
        await this.writeBatch(part.slice(middle), outcome, originals);
        return;
      }
      const contactId = part[0]!.contactId;
      outcome.failed.push({
        contactId,
        reason: error.message,
        update: originals.get(contactId)!,
      });
    }
  }

  private retryAll(
    part: readonly ContactUpdate[],
    reason: string,
    outcome: UpdateOutcome,
    originals: Map<string, ContactUpdate>,
  ): void {
    for (const { contactId } of part)
      outcome.retry.push({
        contactId,
        reason,
        update: originals.get(contactId)!,
      });
  }
}

/** Property-level errors that fail every contact writing the property, whatever its value. */
const SCHEMA_ERRORS = new Set(['PROPERTY_DOESNT_EXIST', 'READ_ONLY_VALUE']);

/**
 * Names of properties no contact can write (missing in the portal, or read-only), so the
 * contacts carrying them fail together instead of being found by splitting the batch.
 */
function unwritableProperties(error: HubSpotError): Set<string> {
  return new Set(
    (error.failure.invalidProperties ?? [])
      .filter((property) => SCHEMA_ERRORS.has(property.error))
      .map((property) => property.name),
  );
}
