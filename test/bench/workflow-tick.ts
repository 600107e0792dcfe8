import type { ClientConfig } from '#shared/core/config/client.ts';
import { parseClientConfig } from '#shared/core/config/load.ts';
import { emptyContactState } from '#shared/core/pipeline/contact-state.ts';
import { startEnrollment } from '#shared/core/workflows/enrollment.ts';
import { createDocumentClient } from '#shared/store/dynamodb/client.ts';
import { DynamoContactStore } from '#shared/store/dynamodb/contact-store.ts';
import { DynamoEnrollmentStore } from '#shared/store/dynamodb/enrollments.ts';
import { ensureTable } from '#shared/store/dynamodb/table.ts';
import { runTick } from '#shared/workflows/tick.ts';
import { tickDependencies } from '#shared/workflows/tick-dependencies.ts';
import { localSesClient } from '../email/ses-local.ts';
import { startDynalite } from '#infra/local/services.ts';

export interface TickFigures {
  tickEnrollments: number;
  tickSeconds: number;
  tickEnrollmentsPerSecond: number;
}

const PORTAL_ID = 4200;
// Wednesday 2 December 2026, 10:00 in Amsterdam.
const NOW = Date.parse('2026-12-02T09:00:00Z');

/**
 * Measures one tick on dynalite: `count` enrollments due at once, each
 * setting a property, assigning an owner in rotation and starting a wait.
 * No email, so the figure is the store and the engine, not SES.
 */
export async function runTickBenchmark(
  raw: Record<string, unknown> & { workflows: { items: unknown[] } },
  count: number,
  log: (line: string) => void,
): Promise<TickFigures> {
  const config: ClientConfig = parseClientConfig(
    {
      ...raw,
      workflows: {
        ...raw.workflows,
        items: [
          {
            id: 'bench',
            version: 1,
            name: 'Bench',
            stage: 'awareness',
            steps: [
              {
                type: 'setProperty',
                property: 'nurture_track',
                value: 'bench',
              },
              { type: 'assignOwner', owners: ['71000001', '71000002'] },
              { type: 'wait', for: { days: 2 } },
              { type: 'stop' },
            ],
          },
        ],
      },
    },
    'bench config',
  );
  const dynamo = await startDynalite({});
  const documents = createDocumentClient(dynamo.endpoint);
  const tableName = 'bench-tick';
  await ensureTable(documents, tableName);
  const contacts = new DynamoContactStore(documents, tableName);
  const enrollments = new DynamoEnrollmentStore(documents, tableName);
  log(`tick: storing ${count} due enrollments`);
  for (let start = 0; start < count; start += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, count - start) }, async (_, offset) => {
        const contactId = String(900_000 + start + offset);
        const state = emptyContactState(PORTAL_ID, contactId, NOW);
        state.properties = {
          email: { value: `lead-${contactId}@example.com`, updatedAt: NOW },
        };
        state.version = 1;
        await contacts.put(state, 0);
        await enrollments.create(
          PORTAL_ID,
          startEnrollment({ id: 'bench', version: 1 }, contactId, NOW - 60_000),
        );
      }),
    );
  }
  const dependencies = tickDependencies({
    config,
    documents,
    tableName,
    // The workflow sends nothing, so no SES server is started.
    ses: localSesClient('http://127.0.0.1:9'),
    hubspot: { enqueue: async () => {} },
    unsubscribeSecret: 'bench-unsubscribe-key',
    clock: () => NOW,
  });
  log('tick: one tick over all of them');
  const started = performance.now();
  const report = await runTick({ ...dependencies, limit: count });
  const seconds = (performance.now() - started) / 1000;
  documents.destroy();
  await dynamo.close();
  return {
    tickEnrollments: report.advanced,
    tickSeconds: Math.round(seconds * 100) / 100,
    tickEnrollmentsPerSecond: Math.round(report.advanced / seconds),
  };
}
