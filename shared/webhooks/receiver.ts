import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
} from 'aws-lambda';
import { validateBatch } from '#shared/core/webhooks/batch.ts';
import { hubspotEventMessage } from '#shared/core/webhooks/messages.ts';
import { verifyWebhookSignature } from '#shared/core/webhooks/signature.ts';
import { logger } from '#shared/logger.ts';
import type { MessageQueue } from '#shared/queue/queue.ts';
import type { RejectedInputs } from '#shared/store/rejected-inputs.ts';

export interface ReceiverDependencies {
  queue: MessageQueue;
  rejected: Pick<RejectedInputs, 'add'>;
  clientSecret: () => Promise<string>;
  clock: () => number;
  /** The URL HubSpot calls, when a proxy or custom domain hides it from the request. */
  publicUrl?: string;
}

export type WebhookReceiver = (
  event: APIGatewayProxyEventV2,
) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * Builds the webhook receiver: verify the signature, validate each event, store the invalid
 * ones with their reason, queue the valid ones per contact, and return 200 within HubSpot's
 * 5-second timeout. Only a bad signature (401) or an unusable body (400) is refused.
 */
export function createWebhookReceiver(
  dependencies: ReceiverDependencies,
): WebhookReceiver {
  return async (event) => {
    const rawBody = bodyOf(event);
    const now = dependencies.clock();
    const requestId = event.requestContext.requestId;
    const check = verifyWebhookSignature({
      method: event.requestContext.http.method,
      uri: requestUri(event, dependencies.publicUrl),
      rawBody,
      headers: event.headers,
      clientSecret: await dependencies.clientSecret(),
      now,
    });
    if (!check.ok) {
      logger.warn('Webhook rejected: signature check failed', {
        reason: check.reason,
        requestId,
      });
      return respond(401, {
        message: `Signature check failed: ${check.reason}`,
      });
    }

    const batch = validateBatch(rawBody);
    if (!batch.ok) {
      await dependencies.rejected.add({
        source: 'webhook',
        reason: batch.reason,
        raw: rawBody,
        receivedAt: now,
        requestId,
      });
      logger.warn('Webhook batch rejected', {
        reason: batch.reason,
        requestId,
      });
      return respond(batch.status, {
        message: `Invalid webhook batch: ${batch.reason}`,
      });
    }

    // Queue first, so a failed send stores nothing and HubSpot's retry starts clean. A retry
    // after a failed store queues the valid events again under the same deduplication ids.
    await dependencies.queue.send(
      batch.accepted.map((accepted) => hubspotEventMessage(accepted, now)),
    );
    await Promise.all(
      batch.rejected.map((rejected) =>
        dependencies.rejected.add({
          source: 'webhook-event',
          reason: `event ${rejected.index}: ${rejected.reason}`,
          raw: JSON.stringify(rejected.raw) ?? String(rejected.raw),
          receivedAt: now,
          requestId,
        }),
      ),
    );
    if (batch.rejected.length > 0) {
      logger.warn('Webhook events rejected', {
        rejected: batch.rejected.length,
        requestId,
      });
    }
    return respond(200, {
      accepted: batch.accepted.length,
      rejected: batch.rejected.length,
    });
  };
}

/** API Gateway may hand the body over base64-encoded; the signature covers the raw bytes. */
function bodyOf(event: APIGatewayProxyEventV2): string {
  const body = event.body ?? '';
  return event.isBase64Encoded
    ? Buffer.from(body, 'base64').toString('utf8')
    : body;
}

/** The URL as HubSpot called it: https, the public host, path and raw query string. */
export function requestUri(
  event: APIGatewayProxyEventV2,
  publicUrl?: string,
): string {
  const query = event.rawQueryString === '' ? '' : `?${event.rawQueryString}`;
  if (publicUrl !== undefined) return `${publicUrl}${query}`;
  return `https://${event.requestContext.domainName}${event.rawPath}${query}`;
}

function respond(
  statusCode: number,
  body: unknown,
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  };
}
