import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../auth/tokens.js';
import { DB_KINDS } from '../test-support/databases.js';
import { errorCodes, ok, startTestServer, type TestServer } from '../test-support/server.js';

const DAY = 86_400_000;
const daysFromNow = (n: number) => new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate()) + n * DAY);

const STATUS = /* GraphQL */ `
  query ($id: ID!) {
    account(id: $id) {
      creditStatus { exposure overdue disputed aging { d1_30 d31_60 d61_90 } factors { code label detail } }
      creditActions { kind text since }
      invoices(first: 20) { edges { node { id number status } } }
    }
  }
`;
const OPEN = `mutation ($i: OpenDisputeInput!) { openDispute(input: $i) { dispute { id kind reason ownerTeam owner { email } currency amount invoices { number } invoiceCount status summary openedBy { email } } } }`;
const UPDATE = `mutation ($i: UpdateDisputeInput!) { updateDispute(input: $i) { dispute { id ownerTeam reason expectedBy } } }`;
const RESOLVE = `mutation ($i: ResolveDisputeInput!) { resolveDispute(input: $i) { dispute { id status resolution resolvedAt summary } } }`;
const CARD = `mutation ($i: UpdateCustomerCardInput!) { updateCustomerCard(input: $i) { account { id description whyTheyBuy ourValue alternatives preferredChannel preferredTone contactFrequencyDays keyAccount } } }`;
const COLLECTION = `mutation ($i: SetCollectionStatusInput!) { setCollectionStatus(input: $i) { account { collectionStatus collectionSince collectionNote creditActions { kind text since } } } }`;
const CONTACT = `mutation ($i: RecordContactInput!) { recordContact(input: $i) { account { lastContactAt contactOverdue } } }`;

