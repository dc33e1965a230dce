/**
 * The sidebar's query must cost a fixed number of SQL statements, however many accounts match and whatever they
 * hold (signals, notes, contacts, alerts): an N+1 shows up here as a count that grows with the matches.
 */
import { OPERATIONS } from '@earshot/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../seed/demo.js';
import { recomputeAccount } from '../services/credit.js';
import { ok, startTestServer, type TestServer } from '../test-support/server.js';

describe('ResolveAccounts and AccountCard (the panel’s queries) on the demo data', () => {
  let s: TestServer;
  let statements = 0;
  let domains: string[];
  let token: string;

  beforeAll(async () => {
    s = await startTestServer('pglite');
    // The demo replaces the test users; sign in as its credit analyst.
    const demo = await seedDemo(s.db.prisma, { password: 'demo-password-1', reset: true });
    token = ok(await s.gql(`mutation { signIn(input: { email: "credit@demo.earshot.test", password: "demo-password-1" }) { token } }`)).signIn.token;
    for (const id of demo.accountIds.slice(0, 6)) await recomputeAccount(s.db.prisma, id);
    const accounts = await s.db.prisma.account.findMany({ where: { id: { in: demo.accountIds.slice(0, 6) } }, include: { domains: true } });
    domains = accounts.map((a) => a.domains[0]!.domain);
    const pglite = s.db.pglite!;
    const query = pglite.query.bind(pglite);
    pglite.query = ((...args: Parameters<typeof query>) => {
      statements++;
      return query(...args);
    }) as typeof pglite.query;
  });
  afterAll(() => s?.close());

  const countFor = async (matchDomains: string[]) => {
    statements = 0;
    const r = ok(await s.gql(OPERATIONS.ResolveAccounts, { context: { domains: matchDomains } }, token));
    expect(r.resolveAccounts).toHaveLength(matchDomains.length);
    return statements;
  };

  it('costs the same few statements for 1, 3 or 6 matched accounts', async () => {
    await countFor(domains.slice(0, 1)); // warm the token's last-used update out of the way
    const one = await countFor(domains.slice(0, 1));
    const three = await countFor(domains.slice(0, 3));
    const six = await countFor(domains.slice(0, 6));
    console.log(`statements: 1 match ${one}, 3 matches ${three}, 6 matches ${six}`);
    // Token, domain look-up, then every matched account with all its relations in one statement (relationJoins;
    // Pothos batches the per-match loads). Measured: 3, 3, 3.
    expect(three).toBe(one);
    expect(six).toBe(one);
    expect(one).toBeLessThanOrEqual(3);
  });

  it('answers AccountCard in one statement after the token’s, open disputes and standing alerts included', async () => {
    // An account with an open dispute: creditActions reads its open disputes (all, oldest first) and the card's
    // `disputes` connection the newest five; `alerts` and `standingAlerts` ask the same list. Before issue 12 the
    // clashing selections cost a second statement.
    const dispute = await s.db.prisma.dispute.findFirst({ where: { status: 'OPEN' }, select: { accountId: true } });
    expect(dispute).not.toBeNull();
    const id = Buffer.from(`Account:${dispute!.accountId}`).toString('base64');
    ok(await s.gql(OPERATIONS.AccountCard, { id }, token));
    statements = 0;
    const card = ok(await s.gql(OPERATIONS.AccountCard, { id }, token)).account;
    console.log(`statements: AccountCard ${statements}`);
    expect(card.creditActions.some((a: { kind: string }) => a.kind === 'DISPUTE_OPEN')).toBe(true);
    expect(card.disputes.totalCount).toBeGreaterThan(0);
    // The token, then the card with everything under it. Measured: 2 (3 before).
    expect(statements).toBeLessThanOrEqual(2);
  });
});
