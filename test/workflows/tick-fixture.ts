import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import type { ClientConfig } from '#shared/core/config/client.ts';
import type { InteractionEvent } from '#shared/core/contact.ts';
import {
  emptyContactState,
  type ContactState,
} from '#shared/core/pipeline/contact-state.ts';
import { startEnrollment } from '#shared/core/workflows/enrollment.ts';
import type { Mailer } from '#shared/email/mailer.ts';
import type { HubSpotRequest } from '#shared/pipeline/ports.ts';
import { DynamoContactStore } from '#shared/store/dynamodb/contact-store.ts';
import { DynamoEnrollmentStore } from '#shared/store/dynamodb/enrollments.ts';
import type { TickDependencies } from '#shared/workflows/tick.ts';
import { tickDependencies } from '#shared/workflows/tick-dependencies.ts';
import { localSesClient } from '../email/ses-local.ts';
import { createTestTable, type TestTable } from '../helpers/dynamo.ts';

export const PORTAL_ID = 4100;

/** A table of its own, the local SES and a list that stands in for the hubspot-sync queue. */
export interface TickFixture {
  table: TestTable;
  sesEndpoint: string;
  hubspotRequests: HubSpotRequest[];
  contacts: DynamoContactStore;
  enrollments: DynamoEnrollmentStore;
  dependencies(
    config: ClientConfig,
    now: number,
    mailer?: (real: Mailer) => Mailer,
  ): TickDependencies;
  /** Stores a made-up contact with a unique email address and returns its id and address. */
  addContact(options?: {
    interactions?: InteractionEvent[];
    properties?: Record<string, string>;
  }): Promise<{ contactId: string; email: string }>;
  /** Enrolls the contact in a workflow version, due at `now`. */
  enroll(
    workflow: { id: string; version: number },
    contactId: string,
    now: number,
  ): Promise<string>;
}

export async function createTickFixture(): Promise<TickFixture> {
  const table = await createTestTable('tick');
  const sesEndpoint = inject('sesEndpoint');
  const hubspotRequests: HubSpotRequest[] = [];
  const contacts = new DynamoContactStore(table.documents, table.tableName);
  const enrollments = new DynamoEnrollmentStore(
    table.documents,
    table.tableName,
  );
  return {
    table,
    sesEndpoint,
    hubspotRequests,
    contacts,
    enrollments,
    dependencies(config, now, mailer) {
      const base = tickDependencies({
        config,
        documents: table.documents,
        tableName: table.tableName,
        ses: localSesClient(sesEndpoint),
        hubspot: {
          enqueue: async (requests) => {
            hubspotRequests.push(...requests);
          },
        },
        unsubscribeSecret: 'test-unsubscribe-key',
        clock: () => now,
      });
      return mailer === undefined
        ? base
        : { ...base, mailer: mailer(base.mailer) };
    },
    async addContact(options = {}) {
      const contactId = randomUUID().slice(0, 12);
      const email = `lead-${contactId}@example.com`;
      const state: ContactState = emptyContactState(PORTAL_ID, contactId, 0);
      const values = { email, firstname: 'Lead', ...options.properties };
      state.properties = Object.fromEntries(
        Object.entries(values).map(([name, value]) => [
          name,
          { value, updatedAt: 0 },
        ]),
      );
      state.interactions = options.interactions ?? [];
      state.version = 1;
      await contacts.put(state, 0);
      return { contactId, email };
    },
    async enroll(workflow, contactId, now) {
      const enrollment = startEnrollment(workflow, contactId, now);
      await enrollments.create(PORTAL_ID, enrollment);
      return enrollment.id;
    },
  };
}