describe.each(DB_KINDS)('disputes, customer card and contact cadence on %s', (kind) => {
  let s: TestServer;
  let gid: string;
  let accountId: string;
  let otherGid: string;
  const inv: Record<string, string> = {};

  const audits = (action: string) => s.db.prisma.auditEvent.count({ where: { action } });
  const status = async () => ok(await s.as('CREDIT')(STATUS, { id: gid })).account;

  beforeAll(async () => {
    s = await startTestServer(kind);
    const create = `mutation ($i: CreateAccountInput!) { createAccount(input: $i) { account { id } } }`;
    gid = ok(await s.as('CREDIT')(create, { i: { name: 'Harbour Freight', domains: ['harbour-freight.example'], currency: 'EUR' } })).createAccount.account.id;
    otherGid = ok(await s.as('CREDIT')(create, { i: { name: 'Inland Haulage', domains: ['inland-haulage.example'] } })).createAccount.account.id;
    accountId = (await s.db.prisma.account.findFirstOrThrow({ where: { name: 'Harbour Freight' } })).id;
    const otherId = (await s.db.prisma.account.findFirstOrThrow({ where: { name: 'Inland Haulage' } })).id;
    await s.db.prisma.account.update({ where: { id: accountId }, data: { accountManagerId: s.users.SALES.id, creditOwnerId: s.users.CREDIT.id } });
    const invoice = (acc: string, number: string, amount: string, dueIn: number) => ({
      accountId: acc,
      externalId: number,
      number,
      currency: 'EUR',
      amount,
      issuedAt: daysFromNow(dueIn - 30),
      dueAt: daysFromNow(dueIn),
    });
    await s.db.prisma.invoice.createMany({
      data: [
        invoice(accountId, 'HF-L', '8400.00', -60),
        invoice(accountId, 'HF-S', '1000.00', -10),
        invoice(accountId, 'HF-N', '2000.00', 15),
        invoice(accountId, 'HF-P', '500.00', -90),
        invoice(otherId, 'IH-1', '700.00', -5),
      ],
    });
    const paid = await s.db.prisma.invoice.findFirstOrThrow({ where: { number: 'HF-P' } });
    await s.db.prisma.payment.create({ data: { externalId: 'HF-P-pay', invoiceId: paid.id, amount: '500.00', receivedAt: daysFromNow(-88) } });
    await s.services.accountChanged(accountId, 'test ledger');
    for (const e of (await status()).invoices.edges) inv[e.node.number] = e.node.id;
    const other = ok(await s.as('CREDIT')(`query ($id: ID!) { account(id: $id) { invoices(first: 5) { edges { node { id } } } } }`, { id: otherGid }));
    inv['IH-1'] = other.account.invoices.edges[0].node.id;
  });
  afterAll(() => s?.close());

  it('counts the 60-days-late invoice as overdue before any dispute', async () => {
    const a = await status();
    expect(a.creditStatus).toMatchObject({ exposure: '11400.00', overdue: '9400.00', disputed: '0.00', aging: { d31_60: '8400.00' } });
    expect(a.creditStatus.factors.map((f: { code: string }) => f.code)).toContain('OVERDUE');
    expect(a.invoices.edges.find((e: { node: { number: string } }) => e.node.number === 'HF-L').node.status).toBe('OVERDUE');
  });

  it('refuses a VIEWER and writes nothing', async () => {
    const r = await s.as('VIEWER')(OPEN, { i: { accountId: gid, kind: 'DISPUTE', reason: 'Price', ownerTeam: 'billing', invoiceIds: [inv['HF-L']] } });
    expect(errorCodes(r)).toEqual(['FORBIDDEN']);
    expect(await s.db.prisma.dispute.count()).toBe(0);
  });

  it.each([
    [{ invoiceIds: [] }, 'input.invoiceIds', /name the invoices concerned, or give an amount/],
    [{ invoiceIds: ['HF-L'], amount: '10.00' }, 'input.amount', /not both/],
    // Sales may not name invoices at all: refused before any is looked at (paid or not, whose: nothing said).
    [{ invoiceIds: ['HF-P'] }, 'input.invoiceIds', /^input\.invoiceIds: only the credit team names the invoices of a dispute/],
    [{ invoiceIds: ['IH-1'] }, 'input.invoiceIds', /^input\.invoiceIds: only the credit team names the invoices of a dispute/],
    [{ invoiceIds: ['not-an-id'] }, 'input.invoiceIds', /not an Invoice id/],
    [{ amount: '-5.00' }, 'input.amount', /must be more than 0/],
    [{ amount: '20000000000.00' }, undefined, /larger than|at most/],
    [{ amount: '10.00', currency: 'USD' }, 'input.currency', /does not use USD/],
    [{ amount: '10.00', reason: '  ' }, 'input.reason', /must not be empty/],
    [{ amount: '10.00', ownerTeam: 'x'.repeat(101) }, 'input.ownerTeam', /at most 100/],
  ])('refuses %j naming the field', async (bad, field, message) => {
    const i = { accountId: gid, kind: 'DISPUTE', reason: 'Price', ownerTeam: 'billing', ...bad } as Record<string, unknown>;
    if (Array.isArray(i.invoiceIds)) i.invoiceIds = (i.invoiceIds as string[]).map((n) => inv[n] ?? n);
    const r = await s.as('SALES')(OPEN, { i });
    expect(r.errors?.[0]?.message).toMatch(message);
    if (field) {
      expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0]?.extensions?.field).toBe(field);
    }
    expect(await s.db.prisma.dispute.count()).toBe(0);
  });

  it('names the invoice, and the open balance, only to credit', async () => {
    const i = { accountId: gid, kind: 'DISPUTE', reason: 'Price', ownerTeam: 'billing' };
    const paid = await s.as('CREDIT')(OPEN, { i: { ...i, invoiceIds: [inv['HF-P']] } });
    expect(paid.errors?.[0]?.message).toBe('input.invoiceIds: HF-P is not open (paid, or a credit note)');
    const foreign = await s.as('CREDIT')(OPEN, { i: { ...i, invoiceIds: [inv['IH-1']] } });
    expect(foreign.errors?.[0]?.message).toMatch(/not invoices of this account/);
    const big = await s.as('CREDIT')(OPEN, { i: { ...i, amount: '11400.01' } });
    expect(big.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.amount' });
    expect(big.errors?.[0]?.message).toBe('input.amount: the open balance in EUR not already in a dispute is smaller (EUR 11,400.00)');
    expect(await s.db.prisma.dispute.count()).toBe(0);
  });

  let disputeId: string;

  it('refuses SALES naming invoices (that takes them out of overdue: credit decides), writing nothing', async () => {
    const r = await s.as('SALES')(OPEN, { i: { accountId: gid, kind: 'DELIVERY_PROBLEM', reason: 'Pallets arrived damaged', ownerTeam: 'logistics', invoiceIds: [inv['HF-L']] } });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.invoiceIds' });
    expect(r.errors?.[0]?.message).toMatch(/only the credit team names the invoices/);
    expect(await s.db.prisma.dispute.count()).toBe(0);
  });

  it('lets credit open a delivery problem on the late invoice, shown in words only, with a signal and an audit event', async () => {
    const r = ok(
      await s.as('CREDIT')(OPEN, { i: { accountId: gid, kind: 'DELIVERY_PROBLEM', reason: 'Pallets arrived damaged', ownerTeam: 'logistics', invoiceIds: [inv['HF-L']] } }),
    ).openDispute.dispute;
    disputeId = r.id;
    expect(r).toMatchObject({
      kind: 'DELIVERY_PROBLEM',
      ownerTeam: 'logistics',
      currency: 'EUR',
      invoiceCount: 1,
      status: 'OPEN',
      summary: expect.stringMatching(/^Delivery problem, with logistics since \d{1,2} [A-Z][a-z]{2} \d{4} \(today\)$/),
      openedBy: { email: s.users.CREDIT.email },
    });
    const signal = await s.db.prisma.signal.findFirstOrThrow({ where: { accountId, type: 'DELIVERY_PROBLEM' } });
    expect(signal).toMatchObject({ source: 'CREDIT', status: 'OPEN', authorId: s.users.CREDIT.id });
    expect(await audits('dispute.open')).toBe(1);
    const credit = ok(await s.as('CREDIT')(`query ($id: ID!) { node(id: $id) { ... on Dispute { amount invoices { number status } } } }`, { id: disputeId })).node;
    expect(credit).toEqual({ amount: '8400.00', invoices: [{ number: 'HF-L', status: 'DISPUTED' }] });
  });

  it('moves the invoice out of overdue and into disputed at once, and names it among the reasons', async () => {
    const a = await status();
    expect(a.creditStatus).toMatchObject({ exposure: '11400.00', overdue: '1000.00', disputed: '8400.00', aging: { d31_60: '0.00' } });
    const codes = a.creditStatus.factors.map((f: { code: string }) => f.code);
    expect(codes).toContain('DISPUTED');
    expect(codes).not.toContain('SIGNAL_DELIVERY_PROBLEM');
    expect(a.creditStatus.factors.find((f: { code: string }) => f.code === 'DISPUTED').detail).toBe('EUR 8,400.00 held up by a delivery problem, owner: logistics');
    expect(a.creditActions).toEqual([expect.objectContaining({ kind: 'DISPUTE_OPEN', text: 'Delivery problem, with logistics' })]);
    const filtered = ok(await s.as('CREDIT')(`query ($id: ID!) { account(id: $id) { overdue: invoices(status: OVERDUE) { edges { node { number } } } disputed: invoices(status: DISPUTED) { edges { node { number } } } } }`, { id: gid })).account;
    expect(filtered.overdue.edges.map((e: { node: { number: string } }) => e.node.number)).toEqual(['HF-S']);
    expect(filtered.disputed.edges.map((e: { node: { number: string } }) => e.node.number)).toEqual(['HF-L']);
  });

  it('shows SALES the reason and credit’s actions in words, never the figures', async () => {
    const a = ok(await s.as('SALES')(STATUS.replace('invoices(first: 20) { edges { node { id number status } } }', ''), { id: gid })).account;
    expect(a.creditStatus).toMatchObject({ exposure: null, overdue: null, disputed: null, aging: null });
    // The reason in words (the factor's sales sentence, or its label in a sentence), never the amount.
    const disputed = a.creditStatus.factors.find((f: { code: string }) => f.code === 'DISPUTED');
    expect(disputed).toMatchObject({ code: 'DISPUTED', label: 'Dispute open' });
    expect(disputed.detail).toMatch(/\w/);
    expect(disputed.detail).not.toMatch(/\d/);
    expect(a.creditActions[0].text).toBe('Delivery problem, with logistics');
  });

  it('refuses a second dispute on the same invoice', async () => {
    const r = await s.as('CREDIT')(OPEN, { i: { accountId: gid, kind: 'DISPUTE', reason: 'Price', ownerTeam: 'billing', invoiceIds: [inv['HF-L']] } });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.invoiceIds' });
    expect(r.errors?.[0]?.message).toMatch(/HF-L is already in an open dispute/);
  });

  it('opens one dispute when two people dispute the same invoice at once', async () => {
    const i = { accountId: gid, kind: 'DISPUTE', reason: 'Quantity short', ownerTeam: 'warehouse', invoiceIds: [inv['HF-S']] };
    const results = await Promise.all([s.as('ADMIN')(OPEN, { i }), s.as('CREDIT')(OPEN, { i })]);
    expect(results.filter((r) => !r.errors).length).toBe(1);
    const refused = results.find((r) => r.errors)!.errors![0]!;
    expect(refused.extensions?.field).toBe('input.invoiceIds');
    expect(refused.message).toMatch(/^input\.invoiceIds: (HF-S is|one of the invoices is) already in an open dispute$/);
    const won = results.find((r) => !r.errors)!.data!.openDispute.dispute.id as string;
    ok(await s.as('CREDIT')(RESOLVE, { i: { disputeId: won, resolution: 'Raised twice by mistake', cancelled: true } }));
  });

  it('lets SALES update it (VIEWER refused), audited', async () => {
    expect(errorCodes(await s.as('VIEWER')(UPDATE, { i: { disputeId, ownerTeam: 'warehouse' } }))).toEqual(['FORBIDDEN']);
    const r = ok(await s.as('SALES')(UPDATE, { i: { disputeId, ownerTeam: 'customer service', expectedBy: '2027-01-15T00:00:00.000Z' } })).updateDispute.dispute;
    expect(r).toMatchObject({ ownerTeam: 'customer service', reason: 'Pallets arrived damaged', expectedBy: '2027-01-15T00:00:00.000Z' });
    expect((await s.as('SALES')(UPDATE, { i: { disputeId } })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input' });
    expect(await audits('dispute.update')).toBe(1);
    const a = await status();
    expect(a.creditStatus.factors.find((f: { code: string }) => f.code === 'DISPUTED').detail).toMatch(/owner: customer service$/);
  });

  it('refuses a SALES user who neither opened, owns nor manages it: no takeover, nothing written', async () => {
    const other = await s.db.prisma.user.create({ data: { email: 'other-sales@test.earshot.test', name: 'Other Sales', role: 'SALES' } });
    const { token } = await issueToken(s.db.prisma, { userId: other.id, kind: 'SESSION', ttlHours: 1 });
    const otherGlobal = ok(await s.gql('{ viewer { id } }', {}, token)).viewer.id;
    const before = await s.db.prisma.dispute.findFirstOrThrow({ where: { status: 'OPEN', kind: 'DELIVERY_PROBLEM' } });
    expect(errorCodes(await s.gql(UPDATE, { i: { disputeId, ownerId: otherGlobal } }, token))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await s.gql(UPDATE, { i: { disputeId, ownerTeam: 'sales' } }, token))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await s.gql(RESOLVE, { i: { disputeId, resolution: 'Closed by me' } }, token))).toEqual(['FORBIDDEN']);
    // The account manager may edit it, but not hand it to someone (they are not its owner).
    expect(errorCodes(await s.as('SALES')(UPDATE, { i: { disputeId, ownerId: otherGlobal } }))).toEqual(['FORBIDDEN']);
    expect(await s.db.prisma.dispute.findUniqueOrThrow({ where: { id: before.id } })).toEqual(before);
    expect(await audits('dispute.update')).toBe(1);
    // Credit may hand it over; then the new owner may hand it on, and back to nobody.
    ok(await s.as('CREDIT')(UPDATE, { i: { disputeId, ownerId: otherGlobal } }));
    ok(await s.gql(UPDATE, { i: { disputeId, ownerId: null } }, token));
    expect((await s.db.prisma.dispute.findUniqueOrThrow({ where: { id: before.id } })).ownerId).toBeNull();
    expect(errorCodes(await s.gql(UPDATE, { i: { disputeId, ownerTeam: 'sales' } }, token))).toEqual(['FORBIDDEN']);
    expect(await audits('dispute.update')).toBe(3);
  });

  it('lets only credit or the owner resolve it, and resolving brings the invoice back into the ordinary figures', async () => {
    expect(errorCodes(await s.as('SALES')(RESOLVE, { i: { disputeId, resolution: 'Re-delivered' } }))).toEqual(['FORBIDDEN']);
    expect((await s.as('CREDIT')(RESOLVE, { i: { disputeId, resolution: '  ' } })).errors?.[0]?.extensions?.field).toBe('input.resolution');
    const r = ok(await s.as('CREDIT')(RESOLVE, { i: { disputeId, resolution: 'Re-delivered; customer will pay by month end' } })).resolveDispute.dispute;
    expect(r).toMatchObject({ status: 'RESOLVED', summary: 'Delivery problem, with customer service: resolved' });
    expect(r.resolvedAt).not.toBeNull();
    const a = await status();
    expect(a.creditStatus).toMatchObject({ exposure: '11400.00', overdue: '9400.00', disputed: '0.00', aging: { d31_60: '8400.00' } });
    expect(a.creditStatus.factors.map((f: { code: string }) => f.code)).not.toContain('DISPUTED');
    expect(a.creditActions).toEqual([]);
    expect((await s.db.prisma.signal.findFirstOrThrow({ where: { accountId, type: 'DELIVERY_PROBLEM' } })).status).toBe('RESOLVED');
    expect(await audits('dispute.resolve')).toBe(2);
    expect((await s.as('CREDIT')(RESOLVE, { i: { disputeId, resolution: 'again' } })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.disputeId' });
  });

  it('shows a dispute given as an amount as disputed without touching overdue; its owner may cancel it, which closes its signal', async () => {
    const opened = ok(
      await s.as('CREDIT')(OPEN, {
        i: { accountId: gid, kind: 'DISPUTE', reason: 'Freight surcharge contested', ownerTeam: 'billing', ownerId: ok(await s.as('SALES')('{ viewer { id } }')).viewer.id, amount: '300.00' },
      }),
    ).openDispute.dispute;
    expect(opened).toMatchObject({ amount: '300.00', invoices: [], invoiceCount: 0, owner: { email: s.users.SALES.email } });
    // An amount names no invoice: shown as disputed, overdue and aging unchanged (overdue = the past-due buckets).
    const during = (await status()).creditStatus;
    expect(during).toMatchObject({ exposure: '11400.00', overdue: '9400.00', disputed: '300.00', aging: { d1_30: '1000.00', d31_60: '8400.00', d61_90: '0.00' } });
    expect(during.factors.find((f: { code: string }) => f.code === 'DISPUTED').detail).toBe('EUR 300.00 disputed (invoices not named), owner: billing');
    const signal = await s.db.prisma.signal.findFirstOrThrow({ where: { accountId, type: 'DISPUTE', status: 'OPEN' } });
    expect(signal.source).toBe('CREDIT');

    const mine = ok(await s.as('SALES')(`{ disputes(filter: { mine: true, status: [OPEN] }) { totalCount edges { node { id amount summary } } } }`)).disputes;
    expect(mine).toEqual({ totalCount: 1, edges: [{ node: { id: opened.id, amount: null, summary: expect.stringMatching(/^Disputed, with billing since .+ \(today\)$/) } }] });
    expect(ok(await s.as('CREDIT')(`{ disputes(filter: { ownerTeam: "BILLING" }) { totalCount } }`)).disputes.totalCount).toBe(1);
    expect(ok(await s.as('CREDIT')(`query ($id: ID!) { account(id: $id) { disputes(first: 5, status: [RESOLVED]) { totalCount } } }`, { id: gid })).account.disputes.totalCount).toBe(1);

    // With two other warning signs the dispute's signal makes three: NEGATIVE_SIGNALS.
    const others = await Promise.all(
      (['STAFF_CUTS', 'KEY_PERSON_LEFT'] as const).map((type) =>
        s.db.prisma.signal.create({ data: { accountId, type, severity: 2, sentiment: 'NEGATIVE', source: 'SALES', observedAt: new Date(), note: 'test' } }),
      ),
    );
    await s.services.accountChanged(accountId, 'test signals');
    const burst = () => s.db.prisma.alert.findFirst({ where: { accountId, rule: 'NEGATIVE_SIGNALS' } });
    expect((await burst())?.status).toBe('OPEN');

    const r = ok(await s.as('SALES')(RESOLVE, { i: { disputeId: opened.id, resolution: 'Raised by mistake', cancelled: true } })).resolveDispute.dispute;
    expect(r.status).toBe('CANCELLED');
    expect((await status()).creditStatus).toMatchObject({ overdue: '9400.00', disputed: '0.00' });
    // Its signal is closed too, and says it was withdrawn: it no longer counts among the open warning signs.
    const closed = await s.db.prisma.signal.findUniqueOrThrow({ where: { id: signal.id } });
    expect(closed.status).toBe('RESOLVED');
    expect(closed.note).toMatch(/withdrawn/);
    expect(await s.db.prisma.signal.count({ where: { accountId, type: { in: ['DISPUTE', 'DELIVERY_PROBLEM'] }, status: { not: 'RESOLVED' } } })).toBe(0);
    expect((await burst())?.status).toBe('RESOLVED');
    await s.db.prisma.signal.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { status: 'RESOLVED' } });
    await s.services.accountChanged(accountId, 'test signals');
  });

  it('lets credit set collection (not SALES), shown to everyone in words', async () => {
    expect(errorCodes(await s.as('SALES')(COLLECTION, { i: { accountId: gid, status: 'REMINDERS' } }))).toEqual(['FORBIDDEN']);
    const on = ok(await s.as('CREDIT')(COLLECTION, { i: { accountId: gid, status: 'REMINDERS', note: 'Second reminder sent' } })).setCollectionStatus.account;
    expect(on).toMatchObject({ collectionStatus: 'REMINDERS', collectionNote: 'Second reminder sent' });
    // The words without the date; the date beside them (the panel says “started 2 days ago (3 Dec 2026)”).
    expect(on.creditActions[0]).toEqual({ kind: 'COLLECTION', text: 'In collection (reminders)', since: on.collectionSince });
    expect(on.collectionSince).toEqual(expect.any(String));
    const sales = ok(await s.as('SALES')(`query ($id: ID!) { account(id: $id) { creditActions { kind text since } } }`, { id: gid })).account;
    expect(sales.creditActions).toEqual([on.creditActions[0]]);
    const off = ok(await s.as('CREDIT')(COLLECTION, { i: { accountId: gid, status: null } })).setCollectionStatus.account;
    expect(off).toMatchObject({ collectionStatus: null, collectionSince: null, creditActions: [] });
    expect(await audits('account.setCollectionStatus')).toBe(2);
  });

  it('lets SALES edit the customer card; VIEWER refused; four reasons refused', async () => {
    const card = {
      accountId: gid,
      description: 'Port logistics for food importers',
      whyTheyBuy: ['Next-day spares', '', 'Our technicians know their cranes', 'Payment terms'],
      ourValue: 'Sole source for crane spares in the region',
      alternatives: 'Two importers, six weeks lead time',
      preferredChannel: 'PHONE',
      preferredTone: 'FRIENDLY',
      contactFrequencyDays: 30,
      keyAccount: true,
    };
    const a = ok(await s.as('SALES')(CARD, { i: card })).updateCustomerCard.account;
    expect(a).toMatchObject({ whyTheyBuy: ['Next-day spares', 'Our technicians know their cranes', 'Payment terms'], keyAccount: true, contactFrequencyDays: 30, preferredChannel: 'PHONE' });
    expect(errorCodes(await s.as('VIEWER')(CARD, { i: { accountId: gid, ourValue: 'x' } }))).toEqual(['FORBIDDEN']);
    const four = await s.as('SALES')(CARD, { i: { accountId: gid, whyTheyBuy: ['a', 'b', 'c', 'd'] } });
    expect(four.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.whyTheyBuy' });
    expect(four.errors?.[0]?.message).toMatch(/at most 3 reasons/);
    expect((await s.as('SALES')(CARD, { i: { accountId: gid, contactFrequencyDays: 0 } })).errors?.[0]?.extensions?.field).toBe('input.contactFrequencyDays');
    expect((await s.as('SALES')(CARD, { i: { accountId: gid, ourValue: 'x'.repeat(5001) } })).errors?.[0]?.extensions?.field).toBe('input.ourValue');
    // Credit's own fields stay credit-only.
    expect(errorCodes(await s.as('SALES')(`mutation ($i: UpdateAccountInput!) { updateAccount(input: $i) { account { id } } }`, { i: { id: gid, onHold: true } }))).toEqual(['FORBIDDEN']);
    expect(await audits('account.updateCustomerCard')).toBe(1);
  });

  it('raises CONTACT_CADENCE for the account manager when the key account goes quiet, and recordContact clears it', async () => {
    await s.db.prisma.account.update({ where: { id: accountId }, data: { lastContactAt: daysFromNow(-47) } });
    await s.services.accountChanged(accountId, 'test quiet');
    const ALERTS = `{ alerts(filter: { mine: true, rule: [CONTACT_CADENCE] }) { edges { node { rule severity detail owner { email } account { name contactOverdue } } } } }`;
    const mine = ok(await s.as('SALES')(ALERTS)).alerts.edges;
    expect(mine).toEqual([
      { node: { rule: 'CONTACT_CADENCE', severity: 1, detail: 'No contact for 47 days; the cadence is every 30 days', owner: { email: s.users.SALES.email }, account: { name: 'Harbour Freight', contactOverdue: true } } },
    ]);
    expect((await s.as('SALES')(CONTACT, { i: { accountId: gid, at: new Date(Date.now() + 3 * DAY).toISOString() } })).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.at',
    });
    expect(errorCodes(await s.as('VIEWER')(CONTACT, { i: { accountId: gid } }))).toEqual(['FORBIDDEN']);
    // A clock 3 minutes ahead is accepted, but the future is never stored.
    const ahead = ok(await s.as('SALES')(CONTACT, { i: { accountId: gid, at: new Date(Date.now() + 3 * 60_000).toISOString() } })).recordContact.account;
    expect(new Date(ahead.lastContactAt).getTime()).toBeLessThanOrEqual(Date.now());
    await s.db.prisma.account.update({ where: { id: accountId }, data: { lastContactAt: daysFromNow(-47) } });
    const after = ok(await s.as('SALES')(CONTACT, { i: { accountId: gid, channel: 'PHONE' } })).recordContact.account;
    expect(after.contactOverdue).toBe(false);
    expect(ok(await s.as('SALES')(ALERTS)).alerts.edges).toEqual([]);
    const alert = await s.db.prisma.alert.findFirstOrThrow({ where: { accountId, rule: 'CONTACT_CADENCE' } });
    expect(alert.status).toBe('RESOLVED');
    // Never backwards: an older contact leaves lastContactAt where it is.
    const older = ok(await s.as('SALES')(CONTACT, { i: { accountId: gid, at: daysFromNow(-20).toISOString() } })).recordContact.account;
    expect(older.lastContactAt).toBe(after.lastContactAt);
    expect(await audits('account.recordContact')).toBe(3);
  });

  it('filters accounts to the viewer’s own (AccountFilter.mine)', async () => {
    const names = async (role: 'SALES' | 'CREDIT' | 'ADMIN') =>
      ok(await s.as(role)(`{ accounts(filter: { mine: true }) { totalCount edges { node { name } } } }`)).accounts.edges.map((e: { node: { name: string } }) => e.node.name);
    expect(await names('SALES')).toEqual(['Harbour Freight']);
    expect(await names('CREDIT')).toEqual(['Harbour Freight']);
    expect(await names('ADMIN')).toEqual([]);
    expect(otherGid).toBeTruthy();
  });

  it('never checks a SALES amount against the balance they may not see (no oracle): the disputed figure is capped at it', async () => {
    const before = (await status()).creditStatus;
    const r = ok(await s.as('SALES')(OPEN, { i: { accountId: gid, kind: 'DISPUTE', reason: 'Whole order contested', ownerTeam: 'sales', amount: '99999.00' } })).openDispute.dispute;
    expect(r.amount).toBeNull();
    const during = (await status()).creditStatus;
    // Exposure 11400.00 with the late invoice's 8400.00 disputed by name: at most the 3000.00 left is disputed by amount.
    expect(during.exposure).toBe(before.exposure);
    expect(during.overdue).toBe(before.overdue);
    expect(Number(during.disputed)).toBeLessThanOrEqual(Number(during.exposure));
    expect(Number(during.disputed) - Number(before.disputed)).toBeLessThanOrEqual(Number(before.exposure) - Number(before.disputed));
    ok(await s.as('CREDIT')(RESOLVE, { i: { disputeId: r.id, resolution: 'Withdrawn', cancelled: true } }));
    expect((await status()).creditStatus.disputed).toBe(before.disputed);
  });
});
