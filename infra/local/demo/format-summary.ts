import type { DemoSummary } from './summary.ts';
import { formatWorkflowSummary } from './workflow-summary.ts';

/** Formats the summary for reading on a terminal. */
export function formatSummary(summary: DemoSummary): string {
  const lines = [
    `Nurture local run for client "${summary.client}": ${summary.simulatedDays} simulated days in ${(summary.durationMs / 1000).toFixed(1)} s`,
    '',
    `Contacts scored        ${summary.contacts} (${summary.deletedOrMerged} deleted or merged)`,
    `Events accepted        ${summary.eventsAccepted}`,
    `Duplicates dropped     ${summary.duplicates}`,
    `Own echoes ignored     ${summary.echoesIgnored}`,
    `Older values ignored   ${summary.staleIgnored}`,
    `Rejected inputs        ${summary.rejected}`,
    ...summary.rejectedReasons.map(
      (entry) => `  ${entry.count} x ${entry.reason}`,
    ),
    `Dead letters           ${summary.deadLetters}`,
    '',
    `Leads ${summary.leads}   MQL ${summary.mql}   SQL ${summary.sql}`,
    '',
    table('Persona', summary.perPersona),
    '',
    table('Channel', summary.perChannel),
    '',
    `HubSpot API calls      ${summary.hubspotCalls}`,
    ...Object.entries(summary.hubspotCallsByEndpoint).map(
      ([endpoint, count]) => `  ${String(count).padStart(5)}  ${endpoint}`,
    ),
    `Contact updates        ${summary.hubspotUpdates.updated} written, ${summary.hubspotUpdates.retried} retried, ${summary.hubspotUpdates.failed} rejected, ${summary.hubspotUpdates.lifecycleKept} lifecycle stages kept`,
    `Delivery faults added  ${summary.faults.duplicatedBatches} duplicate batches, ${summary.faults.reorderedBatches} out of order, ${summary.faults.invalidEventsSent} malformed events`,
    '',
    ...formatWorkflowSummary(summary),
    '',
    'Example contacts as the HubSpot sandbox holds them:',
    ...summary.examples.map(
      (example) =>
        `  contact ${example.contactId}: ${example.qualification ?? '-'} (lifecycle ${example.lifecyclestage ?? '-'}), score ${example.score ?? '-'}, persona ${example.persona ?? '-'}\n    ${example.reason ?? ''}`,
    ),
  ];
  return lines.join('\n');
}

function table(title: string, rows: DemoSummary['perPersona']): string {
  const header = `${title.padEnd(20)} ${'contacts'.padStart(8)} ${'leads'.padStart(6)} ${'MQL'.padStart(5)} ${'SQL'.padStart(5)}`;
  const body = Object.entries(rows)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([name, funnel]) =>
        `${name.padEnd(20)} ${String(funnel.contacts).padStart(8)} ${String(funnel.leads).padStart(6)} ${String(funnel.mql).padStart(5)} ${String(funnel.sql).padStart(5)}`,
    );
  return [header, ...body].join('\n');
}
