import type {
  HubSpotSandbox,
  PropertyDefinitionInput,
} from '../hubspot-sandbox/index.ts';
import type { SimulatedClock } from '../clock.ts';
import type { DemoScenario, DemoStep } from './scenario.ts';

/** Custom properties the demo client's forms fill; a portal admin would create these. */
export const DEMO_PROPERTIES: PropertyDefinitionInput[] = [
  {
    name: 'buyer_role',
    label: 'Which describes you best?',
    type: 'string',
    fieldType: 'text',
  },
  {
    name: 'company_size',
    label: 'Company size',
    type: 'number',
    fieldType: 'number',
  },
  { name: 'industry', label: 'Industry', type: 'string', fieldType: 'text' },
  { name: 'country', label: 'Country', type: 'string', fieldType: 'text' },
  { name: 'jobtitle', label: 'Job title', type: 'string', fieldType: 'text' },
];

/** Simulated hours between two webhook deliveries, as HubSpot batches changes over time. */
const ROUND_MS = 6 * 3_600_000;

/**
 * Plays the scenario into the sandbox on the simulated clock: every six simulated hours the
 * changes made so far go out as signed webhook batches and the pipeline drains its queues.
 */
export async function replayScenario(
  scenario: DemoScenario,
  sandbox: HubSpotSandbox,
  clock: SimulatedClock,
  afterRound: (roundEnd: number) => Promise<void>,
  onProgress?: (done: number, total: number) => void,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const steps = [...scenario.steps].sort((a, b) => a.at - b.at);
  let index = 0;
  const endAt = scenario.startAt + scenario.days * 86_400_000;
  for (let roundEnd = scenario.startAt + ROUND_MS; ; roundEnd += ROUND_MS) {
    while (index < steps.length && steps[index]!.at < roundEnd) {
      const step = steps[index]!;
      clock.advanceTo(step.at);
      applyStep(step, sandbox, ids);
      index += 1;
    }
    clock.advanceTo(roundEnd);
    await afterRound(roundEnd);
    onProgress?.(index, steps.length);
    if (index >= steps.length && roundEnd >= endAt) break;
  }
  return ids;
}

function applyStep(
  step: DemoStep,
  sandbox: HubSpotSandbox,
  ids: Map<string, string>,
): void {
  const change = { occurredAt: step.at };
  if (step.action === 'create') {
    const [id] = sandbox.createContacts([
      { properties: step.properties, ...change, source: 'FORM' },
    ]);
    ids.set(step.ref, id!);
    return;
  }
  const id = ids.get(step.ref);
  if (id === undefined || sandbox.getContact(id) === undefined) return;
  switch (step.action) {
    case 'update':
      sandbox.updateContact(id, step.properties, {
        ...change,
        source: step.source,
      });
      return;
    case 'delete':
      sandbox.deleteContact(id, { ...change, source: 'CRM_UI' });
      return;
    case 'privacyDelete':
      sandbox.privacyDelete(id, { ...change, source: 'CRM_UI' });
      return;
    case 'merge': {
      const mergedId = ids.get(step.merged);
      if (
        mergedId !== undefined &&
        sandbox.getContact(mergedId) !== undefined
      ) {
        sandbox.mergeContacts(id, mergedId, { ...change, source: 'CRM_UI' });
      }
    }
  }
}
