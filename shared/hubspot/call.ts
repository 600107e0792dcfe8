import { logger } from '#shared/logger.ts';
import {
  HubSpotAuthError,
  HubSpotDailyLimitError,
  HubSpotPermanentError,
  HubSpotRetryableError,
  type HubSpotFailure,
} from './errors.ts';
import type { HubSpotMetrics } from './gateway.ts';
import { BURST_WINDOW_MS, type RequestWindow } from './request-window.ts';

/** Settings the calls of one gateway share: its burst window, counters and retry limits. */
export interface CallSettings {
  window: RequestWindow;
  metrics: HubSpotMetrics;
  /** Attempts per request, the first included. */
  maxAttempts: number;
  /** Time after which a request counts as failed (the SDK has no timeout of its own). */
  timeoutMs: number;
  /** Waits between attempts; replaced in tests so a 10 s rate-limit wait does not slow them. */
  sleep: (ms: number) => Promise<void>;
}

const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 30_000;
/** HubSpot's 423 Locked lasts 2 s. */
const LOCKED_WAIT_MS = 2_000;

type Classified =
  | {
      kind: 'auth' | 'permanent' | 'daily';
      failure: HubSpotFailure;
      message: string;
    }
  | {
      kind: 'transient';
      failure: HubSpotFailure;
      message: string;
      waitMs: number;
    };

/**
 * Sends one request through the burst window with a timeout, and retries 429
 * TEN_SECONDLY_ROLLING, 5xx, 423, network failures and timeouts with a backoff that honours
 * `Retry-After`. Throws a HubSpotError subclass when it gives up or cannot retry.
 */
export async function callHubSpot<T>(
  operation: string,
  send: () => Promise<T>,
  settings: CallSettings,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    await settings.window.acquire();
    countCall(settings.metrics, operation);
    let classified: Classified;
    try {
      return await withTimeout(send(), settings.timeoutMs);
    } catch (error) {
      classified = classify(operation, error, attempt);
      if (error instanceof TimeoutError) settings.metrics.timeouts += 1;
      if (classified.failure.status === 429) settings.metrics.rateLimited += 1;
      if (classified.kind !== 'transient') throw toError(classified, error);
      if (attempt >= settings.maxAttempts)
        throw new HubSpotRetryableError(
          `${classified.message}; gave up after ${attempt} attempts`,
          classified.failure,
          { cause: error },
        );
    }
    settings.metrics.retries += 1;
    logger.warn('Retrying HubSpot request', {
      operation,
      status: classified.failure.status,
      attempt,
      waitMs: classified.waitMs,
    });
    await settings.sleep(classified.waitMs);
  }
}

function countCall(metrics: HubSpotMetrics, operation: string): void {
  metrics.calls += 1;
  metrics.callsByOperation[operation] =
    (metrics.callsByOperation[operation] ?? 0) + 1;
}

function toError(classified: Classified, cause: unknown): Error {
  switch (classified.kind) {
    case 'auth':
      return new HubSpotAuthError(classified.message, classified.failure, {
        cause,
      });
    case 'daily':
      return new HubSpotDailyLimitError(
        classified.message,
        classified.failure,
        { cause },
      );
    default:
      return new HubSpotPermanentError(classified.message, classified.failure, {
        cause,
      });
  }
}

/** Sorts a failure into what the gateway does with it. */
function classify(
  operation: string,
  error: unknown,
  attempt: number,
): Classified {
  const response = asApiException(error);
  if (response === undefined) {
    const reason =
      error instanceof TimeoutError
        ? error.message
        : `network error: ${String(error)}`;
    return {
      kind: 'transient',
      failure: { operation },
      message: `HubSpot ${operation} failed: ${reason}`,
      waitMs: backoff(attempt),
    };
  }

  const { status, body, headers } = response;
  const failure: HubSpotFailure = {
    operation,
    status,
    category: stringField(body, 'category'),
    correlationId: stringField(body, 'correlationId'),
  };
  const detail = stringField(body, 'message') ?? 'no message';
  const invalidProperties = parseInvalidProperties(detail);
  if (invalidProperties !== undefined)
    failure.invalidProperties = invalidProperties;
  const message = `HubSpot ${operation} failed with ${status}: ${detail}`;
  const retryAfterMs = parseRetryAfter(headers['retry-after']);

  if (status === 429) {
    const policy = stringField(body, 'policyName');
    if (policy === 'DAILY' || /daily limit/i.test(detail))
      return { kind: 'daily', failure, message };
    const intervalMs =
      Number(headers['x-hubspot-ratelimit-interval-milliseconds']) ||
      BURST_WINDOW_MS;
    return {
      kind: 'transient',
      failure,
      message,
      waitMs: retryAfterMs ?? intervalMs,
    };
  }

  if (status === 401 || status === 403)
    return {
      kind: 'auth',
      failure,
      message: `${message.replace(/\.$/, '')}. Check the access token and its scopes.`,
    };
  if (status === 423)
    return {
      kind: 'transient',
      failure,
      message,
      waitMs: Math.max(retryAfterMs ?? 0, LOCKED_WAIT_MS, backoff(attempt)),
    };
  if (status >= 500 || status === 477)
    return {
      kind: 'transient',
      failure,
      message,
      waitMs: retryAfterMs ?? backoff(attempt),
    };
  return { kind: 'permanent', failure, message };
}

const INVALID_PROPERTIES_PREFIX = 'Property values were not valid: ';

/**
 * Reads the property list HubSpot embeds as JSON in a 400 message (`Property values were not
 * valid: [{"name":…,"error":…}]`); undefined when the message has no such list.
 */
export function parseInvalidProperties(
  message: string,
): { name: string; error: string }[] | undefined {
  const start = message.indexOf(INVALID_PROPERTIES_PREFIX);
  if (start === -1) return undefined;
  try {
    const list: unknown = JSON.parse(
      message.slice(start + INVALID_PROPERTIES_PREFIX.length),
    );
    if (!Array.isArray(list)) return undefined;
    return list.flatMap((item: unknown) => {
      const name = stringField(item, 'name');
      const error = stringField(item, 'error');
      return name === undefined || error === undefined ? [] : [{ name, error }];
    });
  } catch {
    return undefined;
  }
}

/** Exponential backoff with jitter: half the step fixed, half random. */
function backoff(attempt: number): number {
  const step = Math.min(BACKOFF_BASE_MS * 2 ** (attempt - 1), BACKOFF_MAX_MS);
  return Math.round(step / 2 + Math.random() * (step / 2));
}

/** `Retry-After` in seconds or as an HTTP date, in milliseconds. */
export function parseRetryAfter(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim()))
    return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

interface ApiExceptionLike {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

/**
 * Reads the SDK's ApiException, whose `code` is the HTTP status, `body` the parsed JSON and
 * `headers` the lower-cased response headers; undefined for any other error.
 */
function asApiException(error: unknown): ApiExceptionLike | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, body, headers } = error as {
    code?: unknown;
    body?: unknown;
    headers?: unknown;
  };
  if (typeof code !== 'number' || code < 100) return undefined;
  const headerRecord =
    typeof headers === 'object' && headers !== null
      ? (headers as Record<string, string>)
      : {};
  return { status: code, body, headers: headerRecord };
}

function stringField(body: unknown, name: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

class TimeoutError extends Error {}

// NOTE: the SDK takes no abort signal, so a timed-out request is abandoned, not cancelled. Node's
// fetch closes it after its own 300 s header and body timeouts.
async function withTimeout<T>(
  promise: Promise<T>,
  timeoutMs: number,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new TimeoutError(`timed out after ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
