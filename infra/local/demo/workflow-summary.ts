import type { LocalStack } from '../stack.ts';

/** Enrollments and their ends for one workflow version. */
export interface WorkflowVersionSummary {
  workflowId: string;
  version: number;
  enrolled: number;
  completed: number;
  exited: number;
  stopped: number;
  emailsSent: number;
  emailsSkipped: number;
  emailsSuppressed: number;
  ownersAssigned: number;
}

/** The workflow part of the `npm start` summary, from the stored counters and the local SES. */
export interface WorkflowSummary {
  workflows: WorkflowVersionSummary[];
  enrollments: number;
  emailsSent: number;
  /** Emails aws-ses-v2-local holds (`GET /store`), which should equal `emailsSent`. */
  emailsInSes: number;
  emailsSkipped: number;
  emailsSuppressed: number;
  emailsSuppressedReasons: Record<string, number>;
  ownersAssigned: number;
  /** Contacts in the HubSpot sandbox with an owner at the end of the run. */
  contactsWithOwnerInSandbox: number;
  /** Opens and clicks the demo made up, because aws-ses-v2-local emits no SES events. */
  simulatedEmailEvents?: { opens: number; clicks: number };
}

const SUPPRESSED_PREFIX = 'emailsSuppressed:';

export async function summarizeWorkflows(
  stack: LocalStack,
): Promise<WorkflowSummary> {
  const rows = (await stack.workflowReport()).sort(
    (a, b) => a.workflowId.localeCompare(b.workflowId) || a.version - b.version,
  );
  const reasons: Record<string, number> = {};
  const workflows = rows.map(({ workflowId, version, counts }) => {
    for (const [name, count] of Object.entries(counts)) {
      if (!name.startsWith(SUPPRESSED_PREFIX)) continue;
      const reason = name.slice(SUPPRESSED_PREFIX.length);
      reasons[reason] = (reasons[reason] ?? 0) + count;
    }
    return {
      workflowId,
      version,
      enrolled: counts.enrolled ?? 0,
      completed: counts.completed ?? 0,
      exited: counts.exited ?? 0,
      stopped: counts.stopped ?? 0,
      emailsSent: counts.emailsSent ?? 0,
      emailsSkipped: counts.emailsSkipped ?? 0,
      emailsSuppressed: counts.emailsSuppressed ?? 0,
      ownersAssigned: counts.ownersAssigned ?? 0,
    };
  });
  const sum = (field: keyof WorkflowVersionSummary) =>
    workflows.reduce((total, row) => total + Number(row[field]), 0);
  const response = await fetch(`${stack.sesEndpoint}/store`);
  const store = (await response.json()) as { emails: unknown[] };
  return {
    workflows,
    enrollments: sum('enrolled'),
    emailsSent: sum('emailsSent'),
    emailsInSes: store.emails.length,
    emailsSkipped: sum('emailsSkipped'),
    emailsSuppressed: sum('emailsSuppressed'),
    emailsSuppressedReasons: reasons,
    ownersAssigned: sum('ownersAssigned'),
    contactsWithOwnerInSandbox: [...stack.stats.contactKeys].filter((key) => {
      const contactId = key.split(':')[1] ?? '';
      const owner =
        stack.sandbox.getContact(contactId)?.properties.hubspot_owner_id;
      return owner !== undefined && owner !== null && owner !== '';
    }).length,
  };
}

/** Lines for the terminal summary. */
export function formatWorkflowSummary(summary: WorkflowSummary): string[] {
  const reasons = Object.entries(summary.emailsSuppressedReasons)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([reason, count]) => `${count} ${reason}`)
    .join(', ');
  return [
    `${'Workflow version'.padEnd(28)} ${'enrolled'.padStart(8)} ${'done'.padStart(5)} ${'exited'.padStart(6)} ${'stopped'.padStart(7)} ${'sent'.padStart(5)} ${'skipped'.padStart(7)} ${'suppr.'.padStart(6)} ${'owners'.padStart(6)}`,
    ...summary.workflows.map(
      (row) =>
        `${`${row.workflowId} v${row.version}`.padEnd(28)} ${String(row.enrolled).padStart(8)} ${String(row.completed).padStart(5)} ${String(row.exited).padStart(6)} ${String(row.stopped).padStart(7)} ${String(row.emailsSent).padStart(5)} ${String(row.emailsSkipped).padStart(7)} ${String(row.emailsSuppressed).padStart(6)} ${String(row.ownersAssigned).padStart(6)}`,
    ),
    `Emails sent            ${summary.emailsSent} (${summary.emailsInSes} in aws-ses-v2-local)`,
    `Emails skipped         ${summary.emailsSkipped}`,
    `Emails suppressed      ${summary.emailsSuppressed}${reasons === '' ? '' : ` (${reasons})`}`,
    ...(summary.simulatedEmailEvents === undefined
      ? []
      : [
          `Simulated SES events   ${summary.simulatedEmailEvents.opens} opens, ${summary.simulatedEmailEvents.clicks} clicks (made up from the seed, scored as interactions)`,
        ]),
    `Owners assigned        ${summary.ownersAssigned} (${summary.contactsWithOwnerInSandbox} contacts with an owner in the HubSpot sandbox)`,
  ];
}
