import { Signature } from '@hubspot/api-client';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeUri,
  MAX_FUTURE_SKEW_MS,
  MAX_SIGNATURE_AGE_MS,
  verifyWebhookSignature,
  type SignedRequest,
} from '#shared/core/webhooks/signature.ts';

// The v3 vector from HubSpot's contract notes: the v1 documentation body signed at a fixed time.
const SECRET = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy';
const BODY =
  '[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]';
const URI = 'https://example.com/hubspot/webhooks';
const TIMESTAMP = 1700000000000;
const VECTOR = 'UWN4eknBPPV2YhstywcgfJ7X5L6TVmCJ29lE2ZAGbgg=';

function vectorRequest(overrides: Partial<SignedRequest> = {}): SignedRequest {
  return {
    method: 'POST',
    uri: URI,
    rawBody: BODY,
    headers: {
      'X-HubSpot-Signature-v3': VECTOR,
      'X-HubSpot-Request-Timestamp': String(TIMESTAMP),
    },
    clientSecret: SECRET,
    now: TIMESTAMP,
    ...overrides,
  };
}

/** Computes the signature with `@hubspot/api-client`, which hashes the URI as given, without decoding. */
function sdkSignature(input: {
  method: string;
  uri: string;
  body: string;
  secret: string;
  timestamp: number;
}): string {
  return Signature.getSignature(input.method, 'v3', {
    signature: '',
    clientSecret: input.secret,
    requestBody: input.body,
    url: input.uri,
    timestamp: input.timestamp,
  });
}

