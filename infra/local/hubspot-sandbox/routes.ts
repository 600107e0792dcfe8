import type { ErrorResponse } from './errors.ts';

/** A parsed API request, as a route handler receives it. */
export interface ApiRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
}

export interface ApiResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type RouteHandler = (request: ApiRequest) => ApiResponse | ErrorResponse;

export interface Route {
  method: string;
  /** Path with `{name}` segments, for example `/crm/v3/objects/contacts/{contactId}`. */
  pattern: string;
  handler: RouteHandler;
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
  /** `METHOD pattern`: the key stats and failure injections use. */
  key: string;
}

/** Finds the first route whose method and pattern match; literal routes must come first. */
export function matchRoute(
  routes: readonly Route[],
  method: string,
  path: string,
): RouteMatch | undefined {
  const segments = path.split('/').filter((segment) => segment !== '');
  for (const route of routes) {
    if (route.method !== method) continue;
    const params = matchPattern(route.pattern, segments);
    if (params !== undefined)
      return { route, params, key: `${route.method} ${route.pattern}` };
  }
  return undefined;
}

function matchPattern(
  pattern: string,
  segments: string[],
): Record<string, string> | undefined {
  const parts = pattern.split('/').filter((part) => part !== '');
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of parts.entries()) {
    const segment = segments[index]!;
    if (part.startsWith('{') && part.endsWith('}'))
      params[part.slice(1, -1)] = decodeURIComponent(segment);
    else if (part !== segment) return undefined;
  }
  return params;
}
