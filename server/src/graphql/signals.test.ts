import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from '../test-support/databases.js';
import { ok, startTestServer, type TestServer } from '../test-support/server.js';

const CREATE_SIGNAL = `mutation ($i: CreateSignalInput!) { createSignal(input: $i) { created signal { id type severity sentiment source status note author { email } } } }`;

describe.each(DB_KINDS)('signals, validation and audit on %s', (kind) => {
  let s: TestServer;
  let accountId: string;

  beforeAll(async () => {
    s = await startTestServer(kind);
    accountId = ok(await s.as('CREDIT')(`mutation { createAccount(input: { name: "Umbrella Parts", domains: ["umbrella.example"] }) { account { id } } }`)).createAccount
      .account.id;
  });
  afterAll(() => s?.close());

  it('records a field signal with the taxonomy defaults, attributed to its author', async () => {
    const r = ok(await s.as('SALES')(CREATE_SIGNAL, { i: { accountId, type: 'KEY_PERSON_LEFT', note: 'Their CFO left last week' } }));
    expect(r.createSignal).toMatchObject({
      created: true,
      signal: { type: 'KEY_PERSON_LEFT', severity: 2, sentiment: 'NEGATIVE', source: 'SALES', status: 'OPEN', note: 'Their CFO left last week', author: { email: 'sales@test.earshot.test' } },
    });
  });

  it('creates one signal for one idempotency key, however often it is sent', async () => {
    const input = { accountId, type: 'QUIET', severity: 1, note: 'Car park empty on a Tuesday', idempotencyKey: 'capture-7f1c2a9e-0001' };
    const results = await Promise.all([1, 2, 3].map(() => s.as('SALES')(CREATE_SIGNAL, { i: input })));
    const ids = results.map((r) => ok(r).createSignal.signal.id);
    expect(new Set(ids).size).toBe(1);
    expect(results.filter((r) => ok(r).createSignal.created)).toHaveLength(1);
    expect(await s.db.prisma.signal.count({ where: { idempotencyKey: input.idempotencyKey } })).toBe(1);
  });

  it.each([
    [{ type: 'NOT_A_TYPE' }, /NOT_A_TYPE/, undefined],
    [{ type: 'QUIET', severity: 4 }, /severity: must be 1, 2 or 3/, 'input.severity'],
    [{ type: 'QUIET', note: 'x'.repeat(5001) }, /note: must be at most 5000 characters/, 'input.note'],
    [{ type: 'PAYMENT_SLIPPING' }, /computed from the ledger/, 'input.type'],
    [{ type: 'QUIET', sourceUrl: 'javascript:alert(1)' }, /sourceUrl: must be an http\(s\) URL/, 'input.sourceUrl'],
    [{ type: 'QUIET', observedAt: '2099-01-01T00:00:00Z' }, /observedAt: must not be in the future/, 'input.observedAt'],
    [{ type: 'QUIET', idempotencyKey: 'short' }, /idempotencyKey/, 'input.idempotencyKey'],
  ])('rejects %j with a clear error naming the field', async (bad, message, field) => {
    const before = await s.db.prisma.signal.count();
    const r = await s.as('SALES')(CREATE_SIGNAL, { i: { accountId, ...bad } });
    expect(r.errors?.[0]?.message).toMatch(message);
    if (field) expect(r.errors?.[0]?.extensions?.field).toBe(field);
    expect(await s.db.prisma.signal.count()).toBe(before);
  });

  it.each([
    [{ name: '   ' }, 'input.name: must not be empty'],
    [{ name: 'A', domains: ['not a domain'] }, 'input.domains.0: "not a domain" is not a valid domain (expected e.g. acme.example)'],
    [{ name: 'A', creditLimit: '-5' }, 'input.creditLimit: must not be negative'],
    [{ name: 'A', currency: 'EURO' }, 'input.currency: must be an ISO 4217 code such as EUR or USD'],
    [{ name: 'A', paymentTermsDays: -1 }, 'input.paymentTermsDays: must not be negative'],
    [{ name: 'A', country: 'Germany' }, 'input.country: must be an ISO 3166-1 alpha-2 code such as DE or US'],
  ])('rejects account input %j and writes nothing', async (bad, message) => {
    const before = await s.db.prisma.account.count();
    const r = await s.as('CREDIT')(`mutation ($i: CreateAccountInput!) { createAccount(input: $i) { account { id } } }`, { i: bad });
    expect(r.errors?.[0]?.message).toBe(message);
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await s.db.prisma.account.count()).toBe(before);
  });

  it('rejects a malformed decimal and an unknown enum value before resolving', async () => {
    const r = await s.as('CREDIT')(`mutation { createAccount(input: { name: "A", creditLimit: "12.345" }) { account { id } } }`);
    expect(r.errors?.[0]?.message).toMatch(/at most 2 decimals/);
    const contact = await s.as('CREDIT')(`mutation ($i: CreateContactInput!) { createContact(input: $i) { contact { id } } }`, {
      i: { accountId, name: 'Bob', email: 'bob@', preferredChannel: 'PIGEON' },
    });
    expect(contact.errors?.[0]?.message).toMatch(/PIGEON/);
  });

  it('lets the credit team triage a signal, and sales only their own', async () => {
    const mine = ok(await s.as('SALES')(CREATE_SIGNAL, { i: { accountId, type: 'BUSY' } })).createSignal.signal.id;
    const credits = ok(await s.as('CREDIT')(CREATE_SIGNAL, { i: { accountId, type: 'DISPUTE', note: 'Pricing dispute on INV-1001, owner: Billing' } })).createSignal.signal.id;
    const upd = `mutation ($i: UpdateSignalStatusInput!) { updateSignalStatus(input: $i) { signal { status } } }`;
    expect(ok(await s.as('SALES')(upd, { i: { id: mine, status: 'RESOLVED' } })).updateSignalStatus.signal.status).toBe('RESOLVED');
    expect((await s.as('SALES')(upd, { i: { id: credits, status: 'RESOLVED' } })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(ok(await s.as('CREDIT')(upd, { i: { id: credits, status: 'ACKNOWLEDGED' } })).updateSignalStatus.signal.status).toBe('ACKNOWLEDGED');
    const open = ok(await s.as('CREDIT')(`query ($id: ID!) { account(id: $id) { signals(first: 20, status: OPEN) { totalCount } } }`, { id: accountId }));
    expect(open.account.signals.totalCount).toBe(2); // KEY_PERSON_LEFT and QUIET; BUSY resolved, DISPUTE acknowledged
  });

  it('writes an audit event for every mutation: who, what, when', async () => {
    const events = await s.db.prisma.auditEvent.findMany({ orderBy: { createdAt: 'asc' }, include: { actor: { select: { email: true } } } });
    const actions = events.map((e) => e.action);
    for (const a of ['account.create', 'signal.create', 'signal.updateStatus']) expect(actions).toContain(a);
    const signalEvents = events.filter((e) => e.action === 'signal.create');
    expect(signalEvents.length).toBe(await s.db.prisma.signal.count());
    expect(signalEvents[0]?.actor?.email).toBe('sales@test.earshot.test');
    expect(signalEvents.every((e) => e.createdAt instanceof Date && e.tokenId)).toBe(true);
  });
});
