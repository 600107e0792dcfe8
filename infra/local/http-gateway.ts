import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyResultV2,
} from 'aws-lambda';

export type HttpApiHandler = (
  event: APIGatewayProxyEventV2,
) => Promise<APIGatewayProxyResultV2>;

/** Largest request body the local gateway reads; API Gateway HTTP APIs stop at 10 MB. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

/**
 * A node:http server that hands each request to a Lambda handler as an API Gateway HTTP API
 * (payload v2) event, so the receiver runs locally exactly as behind API Gateway.
 */
export function createHttpGateway(
  routes: Record<string, HttpApiHandler>,
): Server {
  return createServer((request, response) => {
    void handle(routes, request, response);
  });
}

async function handle(
  routes: Record<string, HttpApiHandler>,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const routeKey = `${request.method ?? 'GET'} ${url.pathname}`;
  const handler = routes[routeKey];
  if (handler === undefined) {
    response.writeHead(404, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ message: `No route for ${routeKey}` }));
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      response.writeHead(413, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({ message: 'Request body larger than 10 MB' }),
      );
      return;
    }
    chunks.push(chunk as Buffer);
  }
  const body = Buffer.concat(chunks);
  const result = await handler(toEvent(request, url, routeKey, body)).catch(
    (error: unknown) => ({
      statusCode: 500,
      body: JSON.stringify({ message: 'Internal error', error: String(error) }),
    }),
  );
  writeResult(response, result);
}

function toEvent(
  request: IncomingMessage,
  url: URL,
  routeKey: string,
  body: Buffer,
): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined)
      headers[name.toLowerCase()] = Array.isArray(value)
        ? value.join(',')
        : value;
  }
  const rawQueryString = url.search.startsWith('?') ? url.search.slice(1) : '';
  const now = Date.now();
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString,
    headers,
    isBase64Encoded: true,
    body: body.toString('base64'),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? '127.0.0.1',
      domainPrefix: 'local',
      http: {
        method: request.method ?? 'GET',
        path: url.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: `local-${now}-${Math.random().toString(36).slice(2, 10)}`,
      routeKey,
      stage: '$default',
      time: new Date(now).toISOString(),
      timeEpoch: now,
    },
  };
}

function writeResult(
  response: ServerResponse,
  result: APIGatewayProxyResultV2,
): void {
  if (typeof result === 'string') {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(result);
    return;
  }
  const headers: Record<string, string> = {
    'content-type': 'application/json',
  };
  for (const [name, value] of Object.entries(result.headers ?? {}))
    headers[name] = String(value);
  response.writeHead(result.statusCode ?? 200, headers);
  const body = result.body ?? '';
  response.end(result.isBase64Encoded ? Buffer.from(body, 'base64') : body);
}
