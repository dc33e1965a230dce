/** The whole path: a ledger change → recompute job → new alerts → live subscribers and signed webhooks. */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from '../test-support/databases.js';
import { type DeliveryTestServer, startDeliveryTestServer, startWebhookReceiver, type WebhookReceiver, waitFor } from '../test-support/delivery.js';
import { ok } from '../test-support/server.js';
import { subscribeSse } from '../test-support/sse.js';
import { Webhook } from 'standardwebhooks';

describe.each(DB_KINDS)('from a ledger change to subscribers and webhooks on %s', (kind) => {
  let s: DeliveryTestServer;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    s = await startDeliveryTestServer(kind, { allowPrivateWebhooks: true }); // the receiver listens on 127.0.0.1
    receiver = await startWebhookReceiver([200]);
  });
  afterAll(async () => {
    await receiver?.close();
    await s?.close();
  });

  it('raises alerts in a recompute job and delivers them live and by webhook', async () => {
    const account = await s.db.prisma.account.create({ data: { name: 'Overdrawn GmbH', currency: 'EUR', creditLimit: '1000.00', paymentTermsDays: 30 } });
    const { secret } = ok(
      await s.as('ADMIN')('mutation ($i: CreateWebhookInput!) { createWebhook(input: $i) { secret } }', { i: { url: receiver.url, events: ['ALERT_RAISED'] } }),
    ).createWebhook;
    const sub = await subscribeSse((u, init) => Promise.resolve(s.app.yoga.fetch(u, init)), 'http://earshot.test/graphql', 'subscription ($a: ID) { alertRaised(accountId: $a) { rule status account { name } } }', { a: encodeGlobalID('Account', account.id) }, s.users.CREDIT.token);
    try {
      await waitFor('subscriber listening', () => s.delivery.channel.localListeners('alertRaised') >= 1);
      const issued = new Date(Date.now() - 120 * 86400_000);
      await s.db.prisma.invoice.create({
        data: { accountId: account.id, externalId: 'E2E-1', number: 'E2E-1', currency: 'EUR', amount: '5000.00', issuedAt: issued, dueAt: new Date(issued.getTime() + 30 * 86400_000) },
      });
      const started = Date.now();
      await s.services.accountsChanged([account.id], 'ledger-import');
      const first = await sub.next(10_000);
      const second = await sub.next(5_000);
      const rules = [first.data?.alertRaised.rule, second.data?.alertRaised.rule].sort();
      expect(rules).toEqual(['OVERDUE', 'OVER_LIMIT']);
      expect(first.data?.alertRaised).toMatchObject({ status: 'OPEN', account: { name: 'Overdrawn GmbH' } });
      console.info(`${kind}: ledger change to first live alert in ${Date.now() - started} ms`);

      await waitFor('two webhook deliveries', () => receiver.requests.length >= 2, 10_000);
      for (const req of receiver.requests) {
        expect(new Webhook(secret).verify(req.body, req.headers as Record<string, string>)).toEqual(JSON.parse(req.body));
      }
      expect(receiver.requests.map((r) => JSON.parse(r.body).data.alert.rule).sort()).toEqual(['OVERDUE', 'OVER_LIMIT']);
    } finally {
      await sub.close();
    }
  });
});
