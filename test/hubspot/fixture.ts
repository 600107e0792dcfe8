import { createServer, type IncomingHttpHeaders } from 'node:http';
import { listen } from '#infra/local/services.ts';
import {
  startHubSpotSandbox,
  type HubSpotSandbox,
  type HubSpotSandboxOptions,
} from '#infra/local/hubspot-sandbox/index.ts';
import {
  NURTURE_PROPERTIES,
  NURTURE_PROPERTY_GROUP,
} from '#shared/hubspot/properties.ts';
import {
  createHubSpotGateway,
  type HubSpotGatewayOptions,
} from '#shared/hubspot/hubspot-gateway.ts';

let nextPortalId = 700_000 + Math.floor(Math.random() * 100_000);

/**
 * Starts a sandbox portal of its own, so the test's state and limits are not shared. Nurture's
 * properties are defined through the control API unless `withNurtureProperties` is false.
 */
export async function startTestPortal(
  options: Partial<HubSpotSandboxOptions> & {
    withNurtureProperties?: boolean;
  } = {},
): Promise<HubSpotSandbox> {
  const { withNurtureProperties = true, ...sandboxOptions } = options;
  const portalId = nextPortalId++;
  const sandbox = await startHubSpotSandbox({
    portalId,
    appId: 4242001,
    accessToken: `token-${portalId}`,
    clientSecret: `secret-${portalId}`,
    ...sandboxOptions,
  });
  if (withNurtureProperties)
    sandbox.defineProperties(
      NURTURE_PROPERTIES.map((property) => ({
        ...property,
        groupName: NURTURE_PROPERTY_GROUP.name,
      })),
    );
  return sandbox;
}

/** Creates a gateway for the portal that records the waits between attempts and skips them. */
export function gatewayFor(
  sandbox: HubSpotSandbox,
  options: Partial<HubSpotGatewayOptions> = {},
) {
  const waits: number[] = [];
  const gateway = createHubSpotGateway({
    accessToken: sandbox.accessToken,
    basePath: sandbox.endpoint,
    portalId: sandbox.portalId,
    requestsPer10Seconds: 1_000,
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...options,
  });
  return { gateway, waits };
}

/** One webhook request as the receiver got it. */
export interface ReceivedRequest {
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Starts a webhook target on 127.0.0.1 that records requests and responds with the given statuses, then 200. */
export async function startWebhookTarget(statuses: number[] = []) {
  const received: ReceivedRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      response.writeHead(statuses.shift() ?? 200).end();
    });
  });
  const service = await listen(server);
  return {
    url: `${service.endpoint}/hubspot/webhooks`,
    received,
    close: service.close,
  };
}

/** Contacts with made-up emails and the given extra properties. */
export function leads(count: number, properties: Record<string, string> = {}) {
  return Array.from({ length: count }, (_, index) => ({
    properties: {
      email: `lead-${String(index + 1).padStart(3, '0')}@example.com`,
      ...properties,
    },
  }));
}
