/**
 * The cached Prisma query plans (plan-cache.ts, issue 12) never hand one viewer what was planned for another: the
 * same document, sent alternately by viewers the API treats differently, answers each as if nothing were cached,
 * while the cache is in fact replaying plans.
 */
import { OPERATIONS } from '@earshot/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthzFixture, buildAuthzFixture, SECRET_NOTE } from '../test-support/authz-fixture.js';
import { DB_KINDS } from '../test-support/databases.js';
import { ok, startTestServer, type TestServer } from '../test-support/server.js';
import { planCacheStats } from './plan-cache.js';

const NOTES = /* GraphQL */ `
  query Notes($id: ID!) { account(id: $id) { notes(first: 10) { totalCount edges { node { body visibility } } } } }
`;
const ALERTS_BY_STATUS = /* GraphQL */ `
  query AlertsByStatus($id: ID!, $status: [AlertStatus!]) {
    account(id: $id) { alerts(first: 20, status: $status) { totalCount edges { node { status } } } }
  }
`;

type NotesAnswer = { account: { notes: { totalCount: number; edges: { node: { body: string; visibility: string } }[] } } };

describe.each(DB_KINDS)('cached query plans on %s', (kind) => {
  let s: TestServer;
  let f: AuthzFixture;

  beforeAll(async () => {
    s = await startTestServer(kind);
    f = await buildAuthzFixture(s);
  });
  afterAll(() => s?.close());

  it('the same document alternately from CREDIT, SALES and tokens without ledger:read: each sees only the notes it may', async () => {
    const creditNoLedger = await s.apiToken('CREDIT', ['accounts:read']);
    const creditLedger = await s.apiToken('CREDIT', ['accounts:read', 'ledger:read']);
    const viewers: [string, string | null, boolean][] = [
      ['CREDIT', s.users.CREDIT.token, true],
      ['SALES', s.users.SALES.token, false],
      ['ADMIN', s.users.ADMIN.token, true],
      ['VIEWER', s.users.VIEWER.token, false],
      ['CREDIT token without ledger:read', creditNoLedger, false],
      ['CREDIT token with ledger:read', creditLedger, true],
    ];
    const hitsBefore = planCacheStats.hits;
    for (let round = 0; round < 3; round++) {
      for (const [name, token, seesSecret] of round % 2 ? [...viewers].reverse() : viewers) {
        const notes = ok(await s.gql<NotesAnswer>(NOTES, { id: f.accountGid }, token)).account.notes;
        const bodies = notes.edges.map((e) => e.node.body);
        expect({ name, secret: bodies.includes(SECRET_NOTE), total: notes.totalCount }).toEqual({ name, secret: seesSecret, total: seesSecret ? 2 : 1 });
        expect(notes.edges.every((e) => seesSecret || e.node.visibility === 'ALL')).toBe(true);
      }
    }
    // The plans were replayed, not planned afresh: the test is about the cache, not around it.
    expect(planCacheStats.hits - hitsBefore).toBeGreaterThanOrEqual(viewers.length * 2);
  });

  it('the sidebar’s AccountCard from SALES after CREDIT (and back) keeps CREDIT_ONLY notes and figures from SALES', async () => {
    for (let i = 0; i < 2; i++) {
      const credit = ok(await s.as('CREDIT')(OPERATIONS.AccountCard, { id: f.accountGid })).account;
      const sales = ok(await s.as('SALES')(OPERATIONS.AccountCard, { id: f.accountGid })).account;
      expect(JSON.stringify(credit.notes)).toContain(SECRET_NOTE);
      expect(JSON.stringify(sales.notes)).not.toContain(SECRET_NOTE);
      expect(credit.creditStatus.exposure).not.toBeNull();
      expect(sales.creditStatus.exposure).toBeNull();
      expect(sales.creditLimit).toBeNull();
    }
  });

  it('a relation’s arguments from variables: each request filters by its own variables', async () => {
    const all = ok(await s.as('CREDIT')(ALERTS_BY_STATUS, { id: f.accountGid, status: null })).account.alerts;
    expect(all.totalCount).toBeGreaterThan(0);
    await s.db.prisma.alert.updateMany({ where: { accountId: f.accountId }, data: { status: 'OPEN' } });
    const first = await s.db.prisma.alert.findFirstOrThrow({ where: { accountId: f.accountId } });
    await s.db.prisma.alert.update({ where: { id: first.id }, data: { status: 'ACKNOWLEDGED' } });
    for (let i = 0; i < 2; i++) {
      for (const status of [['OPEN'], ['ACKNOWLEDGED'], ['OPEN', 'ACKNOWLEDGED'], null] as const) {
        const alerts = ok(await s.as('CREDIT')(ALERTS_BY_STATUS, { id: f.accountGid, status })).account.alerts;
        const statuses = (alerts.edges as { node: { status: string } }[]).map((e) => e.node.status);
        const wanted = status ?? ['OPEN', 'ACKNOWLEDGED'];
        expect(statuses.every((x) => wanted.includes(x as never))).toBe(true);
        expect(alerts.totalCount).toBe(status === null || status.length === 2 ? all.totalCount : status[0] === 'ACKNOWLEDGED' ? 1 : all.totalCount - 1);
      }
    }
  });
});
