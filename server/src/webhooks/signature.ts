/**
 * Webhook signatures. Every delivery carries `X-Earshot-Signature: sha256=<hex>`, the HMAC-SHA256 of the raw
 * request body under the webhook's secret (shown once, at creation). Receivers recompute it over the bytes
 * they received — before parsing the JSON — and compare in constant time (`verifyWebhookSignature`).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-Earshot-Signature';
export const EVENT_HEADER = 'X-Earshot-Event';
export const DELIVERY_HEADER = 'X-Earshot-Delivery';
export const SECRET_PREFIX = 'whsec_';

export function newWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64url');
}

export function signWebhookBody(secret: string, rawBody: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

/** True when `header` is the signature of exactly these bytes under `secret`. */
export function verifyWebhookSignature(secret: string, rawBody: string | Buffer, header: string | null | undefined): boolean {
  if (!header || !/^sha256=[0-9a-f]{64}$/i.test(header.trim())) return false;
  const expected = Buffer.from(signWebhookBody(secret, rawBody).slice('sha256='.length), 'hex');
  const given = Buffer.from(header.trim().slice('sha256='.length).toLowerCase(), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
