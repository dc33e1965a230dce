import { afterAll, describe, expect, it } from 'vitest';
import { startWebhookReceiver, type WebhookReceiver } from '../test-support/delivery.js';
import { postWebhook } from './http-post.js';

const open = { blockPrivateTargets: false };

describe('one webhook POST', () => {
  const receivers: WebhookReceiver[] = [];
  const receiver = async (statuses: number[], delayMs = 0) => {
    const r = await startWebhookReceiver(statuses, delayMs);
    receivers.push(r);
    return r;
  };
  afterAll(() => Promise.all(receivers.map((r) => r.close())));

  it('sends the body and headers as given and reports the status', async () => {
    const r = await receiver([202]);
    const out = await postWebhook(r.url, '{"a":1}', { 'X-Earshot-Event': 'alert.raised' }, { policy: open });
    expect(out).toEqual({ status: 202, snippet: 'ok' });
    expect(r.requests[0]).toMatchObject({ body: '{"a":1}', headers: { 'x-earshot-event': 'alert.raised', 'content-type': 'application/json', 'content-length': '7' } });
  });

  it('gives up after the timeout', async () => {
    const r = await receiver([200], 1_000);
    const started = Date.now();
    await expect(postWebhook(r.url, '{}', {}, { policy: open, timeoutMs: 200 })).rejects.toThrow('No response within 200 ms');
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('does not follow redirects', async () => {
    const r = await receiver([302]);
    expect((await postWebhook(r.url, '{}', {}, { policy: open })).status).toBe(302);
    expect(r.requests).toHaveLength(1);
  });

  it('refuses loopback targets when guarding, before connecting', async () => {
    const r = await receiver([200]);
    await expect(postWebhook(r.url, '{}', {}, { policy: { blockPrivateTargets: true } })).rejects.toThrow('not a public address');
    await expect(postWebhook(r.url.replace('127.0.0.1', 'localhost'), '{}', {}, { policy: { blockPrivateTargets: true } })).rejects.toThrow('non-public address');
    expect(r.requests).toHaveLength(0);
  });
});
