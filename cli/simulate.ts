import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { ClientConfig } from '#shared/core/config/client.ts';
import { ConfigError } from '#shared/core/config/load.ts';
import {
  SimulatedContactsSchema,
  type SimulatedContact,
} from '#shared/core/workflows/simulation/input.ts';
import {
  simulateWorkflows,
  type PlanEntry,
} from '#shared/core/workflows/simulation/run.ts';
import {
  localDate,
  summarizeSimulation,
  type SimulationSummary,
} from '#shared/core/workflows/simulation/summary.ts';
import { readClientConfig } from '#shared/config-file.ts';

const USAGE = [
  'Usage: nurture simulate --config FILE --contacts FILE [--days N] [--start TIME] [--json]',
  '       nurture simulate schema',
  '',
  '  --config FILE    client configuration whose workflows run',
  '  --contacts FILE  JSON list of made-up contacts: id, properties, and',
  '                   interactions and property changes by day',
  '                   (see examples/simulate.contacts.json)',
  '  --days N         days to simulate (default 30)',
  '  --start TIME     ISO 8601 time the simulated clock starts at (default: now)',
  '  --json           print the plan and the counts as one JSON object',
  '',
  'Nothing is sent or written: emails, owners and properties change only the',
  'simulated contacts. "simulate schema" prints the JSON Schema of the contacts file.',
].join('\n');

/** `nurture simulate`: dry-runs the workflows on example contacts and prints the action plan. */
export async function simulateCommand(args: string[]): Promise<number> {
  if (args[0] === 'schema') {
    console.log(
      JSON.stringify(
        z.toJSONSchema(SimulatedContactsSchema, { io: 'input' }),
        null,
        2,
      ),
    );
    return 0;
  }
  let options;
  try {
    options = parseArgs({
      args,
      options: {
        config: { type: 'string' },
        contacts: { type: 'string' },
        days: { type: 'string', default: '30' },
        start: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  if (options.config === undefined || options.contacts === undefined) {
    console.error(`Missing --config or --contacts.\n${USAGE}`);
    return 2;
  }
  const days = Number(options.days);
  if (!Number.isInteger(days) || days < 1 || days > 3650) {
    console.error(
      `Invalid --days "${options.days}": use a whole number from 1 to 3650.`,
    );
    return 2;
  }
  const start =
    options.start === undefined ? Date.now() : Date.parse(options.start);
  if (Number.isNaN(start)) {
    console.error(
      `Invalid --start "${options.start}": use an ISO 8601 time such as 2026-12-07T08:00:00Z.`,
    );
    return 2;
  }

  let config: ClientConfig;
  let contacts: SimulatedContact[];
  try {
    config = await readClientConfig(options.config);
    contacts = await readContacts(options.contacts);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }

  const result = simulateWorkflows(config, contacts, start, days);
  const summary = summarizeSimulation(result, config.email.timeZone);
  if (options.json) {
    console.log(
      JSON.stringify(
        {
          client: config.client.id,
          start: new Date(result.start).toISOString(),
          end: new Date(result.end).toISOString(),
          contacts: contacts.length,
          ...summary,
          plan: result.plan,
        },
        null,
        2,
      ),
    );
  } else {
    console.log(
      formatPlan(
        config,
        contacts.length,
        result.start,
        days,
        result.plan,
        summary,
      ),
    );
  }
  return 0;
}

async function readContacts(path: string): Promise<SimulatedContact[]> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(path, [
      {
        path: '',
        value: undefined,
        message: `cannot read the contacts file: ${(error as Error).message}`,
      },
    ]);
  }
  const parsed = SimulatedContactsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new ConfigError(
    path,
    parsed.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      value: undefined,
      message: issue.message,
    })),
  );
}

