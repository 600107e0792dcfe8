import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { logger } from '#shared/logger.ts';
import {
  errorResponse,
  internalError,
  rateLimitError,
  unauthorizedError,
  validationError,
  type ErrorResponse,
} from './errors.ts';
import type { FailureQueue } from './failures.ts';
import type { RateLimiter } from './rate-limiter.ts';
import { matchRoute, type ApiResponse, type Route } from './routes.ts';

const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** Request counts the sandbox keeps for tests and the local summary. */
export interface RequestStats {
  /** Requests per route, keyed `METHOD /path/{param}`. */
  requests: Record<string, number>;
  /** Responses per HTTP status. */
  responses: Record<string, number>;
  total: number;
  rateLimited: number;
  unauthorized: number;
  injectedFailures: number;
}

export interface ServerParts {
  routes: readonly Route[];
  accessToken: string;
  limiter: RateLimiter;
  failures: FailureQueue;
  stats: RequestStats;
}

export function emptyRequestStats(): RequestStats {
  return {
    requests: {},
    responses: {},
    total: 0,
    rateLimited: 0,
    unauthorized: 0,
    injectedFailures: 0,
  };
}

/**
 * Creates the HTTP server: bearer check, rate limit, injected failures, then the route. Every
 * response is JSON, because the SDK cannot parse error bodies of other types.
 */
export function createSandboxServer(parts: ServerParts): Server {
  return createServer((request, response) => {
    handle(parts, request, response).catch((error: unknown) => {
      logger.error('HubSpot sandbox request failed', {
        method: request.method,
        path: request.url,
        error,
      });
      send(response, errorResponse(500, `sandbox error: ${String(error)}`), {});
    });
  });
}

async function handle(
  parts: ServerParts,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://sandbox');
  const method = request.method ?? 'GET';
  const raw = await readBody(request);
  const match = matchRoute(parts.routes, method, url.pathname);
  const key = match?.key ?? `${method} ${url.pathname}`;
  parts.stats.requests[key] = (parts.stats.requests[key] ?? 0) + 1;
  parts.stats.total += 1;

  if (request.headers.authorization !== `Bearer ${parts.accessToken}`) {
    parts.stats.unauthorized += 1;
    return send(response, unauthorizedError(), {}, parts.stats);
  }
  const decision = parts.limiter.admit();
  if (decision.rejectedBy !== undefined) {
    parts.stats.rateLimited += 1;
    return send(
      response,
      rateLimitError(decision.rejectedBy),
      decision.headers,
      parts.stats,
    );
  }
  const failure = parts.failures.take(key);
  if (failure !== undefined) {
    parts.stats.injectedFailures += 1;
    if ('reset' in failure) {
      request.socket.destroy();
      return;
    }
    if ('delayMs' in failure) await delay(failure.delayMs);
    else {
      if (failure.status === 429) parts.stats.rateLimited += 1;
      const injected =
        failure.status === 429
          ? rateLimitError(
              failure.policyName ?? 'TEN_SECONDLY_ROLLING',
              failure.retryAfterSeconds,
            )
          : internalError(failure.status);
      if (failure.status !== 429 && failure.retryAfterSeconds !== undefined)
        injected.headers = { 'Retry-After': String(failure.retryAfterSeconds) };
      return send(response, injected, decision.headers, parts.stats);
    }
  }
  if (match === undefined)
    return send(
      response,
      errorResponse(404, `No route for ${method} ${url.pathname}`, {
        category: 'OBJECT_NOT_FOUND',
      }),
      decision.headers,
      parts.stats,
    );

  let body: unknown;
  try {
    body = raw.length === 0 ? undefined : JSON.parse(raw);
  } catch {
    return send(
      response,
      validationError('Invalid input JSON on line 1'),
      decision.headers,
      parts.stats,
    );
  }
  const result = match.route.handler({
    params: match.params,
    query: url.searchParams,
    body,
  });
  send(response, result, decision.headers, parts.stats);
}

function send(
  response: ServerResponse,
  result: ApiResponse | ErrorResponse,
  rateLimitHeaders: Record<string, string>,
  stats?: RequestStats,
): void {
  if (stats !== undefined)
    stats.responses[result.status] = (stats.responses[result.status] ?? 0) + 1;
  const headers = { ...rateLimitHeaders, ...result.headers };
  if (result.body === undefined) {
    response.writeHead(result.status, headers).end();
    return;
  }
  response
    .writeHead(result.status, {
      ...headers,
      'Content-Type': 'application/json;charset=utf-8',
    })
    .end(JSON.stringify(result.body));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES)
      throw new Error(`request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
