import { readFileSync } from 'node:fs';
import type { ClientConfig } from '#shared/core/config/client.ts';
import type { WorkflowSchema } from '#shared/core/config/workflows.ts';
import { parseClientConfig } from '#shared/core/config/load.ts';
import type { Score } from '#shared/core/contact.ts';
import type { WorkflowContact } from '#shared/core/workflows/contact.ts';
import {
  createRoundRobin,
  type WorkflowContext,
} from '#shared/core/workflows/context.ts';
import type { z } from 'zod';

export type WorkflowInput = z.input<typeof WorkflowSchema>;

/** Wednesday 2 December 2026, 10:00 in Amsterdam: inside the demo's send window. */
export const NOW = Date.parse('2026-12-02T09:00:00Z');
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Reads the demo client's raw config afresh, so a test may change its copy. */
export function demoRaw(): Record<string, unknown> & {
  workflows: { items: WorkflowInput[]; owners: unknown[]; topics: unknown[] };
} {
  return JSON.parse(readFileSync('clients/demo.json', 'utf8'));
}

/** Returns the demo client's config with its workflows replaced by `items`. */
export function configWith(...items: WorkflowInput[]): ClientConfig {
  const raw = demoRaw();
  raw.workflows.items = items;
  return parseClientConfig(raw, 'test config');
}

export function contextFor(config: ClientConfig): WorkflowContext {
  return { config, nextRoundRobin: createRoundRobin() };
}

/** Builds a made-up contact: an analyst lead in the awareness stage, with an email address. */
export function contactWith(
  overrides: Partial<WorkflowContact> = {},
  score: Partial<NonNullable<WorkflowContact['score']>> = {},
): WorkflowContact {
  const baseScore: Pick<
    Score,
    | 'fit'
    | 'engagement'
    | 'total'
    | 'qualification'
    | 'persona'
    | 'journeyStage'
  > = {
    fit: 40,
    engagement: 10,
    total: 50,
    qualification: 'mql',
    persona: 'analyst',
    journeyStage: 'awareness',
  };
  return {
    contactId: '501',
    properties: { email: 'lead-001@example.com', firstname: 'Lead' },
    interactions: [],
    emailsSentAt: [],
    ...overrides,
    score: { ...baseScore, ...score },
  };
}

/** Builds a minimal workflow: send one item, wait, send another. */
export function simpleWorkflow(
  overrides: Partial<WorkflowInput> = {},
): WorkflowInput {
  return {
    id: 'welcome',
    version: 1,
    name: 'Welcome',
    stage: 'awareness',
    steps: [
      { type: 'sendEmail', contentId: 'blog-reporting-pitfalls' },
      { type: 'wait', for: { days: 2 } },
      { type: 'sendEmail', contentId: 'guide-dashboards' },
    ],
    ...overrides,
  };
}