function formatPlan(
  config: ClientConfig,
  contacts: number,
  start: number,
  days: number,
  plan: readonly PlanEntry[],
  summary: SimulationSummary,
): string {
  const timeZone = config.email.timeZone;
  const lines = [
    `Dry run of client ${config.client.id}: ${contacts} contacts, ${days} days from ${localDate(start, timeZone)} (${timeZone}). Nothing was sent or written.`,
  ];
  let currentDate = '';
  for (const entry of plan) {
    const line = describe(entry);
    if (line === undefined) continue;
    const date = localDate(entry.at, timeZone);
    if (date !== currentDate) {
      currentDate = date;
      lines.push('', date);
    }
    lines.push(`  ${entry.contactId.padEnd(18)} ${line}`);
  }

  lines.push(
    '',
    'Per day: date, enrolled, emails sent, skipped, suppressed, owners assigned, handed over',
  );
  for (const day of summary.days) {
    lines.push(
      `  ${day.date}  ${[day.enrolled, day.emailsSent, day.emailsSkipped, day.emailsSuppressed, day.ownersAssigned, day.handedOver].map((value) => String(value).padStart(3)).join(' ')}`,
    );
  }
  lines.push('', 'Per workflow version:');
  for (const version of summary.versions) {
    const exits = Object.entries(version.exitsByGoal).map(
      ([goal, count]) => `${goal} ${count}`,
    );
    const suppressed = Object.entries(version.suppressedByReason).map(
      ([reason, count]) => `${reason} ${count}`,
    );
    lines.push(
      `  ${`${version.workflowId}@${version.version}`.padEnd(26)} enrolled ${version.enrolled}, completed ${version.completed}, exited ${version.exited}${exits.length > 0 ? ` (${exits.join(', ')})` : ''}, stopped ${version.stopped}; emails sent ${version.emailsSent}, skipped ${version.emailsSkipped}, suppressed ${version.emailsSuppressed}${suppressed.length > 0 ? ` (${suppressed.join(', ')})` : ''}, deferred ${version.emailsDeferred}; owners assigned ${version.ownersAssigned}; handed over ${version.handedOver}`,
    );
  }
  const skipped = Object.entries(summary.enrollmentsSkipped);
  if (skipped.length > 0) {
    lines.push(
      '',
      `Enrollments not made: ${skipped.map(([reason, count]) => `${reason} ${count}`).join(', ')}`,
    );
  }
  return lines.join('\n');
}

function describe(entry: PlanEntry): string | undefined {
  const workflow =
    entry.type === 'enrolled'
      ? `${entry.enrollment.workflowId}@${entry.enrollment.version}`
      : entry.type === 'enrollmentSkipped'
        ? `${entry.workflowId}@${entry.version ?? '?'}`
        : `${entry.workflowId}@${entry.version}`;
  const prefix = workflow.padEnd(26);
  switch (entry.type) {
    case 'enrolled':
      return `${prefix} enrolled (${entry.enrollment.source.kind === 'handOver' ? 'hand-over' : 'trigger'})`;
    case 'enrollmentSkipped':
      return undefined;
    case 'sendEmail':
      return `${prefix} email ${entry.contentId}`;
    case 'emailSkipped':
      return `${prefix} skipped ${entry.contentId ?? 'email'}${entry.reason === undefined ? '' : `: ${entry.reason}`}`;
    case 'emailSuppressed':
      return `${prefix} suppressed ${entry.contentId}: ${entry.reason}`;
    case 'emailDeferred':
      return `${prefix} deferred ${entry.contentId} to ${new Date(entry.until).toISOString()} (${entry.reason})`;
    case 'assignOwner':
      return `${prefix} owner ${entry.ownerId} (${entry.by})`;
    case 'setProperty':
      return `${prefix} set ${entry.property} = ${entry.value}`;
    case 'enroll':
      return `${prefix} hands over to ${entry.targetWorkflowId}`;
    case 'enrollmentEnded': {
      const detail =
        entry.goalId ??
        entry.detail ??
        (entry.reason === entry.status ? undefined : entry.reason);
      return `${prefix} ${entry.status}${detail === undefined ? '' : ` (${detail})`}`;
    }
  }
}