describe('verifyWebhookSignature', () => {
  it('accepts the published v3 test vector', () => {
    expect(verifyWebhookSignature(vectorRequest())).toEqual({ ok: true });
  });

  it('matches header names in any case', () => {
    const request = vectorRequest({
      headers: {
        'x-hubspot-signature-v3': VECTOR,
        'X-HUBSPOT-REQUEST-TIMESTAMP': String(TIMESTAMP),
      },
    });

    expect(verifyWebhookSignature(request)).toEqual({ ok: true });
  });

  it('accepts what the HubSpot SDK signs, for any input', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.constantFrom('POST', 'GET', 'PUT'),
        fc.webUrl({ withQueryParameters: true }),
        fc.string(),
        fc.integer({ min: 1, max: 4_102_444_800_000 }),
        (secret, method, uri, body, timestamp) => {
          // The SDK does not decode the URI, so compare on URIs that decoding leaves alone.
          fc.pre(decodeUri(uri) === uri);
          const signature = sdkSignature({
            method,
            uri,
            body,
            secret,
            timestamp,
          });

          const check = verifyWebhookSignature({
            method,
            uri,
            rawBody: body,
            headers: {
              'x-hubspot-signature-v3': signature,
              'x-hubspot-request-timestamp': String(timestamp),
            },
            clientSecret: secret,
            now: timestamp,
          });

          expect(check).toEqual({ ok: true });
        },
      ),
    );
  });

  it('checks the URI HubSpot signed, with the listed encodings decoded', () => {
    const signedUri = 'https://example.com/hooks?portal=a:b&next=(x)';
    const signature = sdkSignature({
      method: 'POST',
      uri: signedUri,
      body: BODY,
      secret: SECRET,
      timestamp: TIMESTAMP,
    });

    const check = verifyWebhookSignature(
      vectorRequest({
        uri: 'https://example.com/hooks?portal=a%3Ab&next=%28x%29',
        headers: {
          'x-hubspot-signature-v3': signature,
          'x-hubspot-request-timestamp': String(TIMESTAMP),
        },
      }),
    );

    expect(check).toEqual({ ok: true });
  });

  describe('when a check fails', () => {
    it.each([
      ['the body changed', { rawBody: BODY.replace('62515', '62516') }],
      ['the secret differs', { clientSecret: `${SECRET}x` }],
      ['the URI differs', { uri: `${URI}/other` }],
      ['the method differs', { method: 'PUT' }],
    ])('rejects the signature when %s', (_case, overrides) => {
      expect(verifyWebhookSignature(vectorRequest(overrides))).toEqual({
        ok: false,
        reason: 'bad signature',
      });
    });

    it('rejects a signature of another length without comparing it', () => {
      const request = vectorRequest({
        headers: {
          'x-hubspot-signature-v3': 'c2hvcnQ=',
          'x-hubspot-request-timestamp': String(TIMESTAMP),
        },
      });

      expect(verifyWebhookSignature(request)).toEqual({
        ok: false,
        reason: 'bad signature',
      });
    });

    it('rejects a signature made for another timestamp', () => {
      const request = vectorRequest({
        headers: {
          'x-hubspot-signature-v3': VECTOR,
          'x-hubspot-request-timestamp': String(TIMESTAMP + 1),
        },
      });

      expect(verifyWebhookSignature(request)).toEqual({
        ok: false,
        reason: 'bad signature',
      });
    });

    it.each([
      [
        'missing signature',
        'no signature header',
        { 'x-hubspot-request-timestamp': '1' },
      ],
      [
        'missing signature',
        'an empty signature',
        { 'x-hubspot-signature-v3': '' },
      ],
      [
        'missing timestamp',
        'no timestamp header',
        { 'x-hubspot-signature-v3': VECTOR },
      ],
      [
        'invalid timestamp',
        'a timestamp that is not a number',
        {
          'x-hubspot-signature-v3': VECTOR,
          'x-hubspot-request-timestamp': 'yesterday',
        },
      ],
      [
        'invalid timestamp',
        'a fractional timestamp',
        {
          'x-hubspot-signature-v3': VECTOR,
          'x-hubspot-request-timestamp': '1700000000000.5',
        },
      ],
    ])('reports %s for %s', (reason, _case, headers) => {
      const check = verifyWebhookSignature(vectorRequest({ headers }));

      expect(check).toEqual({ ok: false, reason });
    });

    it('rejects a timestamp older than 5 minutes', () => {
      const request = vectorRequest({
        now: TIMESTAMP + MAX_SIGNATURE_AGE_MS + 1,
      });

      expect(verifyWebhookSignature(request)).toEqual({
        ok: false,
        reason: 'stale timestamp',
      });
    });

    it('accepts a timestamp exactly 5 minutes old', () => {
      const request = vectorRequest({ now: TIMESTAMP + MAX_SIGNATURE_AGE_MS });

      expect(verifyWebhookSignature(request)).toEqual({ ok: true });
    });

    it('rejects a timestamp further ahead than the allowed skew', () => {
      const request = vectorRequest({
        now: TIMESTAMP - MAX_FUTURE_SKEW_MS - 1,
      });

      expect(verifyWebhookSignature(request)).toEqual({
        ok: false,
        reason: 'future timestamp',
      });
    });

    it('accepts a timestamp ahead within the allowed skew', () => {
      const request = vectorRequest({ now: TIMESTAMP - MAX_FUTURE_SKEW_MS });

      expect(verifyWebhookSignature(request)).toEqual({ ok: true });
    });

    it('uses the maximum age it is given', () => {
      const request = vectorRequest({
        now: TIMESTAMP + 1_001,
        maxAgeMs: 1_000,
      });

      expect(verifyWebhookSignature(request)).toEqual({
        ok: false,
        reason: 'stale timestamp',
      });
    });

    it('uses the future skew it is given', () => {
      const request = vectorRequest({
        now: TIMESTAMP - 1_001,
        maxFutureSkewMs: 1_000,
      });

      expect(verifyWebhookSignature(request)).toEqual({
        ok: false,
        reason: 'future timestamp',
      });
    });

    it.each([
      ['characters appended', `${VECTOR}!!`],
      ['a second value appended', `${VECTOR}AAAA`],
      ['the padding left out', VECTOR.replace(/=+$/, '')],
      ['a leading space', ` ${VECTOR}`],
    ])('rejects the signature with %s', (_case, signature) => {
      const request = vectorRequest({
        headers: {
          'x-hubspot-signature-v3': signature,
          'x-hubspot-request-timestamp': String(TIMESTAMP),
        },
      });

      expect(verifyWebhookSignature(request)).toEqual({
        ok: false,
        reason: 'bad signature',
      });
    });
  });
});

describe('decodeUri', () => {
  const DECODED: [string, string][] = [
    ['%3A', ':'],
    ['%2F', '/'],
    ['%3F', '?'],
    ['%40', '@'],
    ['%21', '!'],
    ['%24', '$'],
    ['%27', "'"],
    ['%28', '('],
    ['%29', ')'],
    ['%2A', '*'],
    ['%2C', ','],
    ['%3B', ';'],
  ];

  it.each(DECODED)('decodes %s to %s', (encoded, character) => {
    expect(decodeUri(`https://example.com/a${encoded}b`)).toBe(
      `https://example.com/a${character}b`,
    );
  });

  it.each(DECODED)(
    'decodes the lower-case form of %s',
    (encoded, character) => {
      expect(decodeUri(`x${encoded.toLowerCase()}y`)).toBe(`x${character}y`);
    },
  );

  it('leaves every other percent-encoding as it is', () => {
    const decodedCodes = new Set(DECODED.map(([encoded]) => encoded));

    for (let code = 0; code < 256; code += 1) {
      const encoded = `%${code.toString(16).toUpperCase().padStart(2, '0')}`;
      if (decodedCodes.has(encoded)) continue;

      expect(decodeUri(`a${encoded}b`)).toBe(`a${encoded}b`);
    }
  });

  it('decodes only once', () => {
    expect(decodeUri('a%253Ab')).toBe('a%253Ab');
    expect(decodeUri('a%3A%3Ab%2F')).toBe('a::b/');
  });
});
