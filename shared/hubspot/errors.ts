/** Details of a failed HubSpot request. */
export interface HubSpotFailure {
  /** The gateway operation, for example `contacts.batchUpdate`. */
  operation: string;
  /** HTTP status, absent for network failures and timeouts. */
  status?: number;
  category?: string;
  correlationId?: string;
  /** Properties a 400 named as invalid, with HubSpot's error code such as `PROPERTY_DOESNT_EXIST`. */
  invalidProperties?: { name: string; error: string }[];
}

/** A failed HubSpot request. `retryable` is true when trying again later can succeed. */
export class HubSpotError extends Error {
  readonly retryable: boolean = false;

  constructor(
    message: string,
    readonly failure: HubSpotFailure,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Transient: rate limit, 5xx, 423, network failure or timeout, after the gateway's own retries. */
export class HubSpotRetryableError extends HubSpotError {
  override readonly retryable = true;
}

/**
 * The portal's daily request limit is used up. The gateway does not retry; the caller may try
 * again after midnight in the portal's time zone.
 */
export class HubSpotDailyLimitError extends HubSpotRetryableError {}

/** HubSpot rejected the request itself (4xx other than 401, 403, 423 and 429). */
export class HubSpotPermanentError extends HubSpotError {}

/** The access token is missing, invalid, expired or lacks a scope (401 or 403). */
export class HubSpotAuthError extends HubSpotPermanentError {}
