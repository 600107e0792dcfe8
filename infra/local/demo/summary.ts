import type { ContactState } from '#shared/core/pipeline/contact-state.ts';
import type { LocalStack } from '../stack.ts';
import type { FaultStats } from './faulty-delivery.ts';
import {
  summarizeWorkflows,
  type WorkflowSummary,
} from './workflow-summary.ts';

interface Funnel {
  contacts: number;
  leads: number;
  mql: number;
  sql: number;
}

export interface ExampleContact {
  contactId: string;
  /** Values on the contact record in the HubSpot sandbox at the end of the run. */
  score: string | undefined;
  qualification: string | undefined;
  persona: string | undefined;
  lifecyclestage: string | undefined;
  reason: string | undefined;
}

/** Summary of a demo run, as `npm start` prints it (`--json` prints this object). */
export interface DemoSummary extends WorkflowSummary {
  client: string;
  contacts: number;
  deletedOrMerged: number;
  eventsAccepted: number;
  duplicates: number;
  echoesIgnored: number;
  staleIgnored: number;
  rejected: number;
  rejectedReasons: { reason: string; count: number }[];
  leads: number;
  mql: number;
  sql: number;
  perPersona: Record<string, Funnel>;
  perChannel: Record<string, Funnel>;
  hubspotCalls: number;
  hubspotCallsByEndpoint: Record<string, number>;
  hubspotUpdates: {
    updated: number;
    failed: number;
    retried: number;
    lifecycleKept: number;
  };
  deadLetters: number;
  faults: FaultStats;
  examples: ExampleContact[];
  simulatedDays: number;
  durationMs: number;
}

/** Gathers the summary from the store, the sandbox and the pipeline's counters. */
export async function summarize(
  stack: LocalStack,
  extra: { faults: FaultStats; simulatedDays: number; startedAt: number },
): Promise<DemoSummary> {
  const states = await loadStates(stack);
  const live = states.filter(
    (state) => state.deleted !== true && state.score !== undefined,
  );
  const perPersona: Record<string, Funnel> = {};
  const perChannel: Record<string, Funnel> = {};
  const total: Funnel = { contacts: 0, leads: 0, mql: 0, sql: 0 };
  for (const state of live) {
    const qualification = state.score!.qualification;
    const channel =
      stack.config.channels.labels[state.channel ?? ''] ??
      state.channel ??
      'unknown';
    for (const funnel of [
      total,
      (perPersona[state.score!.persona] ??= emptyFunnel()),
      (perChannel[channel] ??= emptyFunnel()),
    ]) {
      funnel.contacts += 1;
      if (qualification === 'lead') funnel.leads += 1;
      if (qualification === 'mql') funnel.mql += 1;
      if (qualification === 'sql') funnel.sql += 1;
    }
  }
  const rejected = await stack.rejected.list({ limit: 1000 });
  const reasons = new Map<string, number>();
  for (const input of rejected) {
    const reason = input.reason.replace(/^event \d+: /, '');
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  const sandboxStats = stack.sandbox.stats();
  const { outcomes } = stack.stats;
  const workflows = await summarizeWorkflows(stack);
  return {
    ...workflows,
    client: stack.config.client.id,
    contacts: live.length,
    deletedOrMerged: states.length - live.length,
    eventsAccepted: stack.stats.eventsAccepted,
    duplicates:
      (outcomes.duplicate ?? 0) + stack.contactEvents.stats().duplicates,
    echoesIgnored: outcomes.echo ?? 0,
    staleIgnored: outcomes.stale ?? 0,
    rejected: rejected.length,
    rejectedReasons: [...reasons.entries()].map(([reason, count]) => ({
      reason,
      count,
    })),
    leads: total.leads,
    mql: total.mql,
    sql: total.sql,
    perPersona,
    perChannel,
    hubspotCalls: stack.hubspotCalls(),
    hubspotCallsByEndpoint: sandboxStats.requests,
    hubspotUpdates: {
      updated: stack.stats.hubspotUpdated,
      failed: stack.stats.hubspotFailed,
      retried: stack.stats.hubspotRetried,
      lifecycleKept: stack.stats.lifecycleKept,
    },
    deadLetters:
      stack.contactEvents.stats().deadLetters +
      stack.hubspotSync.stats().deadLetters,
    faults: extra.faults,
    examples: pickExamples(stack, live),
    simulatedDays: extra.simulatedDays,
    durationMs: Date.now() - extra.startedAt,
  };
}

async function loadStates(stack: LocalStack): Promise<ContactState[]> {
  const keys = [...stack.stats.contactKeys];
  const states = await Promise.all(
    keys.map((key) => {
      const [portalId, contactId] = key.split(':');
      return stack.store.get(Number(portalId), contactId!);
    }),
  );
  return states.filter((state): state is ContactState => state !== undefined);
}

/** One SQL, one MQL and one lead, as the sandbox contains them at the end of the run. */
function pickExamples(
  stack: LocalStack,
  live: ContactState[],
): ExampleContact[] {
  const examples: ExampleContact[] = [];
  for (const qualification of ['sql', 'mql', 'lead']) {
    const state = live
      .filter((candidate) => candidate.score!.qualification === qualification)
      .sort((a, b) => Number(a.contactId) - Number(b.contactId))[0];
    if (state === undefined) continue;
    const record = stack.sandbox.getContact(state.contactId)?.properties ?? {};
    examples.push({
      contactId: state.contactId,
      score: record.nurture_score,
      qualification: record.nurture_qualification,
      persona: record.nurture_persona,
      lifecyclestage: record.lifecyclestage,
      reason: record.nurture_last_score_reason,
    });
  }
  return examples;
}

function emptyFunnel(): Funnel {
  return { contacts: 0, leads: 0, mql: 0, sql: 0 };
}
