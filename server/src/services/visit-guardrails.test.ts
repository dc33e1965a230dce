/**
 * The guardrail check against the database's customers: another customer's name and domain are flagged, the
 * visited customer's never, and a customer created after the index was built is picked up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../test-support/databases.js';
import { checkVisitText, customerIndex } from './visit-guardrails.js';

describe.each(DB_KINDS)('checkVisitText on %s', (kind) => {
  let db: TestDatabase;
  let visitedId: string;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    const visited = await db.prisma.account.create({
      data: { name: 'Nordwind Logistics GmbH', currency: 'EUR', domains: { create: [{ domain: 'nordwind-logistics.example' }] } },
    });
    visitedId = visited.id;
    await db.prisma.account.create({ data: { name: 'Nordwind', currency: 'EUR' } });
    await db.prisma.account.create({ data: { name: 'Summit Foods Ltd', currency: 'EUR', domains: { create: [{ domain: 'summit-foods.example' }] } } });
    await db.prisma.account.create({ data: { name: 'Orange', currency: 'EUR' } });
    await db.prisma.account.create({ data: { name: 'Tannhof Metallbau GmbH', currency: 'EUR' } });
  });
  afterAll(() => db?.drop());

  const check = (text: string, recheckMs?: number) => checkVisitText(db.prisma, { accountId: visitedId, text }, recheckMs === undefined ? {} : { recheckMs });

  it("flags another customer's name and domain from the database, never the visited customer's", async () => {
    const text = 'Nordwind Logistics (nordwind-logistics.example) said Summit Foods pays in 30 days; ask ana@summit-foods.example. Nordwind is growing. Orange juice? orange juice. Like Orange, Tannhof pays faster.';
    const flags = await check(text);
    expect(flags.map((f) => [f.kind, f.excerpt])).toEqual([
      ['OTHER_CUSTOMER', 'Summit Foods'],
      ['OTHER_CUSTOMER', 'ana@summit-foods.example'],
      ['OTHER_CUSTOMER', 'Orange'],
      ['OTHER_CUSTOMER', 'Tannhof'],
    ]);
    expect(flags[0]?.reason).toBe('"Summit Foods Ltd" is another customer: leave other customers out of the conversation and the e-mail.');
    expect(flags[1]?.reason).toBe('summit-foods.example belongs to another customer (Summit Foods Ltd): leave other customers out of the conversation and the e-mail.');
    expect(await check('We will extend your limit, I promise.')).toMatchObject([
      { kind: 'COMMITMENT', excerpt: 'We will extend your limit' },
      { kind: 'COMMITMENT', excerpt: 'I promise' },
    ]);
    expect(await check('   ')).toEqual([]);
  });

  it('picks up an account created, renamed or deleted and a domain added or removed, on the next check', async () => {
    await customerIndex(db.prisma);
    const excerpts = async (text: string) => (await check(text, 0)).map((f) => f.excerpt);
    const text = 'Brightline Trading asked about our terms; see brightline.example. Keller Bau too.';
    expect(await excerpts(text)).toEqual([]);
    const created = await db.prisma.account.create({ data: { name: 'Brightline Trading', currency: 'EUR' } });
    expect(await excerpts(text)).toEqual(['Brightline Trading']);
    const domain = await db.prisma.accountDomain.create({ data: { accountId: created.id, domain: 'brightline.example' } });
    expect(await excerpts(text)).toEqual(['Brightline Trading', 'brightline.example']);
    await db.prisma.account.update({ where: { id: created.id }, data: { name: 'Keller Bau' } });
    expect(await excerpts(text)).toEqual(['brightline.example', 'Keller Bau']);
    await db.prisma.accountDomain.delete({ where: { id: domain.id } });
    expect(await excerpts(text)).toEqual(['Keller Bau']);
    await db.prisma.account.delete({ where: { id: created.id } });
    expect(await excerpts(text)).toEqual([]);
  });

  it('reads the visited customer fresh: under a new name, the names it contains are its own', async () => {
    const text = 'Summit Foods Europe ordered more.';
    await db.prisma.account.update({ where: { id: visitedId }, data: { name: 'Nordwind Logistics GmbH' } });
    expect((await check(text, 60_000)).map((f) => f.excerpt)).toEqual(['Summit Foods']);
    await db.prisma.account.update({ where: { id: visitedId }, data: { name: 'Summit Foods Europe' } });
    expect(await check(text, 60_000)).toEqual([]);
    await db.prisma.account.update({ where: { id: visitedId }, data: { name: 'Nordwind Logistics GmbH' } });
  });

  it('checks a 20,000-character text against 20,000 accounts', { timeout: 120_000 }, async () => {
    // Imported an hour ago: a later check patches the index with what changed since, not these.
    const anHourAgo = new Date(Date.now() - 3_600_000);
    const rows = Array.from({ length: 20_000 }, (_, i) => ({ name: `Load Test ${i.toString(36)} Trading Ltd`, currency: 'EUR', createdAt: anHourAgo, updatedAt: anHourAgo }));
    for (let i = 0; i < rows.length; i += 5_000) await db.prisma.account.createMany({ data: rows.slice(i, i + 5_000) });
    const t0 = performance.now();
    await customerIndex(db.prisma, { recheckMs: 0 });
    const rebuild = performance.now() - t0;
    const text = `${'We went through the open invoices, the payment trend and their plans for next year. '.repeat(237)}Load Test 9x Trading asked too.`;
    expect(text.length).toBeGreaterThan(19_900);
    expect(text.length).toBeLessThanOrEqual(20_000);
    const t1 = performance.now();
    const flags = await check(text, 60_000);
    const warm = performance.now() - t1;
    expect(flags.map((f) => f.excerpt)).toEqual(['Load Test 9x Trading']);
    await db.prisma.account.create({ data: { name: 'Late Arrival Ltd', currency: 'EUR' } });
    const t2 = performance.now();
    const patched = await check(`${text} Late Arrival too.`, 0);
    const withPatch = performance.now() - t2;
    expect(patched.map((f) => f.excerpt)).toEqual(['Load Test 9x Trading', 'Late Arrival']);
    console.info(
      `checkVisitText on ${kind}, 20,000 accounts, ${text.length}-char text: index rebuild ${rebuild.toFixed(0)} ms, check ${warm.toFixed(0)} ms, check after a new account (marker + patch) ${withPatch.toFixed(0)} ms`,
    );
  });

  it('refuses a text over 20,000 characters and an unknown account', async () => {
    await expect(check('x'.repeat(20_001))).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'text' } });
    await expect(checkVisitText(db.prisma, { accountId: '01900000-0000-7000-8000-000000000000', text: 'hi' })).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
  });
});
