/**
 * The briefing snapshot from a seeded account's credit file, on PGlite and PostgreSQL: every section filled from
 * its own table, the SALES copy without the credit-only rows, a bounded number of queries, and a snapshot that
 * stays as it was when the data changes afterwards (a second call sees the change).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../test-support/databases.js';
import { recomputeAccount } from './credit.js';
import { buildBriefingSnapshot } from './visit-briefing.js';

const NOW = new Date('2026-12-05T09:00:00.000Z');

async function seed(db: TestDatabase) {
  const p = db.prisma;
  const credit = await p.user.create({ data: { email: 'cora@earshot.example', name: 'Cora Credit', role: 'CREDIT' } });
  const sales = await p.user.create({ data: { email: 'sam@earshot.example', name: 'Sam Seller', role: 'SALES' } });
  const account = await p.account.create({
    data: {
      name: 'Harbour Tiles Ltd',
      currency: 'GBP',
      creditLimit: '75000.00',
      paymentTermsDays: 30,
      industry: 'Construction',
      country: 'GB',
      whyTheyBuy: ['Delivery in 48 hours'],
      accountManagerId: sales.id,
      creditOwnerId: credit.id,
      preferredChannel: 'PHONE',
    },
  });
  const bob = await p.contact.create({ data: { accountId: account.id, name: 'Bob Owner', role: 'Director', preferredChannel: 'IN_PERSON', preferredTone: 'BRIEF' } });
  await p.contact.create({ data: { accountId: account.id, name: 'Alice Payables', email: 'alice@harbour-tiles.example' } });
  const inv = (n: number, amount: string, issued: string, due: string) =>
    p.invoice.create({ data: { externalId: `HT-${n}`, accountId: account.id, number: `INV-${n}`, currency: 'GBP', amount, issuedAt: new Date(issued), dueAt: new Date(due) } });
  const paid = await inv(1, '5000.00', '2026-07-01', '2026-07-31');
  await p.payment.create({ data: { externalId: 'HT-P1', invoiceId: paid.id, amount: '5000.00', receivedAt: new Date('2026-08-20') } });
  const partly = await inv(2, '9000.00', '2026-08-01', '2026-08-31');
  await p.payment.create({ data: { externalId: 'HT-P2', invoiceId: partly.id, amount: '234.57', receivedAt: new Date('2026-10-01') } });
  const disputed = await inv(3, '4321.09', '2026-10-01', '2026-10-31');
  await inv(4, '12000.00', '2026-11-20', '2026-12-20');
  await p.dispute.create({
    data: { accountId: account.id, kind: 'DELIVERY_PROBLEM', reason: 'Broken pallet', ownerTeam: 'logistics', currency: 'GBP', openedAt: new Date('2026-11-25'), invoices: { create: [{ invoiceId: disputed.id }] } },
  });
  await p.creditReport.create({ data: { accountId: account.id, score: 47, rating: 'C+', source: 'Bureau Example', reportedAt: new Date('2026-11-15') } });
  await p.bankDetailRecord.create({ data: { accountId: account.id, fingerprint: 'fp-old', last4: '1234', bankName: 'Harbour Bank', recordedAt: new Date('2025-01-01') } });
  await p.bankDetailRecord.create({ data: { accountId: account.id, fingerprint: 'fp-new', last4: '9876', bankName: 'Coastal Bank', recordedAt: new Date('2026-11-01') } });
  await p.signal.create({ data: { accountId: account.id, type: 'BANK_CHANGE', severity: 3, sentiment: 'NEGATIVE', source: 'SYSTEM', observedAt: new Date('2026-11-01'), note: 'New account ending 9876' } });
  await p.signal.create({ data: { accountId: account.id, type: 'STAFF_CUTS', severity: 2, sentiment: 'NEGATIVE', source: 'SALES', authorId: sales.id, observedAt: new Date('2026-11-18'), note: 'Warehouse shift cut' } });
  await p.note.create({ data: { accountId: account.id, authorId: credit.id, body: 'Consider cutting the limit', visibility: 'CREDIT_ONLY' } });
  await p.note.create({ data: { accountId: account.id, authorId: sales.id, body: 'Friendly call with Bob', visibility: 'ALL' } });
  const past = await p.visit.create({
    data: { accountId: account.id, organizerId: credit.id, purpose: 'INTRODUCTION', status: 'FOLLOWED_UP', scheduledAt: new Date('2026-06-01T10:00:00Z'), goals: 'Meet them' },
  });
  await p.actionItem.create({ data: { accountId: account.id, visitId: past.id, title: 'Send the new price list', ownerUserId: sales.id, dueOn: new Date('2026-06-15') } });
  await p.actionItem.create({ data: { accountId: account.id, visitId: past.id, title: 'Done already', ownerUserId: sales.id, dueOn: new Date('2026-06-10'), status: 'DONE' } });
  const visit = await p.visit.create({
    data: {
      accountId: account.id,
      organizerId: credit.id,
      purpose: 'CREDIT_TERMS_REVIEW',
      scheduledAt: new Date('2026-12-10T10:00:00Z'),
      place: 'Their office',
      goals: 'Agree a payment plan\nHear their outlook',
      questions: [{ id: 'q1', template: null, text: 'How is trading?', asked: false, answer: null }],
      attendees: { create: [{ userId: credit.id }, { userId: sales.id }] },
      contacts: { create: [{ contactId: bob.id }] },
    },
  });
  await p.intelRequest.create({ data: { accountId: account.id, requestedById: credit.id, assignedToId: sales.id, questions: [{ id: 'x', text: 'Are they hiring?', kind: 'TEXT' }], message: 'Anything new?' } });
  await p.healthCheck.create({ data: { accountId: account.id, reviewerId: credit.id, status: 'IN_PROGRESS', dueAt: new Date('2026-12-15'), startedAt: new Date('2026-12-01') } });
  await recomputeAccount(p, account.id, { asOf: NOW });
  return { accountId: account.id, visitId: visit.id, creditUserId: credit.id };
}

describe.each(DB_KINDS)('buildBriefingSnapshot on %s', (kind) => {
  let db: TestDatabase;
  let ids: { accountId: string; visitId: string };
  let creditUserId: string;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    ({ creditUserId, ...ids } = await seed(db));
  });
  afterAll(() => db?.drop());

  it('fills every section of the CREDIT copy from the credit file', async () => {
    const { full } = await buildBriefingSnapshot(db.prisma, { ...ids, preparedBy: creditUserId, now: NOW });
    expect(full).toMatchObject({ audience: 'CREDIT', preparedAt: NOW.toISOString(), preparedBy: 'Cora Credit', omitted: [] });
    expect(full.visit).toMatchObject({ purposeLabel: 'Credit terms review', goals: ['Agree a payment plan', 'Hear their outlook'], organizer: 'Cora Credit' });
    expect(full.visit.attendees).toEqual([
      { name: 'Cora Credit', role: 'CREDIT' },
      { name: 'Sam Seller', role: 'SALES' },
    ]);
    expect(full.visit.contacts.map((c) => c.name)).toEqual(['Bob Owner']);
    expect(full.account).toMatchObject({ name: 'Harbour Tiles Ltd', accountManager: 'Sam Seller', creditOwner: 'Cora Credit', whyTheyBuy: ['Delivery in 48 hours'] });
    expect(full.account.creditActions).toEqual(['Review in progress, started 1 Dec 2026', 'Delivery problem, with logistics since 25 Nov 2026 (10 days)']);
    expect(full.status.riskScore).toEqual(expect.any(Number));
    expect(full.status.reasons.length).toBeGreaterThan(0);
    // Exposure: 8765.43 + 4321.09 + 12000.00 (the partly paid, the disputed and the not yet due).
    expect(full.ledger).toMatchObject({ currency: 'GBP', creditLimit: '75000.00', exposure: '25086.52', disputed: '4321.09', available: '49913.48' });
    // The figures the panel shows, from the recomputed metrics (a folder never contradicts the panel).
    expect(full.ledger).toMatchObject({ totalExposure: '25086.52', totalOverdue: '8765.43', unconvertedCurrencies: [], creditBalance: '0.00', otherCurrencies: [] });
    expect(full.ledger?.limitUtilisation).toBeCloseTo(25086.52 / 75000, 2);
    expect(full.ledger?.dso).toEqual(expect.any(Number));
    expect(full.ledger).toHaveProperty('bestPossibleDso');
    expect(full.openInvoices?.total).toBe(3);
    expect(full.openInvoices?.items.map((i) => [i.number, i.outstanding, i.disputed])).toEqual([
      ['INV-2', '8765.43', false],
      ['INV-3', '4321.09', true],
      ['INV-4', '12000.00', false],
    ]);
    expect(full.disputes.items[0]).toMatchObject({ amount: '4321.09', invoiceNumbers: ['INV-3'], summary: 'Delivery problem, with logistics since 25 Nov 2026 (10 days)' });
    expect(full.paymentTrend?.months.length).toBeGreaterThan(0);
    expect(full.creditReports?.items).toEqual([{ score: 47, rating: 'C+', source: 'Bureau Example', reportedAt: '2026-11-15T00:00:00.000Z' }]);
    expect(full.bankChanges?.items.map((b) => [b.last4, b.changed])).toEqual([
      ['9876', true],
      ['1234', false],
    ]);
    expect(full.signals.items.map((s) => s.type)).toEqual(['STAFF_CUTS', 'BANK_CHANGE']);
    expect(full.notes.total).toBe(2);
    expect(full.pastVisits.items).toEqual([expect.objectContaining({ purposeLabel: 'Introduction', openActionItems: [expect.objectContaining({ title: 'Send the new price list', overdue: true })] })]);
    expect(full.actionItems).toMatchObject({ total: 1, items: [{ title: 'Send the new price list', owner: 'Sam Seller' }] });
    expect(full.intelRequests.items).toEqual([expect.objectContaining({ questions: ['Are they hiring?'], assignedTo: 'Sam Seller', message: 'Anything new?' })]);
    expect(full.reviews.items).toEqual([expect.objectContaining({ status: 'IN_PROGRESS', reviewer: 'Cora Credit' })]);
  });

  it('gives the SALES copy without the credit-only rows', async () => {
    const { sales } = await buildBriefingSnapshot(db.prisma, { ...ids, preparedBy: 'Cora Credit', now: NOW });
    const json = JSON.stringify(sales);
    for (const needle of ['25086.52', '8765.43', '4321.09', '75000.00', 'Bureau Example', '9876', 'Coastal Bank', 'Consider cutting the limit', 'INV-'])
      expect(json).not.toContain(needle);
    expect(sales.notes.items.map((n) => n.body)).toEqual(['Friendly call with Bob']);
    expect(sales.omitted.length).toBeGreaterThan(0);
  });

  it('uses a fixed number of queries whatever the size of the file', async () => {
    let queries = 0;
    const counting = db.prisma.$extends({
      query: {
        $allOperations: ({ args, query }) => {
          queries++;
          return query(args);
        },
      },
    }) as unknown as typeof db.prisma;
    await buildBriefingSnapshot(counting, { ...ids, preparedBy: null, now: NOW });
    // The open invoices' ids (one raw query), then 11 and 13 reads in parallel, and the preparer: 26, however many rows.
    await buildBriefingSnapshot(counting, { ...ids, preparedBy: creditUserId, now: NOW });
    expect(queries).toBe(25 + 26);
  });

  it('leaves an earlier snapshot as it was when the data changes; a new call sees the change', async () => {
    const first = await buildBriefingSnapshot(db.prisma, { ...ids, preparedBy: 'Cora Credit', now: NOW });
    const frozen = structuredClone(first);
    await db.prisma.note.create({ data: { accountId: ids.accountId, body: 'Paid the partly paid invoice', visibility: 'ALL' } });
    await db.prisma.account.update({ where: { id: ids.accountId }, data: { onHold: true, holdReason: 'Awaiting payment plan' } });
    const second = await buildBriefingSnapshot(db.prisma, { ...ids, preparedBy: 'Cora Credit', now: NOW });
    expect(first).toEqual(frozen);
    expect(second.full.notes.total).toBe(first.full.notes.total + 1);
    expect(second.full.account.creditActions[0]).toBe('On hold: Awaiting payment plan');
    expect(second.sales.status.summary).toMatch(/on hold: Awaiting payment plan$/);
  });
});
