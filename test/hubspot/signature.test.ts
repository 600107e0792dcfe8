import { Signature } from '@hubspot/api-client';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signWebhookV1, signWebhookV3 } from '#shared/hubspot/signature.ts';

const SECRET = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy';
const BODY =
  '[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]';

describe('signWebhookV3', () => {
  it('matches the published test vector', () => {
    const signature = signWebhookV3({
      clientSecret: SECRET,
      method: 'POST',
      uri: 'https://example.com/hubspot/webhooks',
      body: BODY,
      timestamp: 1700000000000,
    });

    expect(signature).toBe('UWN4eknBPPV2YhstywcgfJ7X5L6TVmCJ29lE2ZAGbgg=');
  });

  it('agrees with the SDK for any input', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.constantFrom('POST', 'GET'),
        fc.webUrl({ withQueryParameters: true }),
        fc.string(),
        fc.integer({ min: 0, max: 4_102_444_800_000 }),
        (clientSecret, method, uri, body, timestamp) => {
          const ours = signWebhookV3({
            clientSecret,
            method,
            uri,
            body,
            timestamp,
          });

          const sdk = Signature.getSignature(method, 'v3', {
            signature: '',
            clientSecret,
            requestBody: body,
            url: uri,
            timestamp,
          });

          expect(ours).toBe(sdk);
        },
      ),
    );
  });

  it('changes when the timestamp changes', () => {
    const input = {
      clientSecret: SECRET,
      method: 'POST',
      uri: 'https://example.com/x',
      body: BODY,
    };

    const first = signWebhookV3({ ...input, timestamp: 1700000000000 });
    const second = signWebhookV3({ ...input, timestamp: 1700000000001 });

    expect(first).not.toBe(second);
  });
});

describe('signWebhookV1', () => {
  it('matches the published test vector', () => {
    const signature = signWebhookV1({ clientSecret: SECRET, body: BODY });

    expect(signature).toBe(
      '232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de',
    );
  });
});
