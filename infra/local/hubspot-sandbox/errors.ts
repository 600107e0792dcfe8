import { randomUUID } from 'node:crypto';

/** A HubSpot error response: status code, body and any extra headers. */
export interface ErrorResponse {
  status: number;
  body: HubSpotErrorBody;
  headers?: Record<string, string>;
}

/** The error body HubSpot's CRM v3 endpoints return; every field but `status` and `message` is optional. */
export interface HubSpotErrorBody {
  status: 'error';
  message: string;
  correlationId: string;
  category?: string;
  subCategory?: string;
  errors?: { message: string; in?: string; code?: string }[];
  context?: Record<string, string[]>;
  policyName?: string;
  errorType?: string;
  requestId?: string;
}

/** Builds an error response with a fresh correlation id. */
export function errorResponse(
  status: number,
  message: string,
  fields: Omit<Partial<HubSpotErrorBody>, 'status' | 'message'> = {},
): ErrorResponse {
  return {
    status,
    body: { status: 'error', message, correlationId: randomUUID(), ...fields },
  };
}

export function validationError(
  message: string,
  errors?: HubSpotErrorBody['errors'],
): ErrorResponse {
  return errorResponse(400, message, { category: 'VALIDATION_ERROR', errors });
}

export function notFoundError(message: string): ErrorResponse {
  return errorResponse(404, message, { category: 'OBJECT_NOT_FOUND' });
}

export function unauthorizedError(): ErrorResponse {
  return errorResponse(
    401,
    'Authentication credentials not found. This API supports OAuth 2.0 authentication.',
    { category: 'INVALID_AUTHENTICATION' },
  );
}

export type RateLimitPolicy = 'TEN_SECONDLY_ROLLING' | 'DAILY';

/** The 429 HubSpot sends when a burst or daily limit is used up. */
export function rateLimitError(
  policyName: RateLimitPolicy,
  retryAfterSeconds?: number,
): ErrorResponse {
  const response = errorResponse(
    429,
    policyName === 'DAILY'
      ? 'You have reached your daily limit.'
      : 'You have reached your ten_secondly_rolling limit.',
    {
      errorType: 'RATE_LIMIT',
      policyName,
      requestId: randomUUID(),
    },
  );
  if (retryAfterSeconds !== undefined)
    response.headers = { 'Retry-After': String(retryAfterSeconds) };
  return response;
}

export function internalError(status = 500): ErrorResponse {
  return errorResponse(status, 'internal error', {
    category: status === 423 ? 'LOCKED' : 'INTERNAL_ERROR',
  });
}

/** One item of `errors[]` in a 207 multi-status batch response. */
export interface BatchError {
  status: 'error';
  category: string;
  message: string;
  context: Record<string, string[]>;
}

export function objectsNotFound(ids: string[]): BatchError {
  return {
    status: 'error',
    category: 'OBJECT_NOT_FOUND',
    message:
      'Could not get some CONTACT objects, they may be deleted or not exist. Check that ids are valid.',
    context: { ids },
  };
}
