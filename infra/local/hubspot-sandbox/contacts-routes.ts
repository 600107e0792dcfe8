import { checkApiWrite, toPublicContact } from './contact-writes.ts';
import type {
  ChangeContext,
  ContactsStore,
  StoredContact,
} from './contacts-store.ts';
import {
  errorResponse,
  notFoundError,
  objectsNotFound,
  validationError,
  type BatchError,
  type ErrorResponse,
} from './errors.ts';
import type { PropertiesStore } from './properties-store.ts';
import type { ApiRequest, ApiResponse, Route } from './routes.ts';

/** Records per batch call, as HubSpot allows. */
export const MAX_BATCH_INPUTS = 100;
/** Records per batch read that asks for property history. */
const MAX_HISTORY_INPUTS = 50;

export interface ContactRoutesState {
  contacts: ContactsStore;
  properties: PropertiesStore;
  /** Context of a write made through the API with the app's token. */
  apiContext: () => ChangeContext;
  now: () => number;
}

const BASE = '/crm/v3/objects/contacts';

/** The CRM v3 contact endpoints. */
export function contactRoutes(state: ContactRoutesState): Route[] {
  return [
    {
      method: 'POST',
      pattern: `${BASE}/batch/read`,
      handler: (request) => batchRead(state, request),
    },
    {
      method: 'POST',
      pattern: `${BASE}/batch/update`,
      handler: (request) => batchUpdate(state, request),
    },
    {
      method: 'POST',
      pattern: `${BASE}/batch/create`,
      handler: (request) => batchCreate(state, request),
    },
    {
      method: 'POST',
      pattern: `${BASE}/merge`,
      handler: (request) => merge(state, request),
    },
    {
      method: 'POST',
      pattern: BASE,
      handler: (request) => createOne(state, request),
    },
    {
      method: 'GET',
      pattern: `${BASE}/{contactId}`,
      handler: (request) => getOne(state, request),
    },
    {
      method: 'PATCH',
      pattern: `${BASE}/{contactId}`,
      handler: (request) => updateOne(state, request),
    },
    {
      method: 'DELETE',
      pattern: `${BASE}/{contactId}`,
      handler: (request) => archiveOne(state, request),
    },
  ];
}

function batchRead(
  state: ContactRoutesState,
  request: ApiRequest,
): ApiResponse | ErrorResponse {
  const body = asRecord(request.body);
  const inputs = batchInputs(body);
  if ('error' in inputs) return inputs.error;
  const withHistory =
    Array.isArray(body.propertiesWithHistory) &&
    body.propertiesWithHistory.length > 0;
  if (withHistory && inputs.list.length > MAX_HISTORY_INPUTS)
    return validationError(
      `The maximum number of inputs supported in a batch request for property histories is ${MAX_HISTORY_INPUTS}. Please reduce the number of items and try again`,
    );
  // NOTE: the sandbox keeps no property history, so `propertiesWithHistory` returns none.
  const properties = stringList(body.properties);
  const byEmail = body.idProperty === 'email';
  const startedAt = new Date(state.now()).toISOString();
  const results = [];
  const missing: string[] = [];
  for (const input of inputs.list) {
    const id = String(asRecord(input).id ?? '');
    const contact = byEmail
      ? state.contacts.findByEmail(id)
      : state.contacts.get(id);
    if (contact === undefined) missing.push(id);
    else results.push(toPublicContact(contact, properties));
  }
  return batchResponse(
    200,
    startedAt,
    state.now(),
    results,
    missing.length > 0 ? [objectsNotFound(missing)] : [],
  );
}

function batchUpdate(
  state: ContactRoutesState,
  request: ApiRequest,
): ApiResponse | ErrorResponse {
  const inputs = batchInputs(asRecord(request.body));
  if ('error' in inputs) return inputs.error;
  const ids = inputs.list.map((input) => String(asRecord(input).id ?? ''));
  const duplicates = ids.filter((id, index) => ids.indexOf(id) !== index);
  if (duplicates.length > 0)
    return validationError(
      `Duplicate IDs found in batch input: [${[...new Set(duplicates)].join(', ')}]. IDs must be unique`,
    );
  const writes: { id: string; values: Record<string, string> }[] = [];
  for (const [index, input] of inputs.list.entries()) {
    const checked = checkApiWrite(asRecord(input).properties, state.properties);
    if ('error' in checked) return checked.error;
    writes.push({ id: ids[index]!, values: checked.values });
  }
  const startedAt = new Date(state.now()).toISOString();
  const context = state.apiContext();
  const results = [];
  const missing: string[] = [];
  for (const write of writes) {
    const contact = state.contacts.update(
      write.id,
      write.values,
      context,
      'api',
    );
    if (contact === undefined) missing.push(write.id);
    else results.push(toPublicContact(contact, Object.keys(write.values)));
  }
  return batchResponse(
    200,
    startedAt,
    state.now(),
    results,
    missing.map((id) => objectsNotFound([id])),
  );
}

