import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { startWebhookReceiver, type WebhookReceiver } from '../test-support/delivery.js';
import { postWebhook, type Resolver } from './http-post.js';

const open = { blockPrivateTargets: false };
const strict = { blockPrivateTargets: true };

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

  it('never follows a redirect, whatever it points at (the metadata service, another receiver)', async () => {
    const inner = await receiver([200]);
    for (const location of ['http://169.254.169.254/latest/meta-data/', inner.url, 'http://[::ffff:127.0.0.1]/']) {
      const redirecting = http.createServer((_req, res) => res.writeHead(307, { location }).end());
      await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', resolve));
      try {
        const out = await postWebhook(`http://127.0.0.1:${(redirecting.address() as AddressInfo).port}/hook`, '{}', {}, { policy: open });
        expect(out.status, location).toBe(307);
      } finally {
        redirecting.closeAllConnections();
        await new Promise((resolve) => redirecting.close(resolve));
      }
    }
    expect(inner.requests).toHaveLength(0);
  });

  it('refuses loopback targets when guarding, before connecting', async () => {
    const r = await receiver([200]);
    const port = new URL(r.url).port;
    await expect(postWebhook(r.url, '{}', {}, { policy: strict })).rejects.toThrow('not a public address');
    await expect(postWebhook(r.url.replace('127.0.0.1', 'localhost'), '{}', {}, { policy: strict })).rejects.toThrow('not a public address');
    for (const host of ['[::ffff:127.0.0.1]', '[::127.0.0.1]', '2130706433', '0x7f.1', '[2002:7f00:1::]', '[64:ff9b::7f00:1]']) {
      await expect(postWebhook(`http://${host}:${port}/hooks`, '{}', {}, { policy: strict }), host).rejects.toThrow('not a public address');
    }
    expect(r.requests).toHaveLength(0);
  });

  it('connects to the address its own lookup checked: no second resolution (DNS rebinding)', async () => {
    const r = await receiver([204]);
    const port = new URL(r.url).port;
    const answers: string[] = [];
    // A name no real resolver knows: reaching the receiver proves the socket used this lookup's answer.
    const rebinding: Resolver = async (hostname) => {
      answers.push(hostname);
      return [{ address: '127.0.0.1', family: 4 }];
    };
    expect((await postWebhook(`http://hooks.rebind.invalid:${port}/hooks`, '{}', {}, { policy: open, resolver: rebinding })).status).toBe(204);
    expect(answers).toEqual(['hooks.rebind.invalid']);
    expect(r.requests).toHaveLength(1);
    // Guarding: the same answer is refused inside the connection's lookup, nothing is sent.
    await expect(postWebhook(`http://hooks.rebind.invalid:${port}/hooks`, '{}', {}, { policy: strict, resolver: rebinding })).rejects.toThrow(
      'hooks.rebind.invalid (127.0.0.1) is not a public address: loopback',
    );
    // One private address among public ones condemns the name (the socket may try any of them).
    const mixed: Resolver = async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '::ffff:10.0.0.1', family: 6 },
    ];
    await expect(postWebhook(`http://hooks.mixed.invalid:${port}/hooks`, '{}', {}, { policy: strict, resolver: mixed })).rejects.toThrow('ipv4Mapped → private');
    expect(r.requests).toHaveLength(1);
  });
});
