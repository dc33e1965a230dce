/**
 * One attempt at one webhook delivery (run by the `deliver-webhook` worker). Signs the stored envelope
 * (Standard Webhooks headers, signature.ts), POSTs
 * it, and records the outcome on the delivery: DELIVERED on a 2xx; otherwise the error, and PENDING while
 * attempts remain (the thrown error makes pg-boss retry it with backoff) or FAILED after the last one.
 */
import type { Prisma } from '../db/client.js';
import { postWebhook, WEBHOOK_TIMEOUT_MS } from './http-post.js';
import { EVENT_HEADER, webhookHeaders } from './signature.js';
import type { WebhookUrlPolicy } from './url-policy.js';

export type DeliveryStatus = 'PENDING' | 'DELIVERED' | 'FAILED';

export interface AttemptInfo {
  deliveryId: string;
  /** No retry follows this attempt. */
  final: boolean;
  /** Shown in the log when another attempt follows, e.g. "next attempt in 15–30 s". */
  retryNote?: string;
}

export interface DeliverOptions {
  policy: WebhookUrlPolicy;
  timeoutMs?: number;
  now?: () => Date;
}

export class DeliveryFailed extends Error {}

const MAX_ERROR_LENGTH = 500;

export async function deliverWebhook(prisma: Prisma, attempt: AttemptInfo, options: DeliverOptions): Promise<DeliveryStatus | 'GONE'> {
  const delivery = await prisma.webhookDelivery.findUnique({ where: { id: attempt.deliveryId }, include: { webhook: true } });
  // Deleted with its webhook; or delivered by an attempt whose bookkeeping was retried: nothing to do.
  if (!delivery) return 'GONE';
  if (delivery.status === 'DELIVERED' || delivery.status === 'FAILED') return delivery.status;
  if (!delivery.webhook.active) {
    await prisma.webhookDelivery.update({ where: { id: delivery.id }, data: { status: 'FAILED', error: 'The webhook is disabled' } });
    return 'FAILED';
  }

  const body = JSON.stringify(delivery.payload);
  const now = options.now ?? (() => new Date());
  // Standard Webhooks: webhook-id is the delivery (the same on its retries), the timestamp is this attempt's.
  const headers = { ...webhookHeaders(delivery.webhook.secret, delivery.id, body, now()), [EVENT_HEADER]: delivery.event };
  let responseCode: number | null = null;
  let error: string;
  try {
    const res = await postWebhook(delivery.webhook.url, body, headers, { policy: options.policy, timeoutMs: options.timeoutMs ?? WEBHOOK_TIMEOUT_MS });
    responseCode = res.status;
    if (res.status >= 200 && res.status < 300) {
      await prisma.webhookDelivery.update({
        where: { id: delivery.id },
        data: { status: 'DELIVERED', attempts: { increment: 1 }, responseCode, error: null, deliveredAt: now() },
      });
      return 'DELIVERED';
    }
    error = `HTTP ${res.status}${res.snippet ? `: ${res.snippet.replace(/\s+/g, ' ').trim()}` : ''}`;
  } catch (err) {
    error = (err as Error).message || String(err);
  }
  const status: DeliveryStatus = attempt.final ? 'FAILED' : 'PENDING';
  const note = attempt.final ? ' (no attempts left)' : attempt.retryNote ? ` (${attempt.retryNote})` : '';
  await prisma.webhookDelivery.update({
    where: { id: delivery.id },
    data: { status, attempts: { increment: 1 }, responseCode, error: (error.slice(0, MAX_ERROR_LENGTH) + note).trim() },
  });
  if (attempt.final) return 'FAILED';
  throw new DeliveryFailed(error);
}