function batchCreate(
  state: ContactRoutesState,
  request: ApiRequest,
): ApiResponse | ErrorResponse {
  const inputs = batchInputs(asRecord(request.body));
  if ('error' in inputs) return inputs.error;
  const writes: Record<string, string>[] = [];
  for (const input of inputs.list) {
    const checked = checkApiWrite(asRecord(input).properties, state.properties);
    if ('error' in checked) return checked.error;
    const conflict = emailConflict(state, checked.values);
    if (conflict !== undefined) return conflict;
    writes.push(checked.values);
  }
  const startedAt = new Date(state.now()).toISOString();
  const context = state.apiContext();
  const results = writes.map((values) =>
    toPublicContact(
      state.contacts.create(values, context),
      Object.keys(values),
    ),
  );
  return batchResponse(201, startedAt, state.now(), results, []);
}

function createOne(
  state: ContactRoutesState,
  request: ApiRequest,
): ApiResponse | ErrorResponse {
  const checked = checkApiWrite(
    asRecord(request.body).properties,
    state.properties,
  );
  if ('error' in checked) return checked.error;
  const conflict = emailConflict(state, checked.values);
  if (conflict !== undefined) return conflict;
  const contact = state.contacts.create(checked.values, state.apiContext());
  return {
    status: 201,
    body: toPublicContact(contact, Object.keys(checked.values)),
  };
}

function getOne(
  state: ContactRoutesState,
  request: ApiRequest,
): ApiResponse | ErrorResponse {
  const contact = findContact(state, request);
  if (contact === undefined)
    return notFoundError('Object not found.  objectId are usually numeric.');
  const properties = request.query
    .get('properties')
    ?.split(',')
    .filter((name) => name !== '');
  return { status: 200, body: toPublicContact(contact, properties) };
}

function updateOne(
  state: ContactRoutesState,
  request: ApiRequest,
): ApiResponse | ErrorResponse {
  const checked = checkApiWrite(
    asRecord(request.body).properties,
    state.properties,
  );
  if ('error' in checked) return checked.error;
  const found = findContact(state, request);
  const contact =
    found &&
    state.contacts.update(found.id, checked.values, state.apiContext(), 'api');
  if (contact === undefined)
    return notFoundError('Object not found.  objectId are usually numeric.');
  return {
    status: 200,
    body: toPublicContact(contact, Object.keys(checked.values)),
  };
}

function archiveOne(
  state: ContactRoutesState,
  request: ApiRequest,
): ApiResponse {
  state.contacts.archive(request.params.contactId!, state.apiContext());
  return { status: 204 };
}

function merge(
  state: ContactRoutesState,
  request: ApiRequest,
): ApiResponse | ErrorResponse {
  const body = asRecord(request.body);
  const primaryId = String(body.primaryObjectId ?? '');
  const secondaryId = String(body.objectIdToMerge ?? '');
  const merged = state.contacts.merge(
    primaryId,
    secondaryId,
    state.apiContext(),
  );
  if (merged === undefined)
    return validationError(
      `Cannot merge ${secondaryId} into ${primaryId}: both must be different, existing contacts`,
    );
  return { status: 200, body: toPublicContact(merged) };
}

function findContact(
  state: ContactRoutesState,
  request: ApiRequest,
): StoredContact | undefined {
  const id = request.params.contactId!;
  return request.query.get('idProperty') === 'email'
    ? state.contacts.findByEmail(id)
    : state.contacts.get(id);
}

function emailConflict(
  state: ContactRoutesState,
  values: Record<string, string>,
): ErrorResponse | undefined {
  const email = values.email;
  const existing =
    email === undefined || email === ''
      ? undefined
      : state.contacts.findByEmail(email);
  if (existing === undefined) return undefined;
  return errorResponse(
    409,
    `Contact already exists. Existing ID: ${existing.id}`,
    { category: 'CONFLICT' },
  );
}

function batchInputs(
  body: Record<string, unknown>,
): { list: unknown[] } | { error: ErrorResponse } {
  if (!Array.isArray(body.inputs))
    return { error: validationError('Invalid input: inputs must be an array') };
  if (body.inputs.length > MAX_BATCH_INPUTS)
    return {
      error: validationError(
        `The maximum number of inputs supported in a batch request is ${MAX_BATCH_INPUTS}. Please reduce the number of items and try again`,
      ),
    };
  return { list: body.inputs };
}

/** A batch answer: 200 (201 for create) when every input succeeded, 207 with `errors` otherwise. */
function batchResponse(
  okStatus: number,
  startedAt: string,
  now: number,
  results: unknown[],
  errors: BatchError[],
): ApiResponse {
  const body: Record<string, unknown> = {
    status: 'COMPLETE',
    results,
    startedAt,
    completedAt: new Date(now).toISOString(),
  };
  if (errors.length === 0) return { status: okStatus, body };
  return { status: 207, body: { ...body, numErrors: errors.length, errors } };
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : undefined;
}
