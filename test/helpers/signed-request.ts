import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { signWebhookV3 } from '#shared/hubspot/signature.ts';

export interface SignedBatchOptions {
  /** The raw body exactly as sent. */
  body: string;
  clientSecret: string;
  /** The URL HubSpot calls; the signature covers it. */
  url: string;
  /** `X-HubSpot-Request-Timestamp` in ms; now by default. */
  timestamp?: number;
  /** Headers to add or, with `undefined`, to leave out (for example the signature). */
  headers?: Record<string, string | undefined>;
}

/** Builds the headers HubSpot sends with a v3-signed webhook request. */
export function signedHeaders(
  options: SignedBatchOptions,
): Record<string, string> {
  const timestamp = options.timestamp ?? Date.now();
  const headers: Record<string, string | undefined> = {
    'content-type': 'application/json',
    'x-hubspot-signature-version': 'v3',
    'x-hubspot-request-timestamp': String(timestamp),
    'x-hubspot-signature-v3': signWebhookV3({
      clientSecret: options.clientSecret,
      method: 'POST',
      uri: options.url,
      body: options.body,
      timestamp,
    }),
    ...options.headers,
  };
  return Object.fromEntries(
    Object.entries(headers).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    ),
  );
}

/**
 * Builds a signed webhook request as API Gateway hands it to the receiver: the body base64-encoded,
 * as the HTTP API does for a JSON body, and a fresh request id.
 */
export function signedApiEvent(
  options: SignedBatchOptions,
): APIGatewayProxyEventV2 {
  const url = new URL(options.url);
  const timeEpoch = Date.now();
  const requestId = `test-${Math.random().toString(36).slice(2, 12)}`;
  return {
    version: '2.0',
    routeKey: `POST ${url.pathname}`,
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    headers: { host: url.host, ...signedHeaders(options) },
    isBase64Encoded: true,
    body: Buffer.from(options.body, 'utf8').toString('base64'),
    requestContext: {
      accountId: '123456789012',
      apiId: 'test',
      domainName: url.host,
      domainPrefix: 'test',
      http: {
        method: 'POST',
        path: url.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: '192.0.2.1',
        userAgent: 'HubSpot Connect 2.0',
      },
      requestId,
      routeKey: `POST ${url.pathname}`,
      stage: '$default',
      time: new Date(timeEpoch).toISOString(),
      timeEpoch,
    },
  };
}

/** The receiver's HTTP response. */
export interface PostedBatch {
  status: number;
  body: unknown;
}

/** Posts a signed webhook batch to a running receiver, as the HubSpot sandbox does. */
export async function postSignedBatch(
  options: SignedBatchOptions,
): Promise<PostedBatch> {
  const response = await fetch(options.url, {
    method: 'POST',
    headers: signedHeaders(options),
    body: options.body,
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? '' : JSON.parse(text) };
}
