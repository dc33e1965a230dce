import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertEvent } from '../services/index.js';
import { DB_KINDS } from '../test-support/databases.js';
import { type DeliveryTestServer, startDeliveryTestServer, waitFor } from '../test-support/delivery.js';
import { createApp } from '../app.js';
import { loadConfig } from '../config.js';
import { createServices } from '../services/index.js';
import { errorCodes } from '../test-support/server.js';
import { type SseSubscription, subscribeSse } from '../test-support/sse.js';

const ALERTS = /* GraphQL */ `
  subscription ($accountId: ID) { alertRaised(accountId: $accountId) { id title rule severity status account { id name } } }
`;
const ACCOUNT = /* GraphQL */ `subscription ($id: ID!) { accountUpdated(id: $id) { id name onHold } }`;

describe.each(DB_KINDS)('subscriptions over SSE on %s', (kind) => {
  let s: DeliveryTestServer;
  let acme: { id: string; gid: string };
  let globex: { id: string; gid: string };
  const open: SseSubscription[] = [];

  const subscribe = async (query: string, variables: Record<string, unknown>, token: string | null) => {
    const sub = await subscribeSse((url, init) => Promise.resolve(s.app.yoga.fetch(url, init)), 'http://earshot.test/graphql', query, variables, token);
    open.push(sub);
    return sub;
  };
  const raise = async (account: { id: string }, title: string): Promise<AlertEvent> => {
    const alert = await s.db.prisma.alert.create({
      data: { accountId: account.id, rule: 'OVERDUE', dedupKey: `overdue:${title}`, severity: 2, title, evidence: {} },
    });
    const event = { id: alert.id, accountId: account.id, rule: alert.rule, severity: alert.severity, title, status: alert.status };
    await s.services.events.alertRaised(event);
    return event;
  };

  beforeAll(async () => {
    s = await startDeliveryTestServer(kind);
    const make = async (name: string) => {
      const a = await s.db.prisma.account.create({ data: { name, currency: 'EUR' } });
      return { id: a.id, gid: encodeGlobalID('Account', a.id) };
    };
    acme = await make('Acme Tools');
    globex = await make('Globex Supply');
  });
  afterAll(async () => {
    await Promise.all(open.map((sub) => sub.close()));
    await s?.close();
  });

  it('delivers a raised alert to a subscriber, loaded from the database', async () => {
    const sub = await subscribe(ALERTS, {}, s.users.SALES.token);
    await waitFor('subscriber listening', () => s.delivery.channel.localListeners('alertRaised') >= 1);
    const event = await raise(acme, 'Invoice 1001 is 45 days overdue');
    const got = await sub.next();
    expect(got.errors).toBeUndefined();
    expect(got.data?.alertRaised).toEqual({
      id: encodeGlobalID('Alert', event.id),
      title: 'Invoice 1001 is 45 days overdue',
      rule: 'OVERDUE',
      severity: 2,
      status: 'OPEN',
      account: { id: acme.gid, name: 'Acme Tools' },
    });
    await sub.close();
    await waitFor('listener removed after close', () => s.delivery.channel.localListeners('alertRaised') === 0);
  });

  it('filters alerts by account', async () => {
    const sub = await subscribe(ALERTS, { accountId: globex.gid }, s.users.CREDIT.token);
    await waitFor('subscriber listening', () => s.delivery.channel.localListeners('alertRaised') >= 1);
    await raise(acme, 'Not for this subscriber');
    await raise(globex, 'Globex over its limit');
    const got = await sub.next();
    expect(got.data?.alertRaised).toMatchObject({ title: 'Globex over its limit', account: { id: globex.gid } });
    await sub.close();
  });

  it('delivers accountUpdated for that account only', async () => {
    const sub = await subscribe(ACCOUNT, { id: acme.gid }, s.users.VIEWER.token);
    await waitFor('subscriber listening', () => s.delivery.channel.localListeners(`accountUpdated:${acme.id}`) >= 1);
    await s.services.events.accountUpdated(globex.id);
    await s.db.prisma.account.update({ where: { id: acme.id }, data: { onHold: true } });
    await s.services.events.accountUpdated(acme.id);
    const got = await sub.next();
    expect(got.data?.accountUpdated).toEqual({ id: acme.gid, name: 'Acme Tools', onHold: true });
    await sub.close();
  });

  it('refuses anonymous subscribers and tokens without accounts:read', async () => {
    const anon = await subscribe(ALERTS, {}, null).then(
      (sub) => sub.next(),
      (err: { body?: string }) => JSON.parse(err.body ?? '{}'),
    );
    expect(errorCodes(anon)).toEqual(['UNAUTHENTICATED']);
    const token = await s.apiToken('ADMIN', ['signals:write']);
    const limited = await subscribe(ALERTS, {}, token).then(
      (sub) => sub.next(),
      (err: { body?: string }) => JSON.parse(err.body ?? '{}'),
    );
    expect(errorCodes(limited)).toEqual(['FORBIDDEN']);
    expect(s.delivery.channel.localListeners('alertRaised')).toBe(0);
  });

  it('says so when live events are not wired (services without the delivery parts)', async () => {
    const plain = createApp(s.db, { ...loadConfig({}), production: true }, createServices(s.db.prisma));
    const res = await plain.yoga.fetch('http://earshot.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${s.users.ADMIN.token}` },
      body: JSON.stringify({ query: 'subscription { alertRaised { id } }' }),
    });
    const body = (await res.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
    expect(body.errors?.[0]).toMatchObject({ message: 'Live events are not enabled on this server', extensions: { code: 'UNAVAILABLE' } });
  });
});
