import { HubSpotError } from '#shared/hubspot/errors.ts';
import type { SetupReport } from '#shared/hubspot/gateway.ts';
import { createHubSpotGateway } from '#shared/hubspot/hubspot-gateway.ts';

const USAGE = 'Usage: nurture setup-hubspot [--json]';

/** Setup makes about a dozen calls; this stays well under every portal's burst limit. */
const SETUP_REQUESTS_PER_10_SECONDS = 50;

/**
 * `nurture setup-hubspot [--json]`: creates Nurture's contact property group and properties
 * in the portal of `HUBSPOT_ACCESS_TOKEN` (at `HUBSPOT_BASE_PATH`, for the sandbox) where they
 * are missing, and prints what it created and what already existed.
 */
export async function setupHubSpotCommand(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const json = args.includes('--json');
  const unknown = args.filter((arg) => arg !== '--json');
  if (unknown.length > 0) {
    console.error(`Unknown argument ${unknown[0]}.\n${USAGE}`);
    return 2;
  }
  const accessToken = env.HUBSPOT_ACCESS_TOKEN;
  if (accessToken === undefined || accessToken === '') {
    console.error(
      'Missing environment variable HUBSPOT_ACCESS_TOKEN: set it to the access token of the ' +
        'HubSpot app (it needs the crm.schemas.contacts.write scope), then run the command again.',
    );
    return 1;
  }
  const basePath =
    env.HUBSPOT_BASE_PATH === '' ? undefined : env.HUBSPOT_BASE_PATH;

  let report: SetupReport;
  try {
    const gateway = createHubSpotGateway({
      accessToken,
      basePath,
      requestsPer10Seconds: SETUP_REQUESTS_PER_10_SECONDS,
    });
    report = await gateway.ensureProperties();
  } catch (error) {
    if (!(error instanceof HubSpotError)) throw error;
    console.error(`HubSpot setup failed: ${error.message}`);
    return 1;
  }
  if (json) console.log(JSON.stringify(report));
  else for (const line of describeSetupReport(report)) console.log(line);
  return report.mismatched.length > 0 ? 1 : 0;
}

/** Lines that tell an operator what the setup created, found and could not fix. */
export function describeSetupReport(report: SetupReport): string[] {
  const lines = [`Property group ${report.group.name}: ${report.group.status}`];
  for (const name of report.created) lines.push(`  created  ${name}`);
  for (const name of report.existing) lines.push(`  existing ${name}`);
  for (const { name, expected, actual } of report.mismatched)
    lines.push(
      `  Property ${name} exists with type ${actual}, but Nurture writes ${expected}: ` +
        'delete or rename it in HubSpot, then run setup-hubspot again.',
    );
  lines.push(
    `${report.created.length} created, ${report.existing.length} already existed` +
      (report.mismatched.length > 0
        ? `, ${report.mismatched.length} with the wrong type`
        : ''),
  );
  return lines;
}
