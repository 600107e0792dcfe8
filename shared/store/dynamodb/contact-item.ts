import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import {
  ContactStateSchema,
  type ContactState,
} from '#shared/core/pipeline/contact-state.ts';

/**
 * States up to this size are stored as JSON text, readable in the DynamoDB console. Larger ones
 * are gzipped, because DynamoDB bills writes per KB. With zlib's defaults, a state at the
 * limits with random ids shrank from 233 KB to 62 KB.
 */
export const PLAIN_STATE_MAX_BYTES = 16 * 1024;
/** Largest stored state, leaving room below DynamoDB's 400 KB item limit for the other attributes. */
export const MAX_STORED_STATE_BYTES = 350 * 1024;

/** The stored form of one contact's state: JSON text, or gzipped JSON above the plain limit. */
export type EncodedState = { data: string } | { dataGzip: Uint8Array };

const StoredContactItemSchema = z.looseObject({
  pk: z.string(),
  version: z.number().int().min(0),
  data: z.string().optional(),
  dataGzip: z.instanceof(Uint8Array).optional(),
});

/** A contact state too large for one DynamoDB item even when compressed; retrying cannot help. */
export class ContactItemTooLargeError extends Error {
  constructor(
    readonly portalId: number,
    readonly contactId: string,
    readonly bytes: number,
    largestFields: string,
  ) {
    super(
      `Contact ${portalId}:${contactId} state is ${bytes} bytes compressed, over the ` +
        `${MAX_STORED_STATE_BYTES}-byte limit; its largest fields are ${largestFields}. ` +
        'Lower the state limits or the properties the client config reads.',
    );
    this.name = 'ContactItemTooLargeError';
  }
}

/** Encodes a state for storage, gzipped above {@link PLAIN_STATE_MAX_BYTES}. */
export function encodeState(state: ContactState): EncodedState {
  const json = JSON.stringify(state);
  if (Buffer.byteLength(json, 'utf8') <= PLAIN_STATE_MAX_BYTES) {
    return { data: json };
  }
  const compressed = gzipSync(json);
  if (compressed.length > MAX_STORED_STATE_BYTES) {
    throw new ContactItemTooLargeError(
      state.portalId,
      state.contactId,
      compressed.length,
      largestFieldsOf(state),
    );
  }
  return { dataGzip: new Uint8Array(compressed) };
}

/** Decodes a stored contact item into its state, with the item's `version`. */
export function decodeState(item: Record<string, unknown>): ContactState {
  const stored = StoredContactItemSchema.parse(item);
  let json: string;
  if (stored.data !== undefined) json = stored.data;
  else if (stored.dataGzip !== undefined)
    json = gunzipSync(stored.dataGzip).toString('utf8');
  else {
    throw new Error(
      `Contact item ${stored.pk} has neither data nor dataGzip; it was not written by DynamoContactStore.`,
    );
  }
  const state = ContactStateSchema.parse(JSON.parse(json));
  return { ...state, version: stored.version };
}

function largestFieldsOf(state: ContactState): string {
  return Object.entries(state)
    .map(([field, value]) => ({
      field,
      bytes: Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8'),
    }))
    .sort((left, right) => right.bytes - left.bytes)
    .slice(0, 3)
    .map(({ field, bytes }) => `${field} (${bytes} bytes)`)
    .join(', ');
}
