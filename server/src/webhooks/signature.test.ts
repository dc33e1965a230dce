import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newWebhookSecret, SECRET_PREFIX, signWebhookBody, verifyWebhookSignature } from './signature.js';

const body = JSON.stringify({ id: 'e1', event: 'alert.raised', createdAt: '2026-11-22T10:00:00.000Z', data: { alert: { title: 'Überfällig' } } });

describe('webhook signatures', () => {
  it('is sha256= and the hex HMAC-SHA256 of the raw body under the secret', () => {
    const secret = 'whsec_test';
    expect(signWebhookBody(secret, body)).toBe(`sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`);
    expect(signWebhookBody(secret, Buffer.from(body))).toBe(signWebhookBody(secret, body));
  });

  it('verifies the signature of exactly these bytes under this secret', () => {
    const secret = newWebhookSecret();
    const header = signWebhookBody(secret, body);
    expect(verifyWebhookSignature(secret, body, header)).toBe(true);
    expect(verifyWebhookSignature(secret, Buffer.from(body), header.toUpperCase().replace('SHA256=', 'sha256='))).toBe(true);
    expect(verifyWebhookSignature(secret, `${body} `, header)).toBe(false);
    expect(verifyWebhookSignature(newWebhookSecret(), body, header)).toBe(false);
  });

  it('refuses missing and malformed headers without throwing', () => {
    const secret = newWebhookSecret();
    for (const header of [null, undefined, '', 'sha256=', 'sha1=abc', `sha256=${'0'.repeat(63)}`, `sha256=${'z'.repeat(64)}`, signWebhookBody(secret, body).slice(7)]) {
      expect(verifyWebhookSignature(secret, body, header)).toBe(false);
    }
  });

  it('makes a new, long, prefixed secret each time', () => {
    const a = newWebhookSecret();
    expect(a.startsWith(SECRET_PREFIX)).toBe(true);
    expect(a.length).toBeGreaterThanOrEqual(SECRET_PREFIX.length + 43);
    expect(newWebhookSecret()).not.toBe(a);
  });
});
