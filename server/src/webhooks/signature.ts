/**
 * Webhook signatures, the Standard Webhooks way (https://www.standardwebhooks.com, spec 1.0):
 *
 * - `webhook-id`: the delivery id — the same on every retry of one delivery, so receivers deduplicate on it;
 * - `webhook-timestamp`: this attempt's time, integer Unix seconds;
 * - `webhook-signature`: `v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{raw body}">`, keyed with the
 *   base64-decoded part of the webhook's secret `whsec_<base64>` (shown once, at creation).
 *
 * Id and timestamp are signed with the body, so a receiver that rejects timestamps older than a few minutes
 * (`verifyWebhook`, 5 minutes by default, as the reference libraries do) cannot be fed a recorded delivery
 * again, and a body cannot be moved to another delivery id.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const WEBHOOK_ID_HEADER = 'webhook-id';
export const WEBHOOK_TIMESTAMP_HEADER = 'webhook-timestamp';
export const WEBHOOK_SIGNATURE_HEADER = 'webhook-signature';
/** Routing only (the body's `event` says the same); not part of the signature scheme. */
export const EVENT_HEADER = 'X-Earshot-Event';
export const SECRET_PREFIX = 'whsec_';
/** How far a delivery's timestamp may be from the receiver's clock, as in the reference verifiers. */
export const DEFAULT_TOLERANCE_SECONDS = 5 * 60;

/** `whsec_` and 32 random bytes in standard base64 (what the Standard Webhooks libraries decode). */
export function newWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64');
}

/**
 * The HMAC key: the base64 after `whsec_`, decoded. Node's base64 decoder also reads the URL-safe alphabet, so
 * secrets issued before the switch to Standard Webhooks (`whsec_<base64url>`) keep their key bytes.
 */
export function webhookSecretKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
}

/** The `webhook-signature` value for one attempt. */
export function signWebhook(secret: string, id: string, timestampSeconds: number | string, rawBody: string | Buffer): string {
  const mac = createHmac('sha256', webhookSecretKey(secret)).update(`${id}.${timestampSeconds}.`).update(rawBody).digest('base64');
  return `v1,${mac}`;
}

/** The three headers of one attempt (`now`: this attempt's time). */
export function webhookHeaders(secret: string, id: string, rawBody: string, now: Date = new Date()): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    [WEBHOOK_ID_HEADER]: id,
    [WEBHOOK_TIMESTAMP_HEADER]: String(timestamp),
    [WEBHOOK_SIGNATURE_HEADER]: signWebhook(secret, id, timestamp, rawBody),
  };
}

export interface VerifyOptions {
  now?: Date;
  toleranceSeconds?: number;
}

type HeaderBag = Record<string, string | string[] | undefined>;

function header(headers: HeaderBag, name: string): string | undefined {
  const value = headers[name] ?? headers[name.toLowerCase()] ?? Object.entries(headers).find(([k]) => k.toLowerCase() === name)?.[1];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * A receiver's check: true when one of the `v1,` signatures is this body's under this secret and the
 * timestamp is within the tolerance of `now`. Never throws.
 */
export function verifyWebhook(secret: string, rawBody: string | Buffer, headers: HeaderBag, options: VerifyOptions = {}): boolean {
  const id = header(headers, WEBHOOK_ID_HEADER);
  const timestamp = header(headers, WEBHOOK_TIMESTAMP_HEADER);
  const signatures = header(headers, WEBHOOK_SIGNATURE_HEADER);
  if (!id || !timestamp || !signatures || !/^\d{1,12}$/.test(timestamp)) return false;
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - Number(timestamp)) > (options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) return false;
  const expected = Buffer.from(signWebhook(secret, id, timestamp, rawBody).slice(3), 'base64');
  return signatures.split(' ').some((entry) => {
    const [version, mac] = entry.split(',', 2);
    if (version !== 'v1' || !mac) return false;
    const given = Buffer.from(mac, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
