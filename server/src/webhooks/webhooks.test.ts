import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from '../test-support/databases.js';
import { type DeliveryTestServer, startDeliveryTestServer, startWebhookReceiver, type WebhookReceiver, waitFor } from '../test-support/delivery.js';
import { errorCodes, ok, startTestServer, type TestServer } from '../test-support/server.js';
import { deliverWebhook } from './deliver.js';
import { Webhook } from 'standardwebhooks';

const CREATE = /* GraphQL */ `
  mutation ($input: CreateWebhookInput!) { createWebhook(input: $input) { secret webhook { id url events active } } }
`;
const LOG = /* GraphQL */ `
  query { webhooks { id url events deliveries(first: 10) { totalCount edges { node { id event status attempts responseCode error deliveredAt payload } } } } }
`;

describe.each(DB_KINDS)('webhooks on %s', (kind) => {
  let s: DeliveryTestServer;
  let account: { id: string; name: string };
  const receivers: WebhookReceiver[] = [];
  const receiver = async (statuses: number[], delayMs = 0) => {
    const r = await startWebhookReceiver(statuses, delayMs);
    receivers.push(r);
    return r;
  };
  const createHook = async (url: string, events: string[]) => ok(await s.as('ADMIN')(CREATE, { input: { url, events } })).createWebhook;
  const raiseAlert = async (title: string) => {
    const alert = await s.db.prisma.alert.create({ data: { accountId: account.id, rule: 'OVER_LIMIT', dedupKey: `limit:${title}`, severity: 3, title, evidence: {} } });
    await s.services.events.alertRaised({ id: alert.id, accountId: account.id, rule: 'OVER_LIMIT', severity: 3, title, status: 'OPEN' });
    return alert;
  };

  beforeAll(async () => {
    s = await startDeliveryTestServer(kind, { allowPrivateWebhooks: true }); // the receiver listens on 127.0.0.1
    account = await s.db.prisma.account.create({ data: { name: 'Initech', currency: 'EUR' } });
  });
  afterEach(async () => {
    await s.db.prisma.webhook.deleteMany({});
  });
  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.close()));
    await s?.close();
  });

  it('is for admins only, and never shows the secret again', async () => {
    for (const role of ['CREDIT', 'SALES', 'VIEWER'] as const) {
      expect(errorCodes(await s.as(role)(CREATE, { input: { url: 'https://hooks.example.com/x', events: ['ALERT_RAISED'] } }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await s.as(role)('{ webhooks { id } }'))).toEqual(['FORBIDDEN']);
    }
    const adminWithoutScope = await s.apiToken('ADMIN', ['accounts:read']);
    expect(errorCodes(await s.gql('{ webhooks { id } }', {}, adminWithoutScope))).toEqual(['FORBIDDEN']);
    const created = await createHook('https://hooks.example.com/x', ['ALERT_RAISED', 'ACCOUNT_UPDATED']);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(created.webhook).toMatchObject({ url: 'https://hooks.example.com/x', events: ['ALERT_RAISED', 'ACCOUNT_UPDATED'], active: true });
    expect(JSON.stringify(ok(await s.as('ADMIN')(LOG)))).not.toContain(created.secret);
    const audit = await s.db.prisma.auditEvent.findFirst({ where: { action: 'webhook.create' } });
    expect(audit?.data).toEqual({ host: 'hooks.example.com', events: ['alert.raised', 'account.updated'] });
  });

  it('refuses bad URLs with a message naming the field', async () => {
    for (const [url, message] of [
      ['ftp://hooks.example.com/x', 'Only http and https'],
      ['https://user:secret@hooks.example.com/x', 'Credentials'],
      ['hooks.example.com', 'Not a valid URL'],
    ]) {
      const r = await s.as('ADMIN')(CREATE, { input: { url, events: ['ALERT_RAISED'] } });
      expect(errorCodes(r)).toEqual(['BAD_USER_INPUT']);
      expect(r.errors?.[0]?.message).toContain(message);
      expect(r.errors?.[0]?.extensions?.field).toBe('input.url');
    }
    expect(errorCodes(await s.as('ADMIN')(CREATE, { input: { url: 'https://hooks.example.com/x', events: [] } }))).toEqual(['BAD_USER_INPUT']);
  });

  it('delivers a signed alert.raised, retries after a 500, and logs it', async () => {
    const r = await receiver([500, 200]);
    const { secret, webhook } = await createHook(r.url, ['ALERT_RAISED']);
    const alert = await raiseAlert('Initech is over its credit limit');
    await waitFor('two attempts', () => r.requests.length >= 2, 15_000);
    const [first, second] = r.requests;
    for (const req of [first!, second!]) {
      expect(new Webhook(secret).verify(req.body, req.headers as Record<string, string>)).toEqual(JSON.parse(req.body));
      expect(req.headers['x-earshot-event']).toBe('alert.raised');
      expect(req.headers['content-type']).toBe('application/json');
    }
    // One webhook-id for the delivery (receivers deduplicate on it); each attempt signs its own timestamp.
    expect(second!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
    expect(Number(second!.headers['webhook-timestamp'])).toBeGreaterThanOrEqual(Number(first!.headers['webhook-timestamp']));
    expect(Math.abs(Number(second!.headers['webhook-timestamp']) - second!.at / 1000)).toBeLessThan(5);
    expect(first!.headers['x-earshot-signature']).toBeUndefined();
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(900); // backoff: 1–2 s with the tests' 1 s base delay
    const body = JSON.parse(second!.body);
    expect(body).toEqual({
      id: expect.any(String),
      event: 'alert.raised',
      createdAt: expect.any(String),
      data: {
        alert: { id: encodeGlobalID('Alert', alert.id), rule: 'OVER_LIMIT', severity: 3, title: 'Initech is over its credit limit', status: 'OPEN' },
        account: { id: encodeGlobalID('Account', account.id), name: 'Initech' },
      },
    });
    expect(JSON.parse(first!.body).id).toBe(body.id);

    const logged = await waitFor('delivery logged', async () => {
      const hook = ok(await s.as('ADMIN')(LOG)).webhooks.find((w: { id: string }) => w.id === webhook.id);
      const node = hook?.deliveries.edges[0]?.node;
      return node?.status === 'DELIVERED' ? { hook, node } : null;
    });
    expect(logged.hook.deliveries.totalCount).toBe(1);
    expect(logged.node).toMatchObject({ id: first!.headers['webhook-id'], event: 'ALERT_RAISED', attempts: 2, responseCode: 200, error: null });
    expect(logged.node.deliveredAt).toEqual(expect.any(String));
    expect(logged.node.payload).toEqual(body);
  });

  it('sends account.updated only to webhooks subscribed to it', async () => {
    const alertsOnly = await receiver([200]);
    const updates = await receiver([200]);
    await createHook(alertsOnly.url, ['ALERT_RAISED']);
    const { secret } = await createHook(updates.url, ['ACCOUNT_UPDATED']);
    await s.services.events.accountUpdated(account.id);
    await waitFor('account.updated delivered', () => updates.requests.length >= 1);
    const [req] = updates.requests;
    expect(new Webhook(secret).verify(req!.body, req!.headers as Record<string, string>)).toEqual(JSON.parse(req!.body));
    expect(JSON.parse(req!.body)).toMatchObject({ event: 'account.updated', data: { account: { id: encodeGlobalID('Account', account.id), name: 'Initech' } } });
    await new Promise((r) => setTimeout(r, 600));
    expect(alertsOnly.requests).toHaveLength(0);
  });

  it('never holds up the event: a slow receiver is the worker’s problem', async () => {
    const slow = await receiver([200], 1_500);
    await createHook(slow.url, ['ALERT_RAISED']);
    const started = Date.now();
    await raiseAlert('Raised while the receiver is slow');
    expect(Date.now() - started).toBeLessThan(1_000);
    await waitFor('slow receiver reached', () => slow.requests.length >= 1);
  });

  it('marks the last failed attempt FAILED with the reason', async () => {
    const down = await receiver([503]);
    const hook = await s.db.prisma.webhook.create({ data: { url: down.url, events: ['alert.raised'], secret: 'whsec_x' } });
    const delivery = await s.db.prisma.webhookDelivery.create({ data: { webhookId: hook.id, event: 'alert.raised', payload: { id: 'e', event: 'alert.raised', createdAt: '', data: {} }, status: 'PENDING' } });
    await expect(deliverWebhook(s.db.prisma, { deliveryId: delivery.id, final: false, retryNote: 'next in 15–30 s' }, { policy: { blockPrivateTargets: false } })).rejects.toThrow('HTTP 503');
    expect(await s.db.prisma.webhookDelivery.findUnique({ where: { id: delivery.id } })).toMatchObject({ status: 'PENDING', attempts: 1, responseCode: 503, error: 'HTTP 503: receiver failed (next in 15–30 s)' });
    expect(await deliverWebhook(s.db.prisma, { deliveryId: delivery.id, final: true }, { policy: { blockPrivateTargets: false } })).toBe('FAILED');
    expect(await s.db.prisma.webhookDelivery.findUnique({ where: { id: delivery.id } })).toMatchObject({ status: 'FAILED', attempts: 2, error: 'HTTP 503: receiver failed (no attempts left)' });
  });

  it('refuses to connect to a private address when guarding, even if the URL was accepted before', async () => {
    const r = await receiver([200]);
    const hook = await s.db.prisma.webhook.create({ data: { url: r.url, events: ['alert.raised'], secret: 'whsec_x' } });
    const delivery = await s.db.prisma.webhookDelivery.create({ data: { webhookId: hook.id, event: 'alert.raised', payload: {}, status: 'PENDING' } });
    expect(await deliverWebhook(s.db.prisma, { deliveryId: delivery.id, final: true }, { policy: { blockPrivateTargets: true } })).toBe('FAILED');
    expect((await s.db.prisma.webhookDelivery.findUnique({ where: { id: delivery.id } }))?.error).toContain('not a public address');
    const byName = await s.db.prisma.webhook.create({ data: { url: r.url.replace('127.0.0.1', 'localhost'), events: ['alert.raised'], secret: 'whsec_x' } });
    const d2 = await s.db.prisma.webhookDelivery.create({ data: { webhookId: byName.id, event: 'alert.raised', payload: {}, status: 'PENDING' } });
    expect(await deliverWebhook(s.db.prisma, { deliveryId: d2.id, final: true }, { policy: { blockPrivateTargets: true } })).toBe('FAILED');
    expect((await s.db.prisma.webhookDelivery.findUnique({ where: { id: d2.id } }))?.error).toContain('not a public address');
    expect(r.requests).toHaveLength(0);
  });

  it('deletes a webhook with its log; its pending deliveries stop', async () => {
    const r = await receiver([500]);
    const { webhook } = await createHook(r.url, ['ALERT_RAISED']);
    await raiseAlert('About to be deleted');
    await waitFor('first attempt', () => r.requests.length >= 1);
    const del = ok(await s.as('ADMIN')('mutation ($id: ID!) { deleteWebhook(id: $id) { deletedWebhookId } }', { id: webhook.id }));
    expect(del.deleteWebhook.deletedWebhookId).toBe(webhook.id);
    expect(await s.db.prisma.webhookDelivery.count()).toBe(0);
    await new Promise((res) => setTimeout(res, 2_500)); // past the first retry's backoff
    expect(r.requests).toHaveLength(1);
    expect(errorCodes(await s.as('ADMIN')('mutation ($id: ID!) { deleteWebhook(id: $id) { deletedWebhookId } }', { id: webhook.id }))).toEqual(['NOT_FOUND']);
  });
});

describe('webhook targets with the default policy (no EARSHOT_WEBHOOK_ALLOW_PRIVATE)', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer('pglite');
  });
  afterAll(() => s?.close());

  it.each([
    'http://127.0.0.1:9000/hook',
    'http://2130706433/',
    'http://0x7f.1/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::127.0.0.1]/',
    'http://[2002:7f00:1::]/',
    'http://[64:ff9b::7f00:1]/',
    'http://169.254.169.254/latest/meta-data/',
    'http://100.64.0.1/',
    'http://localhost:9000/hook',
  ])('createWebhook refuses %s', async (url) => {
    expect(process.env.EARSHOT_WEBHOOK_ALLOW_PRIVATE).toBeUndefined();
    const r = await s.as('ADMIN')(CREATE, { input: { url, events: ['ALERT_RAISED'] } });
    expect(errorCodes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors?.[0]?.message).toContain('not a public address');
    expect(await s.db.prisma.webhook.count()).toBe(0);
  });
});
