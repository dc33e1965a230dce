import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { newWebhookSecret, SECRET_PREFIX, signWebhook, verifyWebhook, webhookHeaders, webhookSecretKey } from './signature.js';

const body = JSON.stringify({ id: 'e1', event: 'alert.raised', createdAt: '2026-11-22T10:00:00.000Z', data: { alert: { title: 'Überfällig' } } });
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

describe('webhook signatures (Standard Webhooks)', () => {
  it('signs "{id}.{timestamp}.{body}" with HMAC-SHA256 under the base64-decoded secret, as v1,<base64>', () => {
    const secret = `${SECRET_PREFIX}${Buffer.from('a 32-byte key for this test only').toString('base64')}`;
    const key = Buffer.from('a 32-byte key for this test only');
    expect(signWebhook(secret, 'msg_1', 1764000000, body)).toBe(`v1,${createHmac('sha256', key).update(`msg_1.1764000000.${body}`, 'utf8').digest('base64')}`);
    expect(signWebhook(secret, 'msg_1', 1764000000, Buffer.from(body))).toBe(signWebhook(secret, 'msg_1', 1764000000, body));
    const headers = webhookHeaders(secret, 'msg_1', body, new Date(1764000000_500));
    expect(headers).toEqual({ 'webhook-id': 'msg_1', 'webhook-timestamp': '1764000000', 'webhook-signature': signWebhook(secret, 'msg_1', 1764000000, body) });
  });

  it('is accepted by the reference implementation (standardwebhooks), which refuses replays and tampering', () => {
    const secret = newWebhookSecret();
    const reference = new Webhook(secret);
    const headers = webhookHeaders(secret, 'delivery-1', body);
    expect(reference.verify(body, headers)).toEqual(JSON.parse(body));
    // The reference signer and ours agree byte for byte.
    const at = new Date(Math.floor(Date.now() / 1000) * 1000);
    expect(reference.sign('delivery-1', at, body)).toBe(webhookHeaders(secret, 'delivery-1', body, at)['webhook-signature']);
    // Tampered body, another delivery id, another secret.
    expect(() => reference.verify(body.replace('Überfällig', 'Paid'), headers)).toThrow('No matching signature found');
    expect(() => reference.verify(body, { ...headers, 'webhook-id': 'delivery-2' })).toThrow('No matching signature found');
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow('No matching signature found');
    // A recorded delivery replayed six minutes later: its signed timestamp is too old.
    expect(() => reference.verify(body, webhookHeaders(secret, 'delivery-1', body, minutesAgo(6)))).toThrow('Message timestamp too old');
    // Moving the timestamp forward breaks the signature.
    expect(() => reference.verify(body, { ...webhookHeaders(secret, 'delivery-1', body, minutesAgo(6)), 'webhook-timestamp': headers['webhook-timestamp']! })).toThrow(
      'No matching signature found',
    );
  });

  it('verifies with our own function the same way (5-minute tolerance, tampering, several signatures)', () => {
    const secret = newWebhookSecret();
    const headers = webhookHeaders(secret, 'delivery-1', body);
    expect(verifyWebhook(secret, body, headers)).toBe(true);
    expect(verifyWebhook(secret, Buffer.from(body), headers)).toBe(true);
    expect(verifyWebhook(secret, `${body} `, headers)).toBe(false);
    expect(verifyWebhook(newWebhookSecret(), body, headers)).toBe(false);
    expect(verifyWebhook(secret, body, webhookHeaders(secret, 'delivery-1', body, minutesAgo(4)))).toBe(true);
    expect(verifyWebhook(secret, body, webhookHeaders(secret, 'delivery-1', body, minutesAgo(6)))).toBe(false);
    expect(verifyWebhook(secret, body, webhookHeaders(secret, 'delivery-1', body, minutesAgo(-6)))).toBe(false);
    expect(verifyWebhook(secret, body, { ...headers, 'webhook-signature': `v1,${'A'.repeat(44)} ${headers['webhook-signature']}` })).toBe(true);
    for (const bad of [{}, { ...headers, 'webhook-id': '' }, { ...headers, 'webhook-timestamp': 'soon' }, { ...headers, 'webhook-signature': 'v2,abc' }, { ...headers, 'webhook-signature': '' }]) {
      expect(verifyWebhook(secret, body, bad)).toBe(false);
    }
  });

  it('makes a new whsec_<base64> secret of 32 random bytes each time; older base64url secrets keep their key', () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(webhookSecretKey(a)).toHaveLength(32);
    expect(newWebhookSecret()).not.toBe(a);
    const bytes = Buffer.from('0123456789abcdef0123456789abcdef');
    expect(webhookSecretKey(`whsec_${bytes.toString('base64url')}`)).toEqual(bytes);
  });
});
