import { createHash, createHmac } from 'node:crypto';

/** What HubSpot signs for a v3 request signature. */
export interface WebhookV3SignatureInput {
  /** The app's client secret (not the access token). */
  clientSecret: string;
  /** HTTP method in upper case, for example `POST`. */
  method: string;
  /** The full URL HubSpot called: scheme, host, path and raw query string. */
  uri: string;
  /** The raw request body exactly as sent. */
  body: string;
  /** `X-HubSpot-Request-Timestamp`: milliseconds since the epoch. */
  timestamp: number | string;
}

/**
 * Computes `X-HubSpot-Signature-v3`: HMAC-SHA256 keyed with the client secret over
 * method + URI + body + timestamp (UTF-8), encoded as base64.
 */
export function signWebhookV3(input: WebhookV3SignatureInput): string {
  const source = `${input.method}${input.uri}${input.body}${input.timestamp}`;
  return createHmac('sha256', input.clientSecret)
    .update(source, 'utf8')
    .digest('base64');
}

/**
 * Computes the v1 `X-HubSpot-Signature`: a plain SHA-256 (not an HMAC) of client secret + body,
 * as hex. HubSpot still sends it beside v3 on app webhooks.
 */
export function signWebhookV1(input: {
  clientSecret: string;
  body: string;
}): string {
  return createHash('sha256')
    .update(`${input.clientSecret}${input.body}`, 'utf8')
    .digest('hex');
}
