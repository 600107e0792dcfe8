import { createHmac, timingSafeEqual } from 'node:crypto';

/** Maximum timestamp age, as HubSpot's request validation guide recommends: 5 minutes. */
export const MAX_SIGNATURE_AGE_MS = 5 * 60 * 1000;
/** Clock skew allowed for timestamps from the future. */
export const MAX_FUTURE_SKEW_MS = 60 * 1000;

export type SignatureCheck =
  | { ok: true }
  | {
      ok: false;
      reason:
        | 'missing signature'
        | 'missing timestamp'
        | 'invalid timestamp'
        | 'stale timestamp'
        | 'future timestamp'
        | 'bad signature';
    };

export interface SignedRequest {
  method: string;
  /** The URL HubSpot called, as it called it: scheme, host, path and raw query string. */
  uri: string;
  rawBody: string;
  /** Request headers; names are matched case-insensitively. */
  headers: Readonly<Record<string, string | undefined>>;
  clientSecret: string;
  /** Milliseconds since the epoch. */
  now: number;
  /** Oldest accepted timestamp, in ms before `now`; {@link MAX_SIGNATURE_AGE_MS} by default. */
  maxAgeMs?: number;
  /** Latest accepted timestamp, in ms after `now`; {@link MAX_FUTURE_SKEW_MS} by default. */
  maxFutureSkewMs?: number;
}

// HubSpot's v3 rules decode exactly these percent-encodings in the URI before hashing.
const DECODED_IN_URI: Record<string, string> = {
  '%3A': ':',
  '%2F': '/',
  '%3F': '?',
  '%40': '@',
  '%21': '!',
  '%24': '$',
  '%27': "'",
  '%28': '(',
  '%29': ')',
  '%2A': '*',
  '%2C': ',',
  '%3B': ';',
};

/** Verifies `X-HubSpot-Signature-v3` and its timestamp, comparing in constant time. */
export function verifyWebhookSignature(request: SignedRequest): SignatureCheck {
  const headers = lowerCaseKeys(request.headers);
  const signature = headers['x-hubspot-signature-v3'];
  if (signature === undefined || signature === '')
    return { ok: false, reason: 'missing signature' };
  const timestampText = headers['x-hubspot-request-timestamp'];
  if (timestampText === undefined || timestampText === '') {
    return { ok: false, reason: 'missing timestamp' };
  }
  const timestamp = Number(timestampText);
  if (!Number.isSafeInteger(timestamp))
    return { ok: false, reason: 'invalid timestamp' };
  const {
    maxAgeMs = MAX_SIGNATURE_AGE_MS,
    maxFutureSkewMs = MAX_FUTURE_SKEW_MS,
  } = request;
  if (request.now - timestamp > maxAgeMs)
    return { ok: false, reason: 'stale timestamp' };
  if (timestamp - request.now > maxFutureSkewMs)
    return { ok: false, reason: 'future timestamp' };

  const expected = createHmac('sha256', request.clientSecret)
    .update(
      `${request.method.toUpperCase()}${decodeUri(request.uri)}${request.rawBody}${timestampText}`,
      'utf8',
    )
    .digest('base64');
  // Compares the base64 text, because Node's base64 decoder ignores characters outside the
  // alphabet and anything after the padding, so decoded bytes could match an altered header.
  const received = Buffer.from(signature, 'utf8');
  const computed = Buffer.from(expected, 'utf8');
  const matches =
    received.length === computed.length && timingSafeEqual(received, computed);
  return matches ? { ok: true } : { ok: false, reason: 'bad signature' };
}

/** Decodes the 12 percent-encodings HubSpot decodes before signing, and no others. */
export function decodeUri(uri: string): string {
  return uri.replace(
    /%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi,
    (match) => DECODED_IN_URI[match.toUpperCase()]!,
  );
}

function lowerCaseKeys(
  headers: Readonly<Record<string, string | undefined>>,
): Record<string, string | undefined> {
  const result: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers))
    result[name.toLowerCase()] = value;
  return result;
}
