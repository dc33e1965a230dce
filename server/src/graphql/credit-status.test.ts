/**
 * The credit model's figures end to end (issue 10): what the recompute gives the domain (rates through the
 * reporting currency, the invoice a credit note credits), what it stores, and what CREDIT and SALES read back.
 * The domain's own verdicts are tested in server/src/domain; here only what the service and the API guarantee.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { computePaymentBehaviour, formatMoney, type PaymentBehaviourInput } from '../domain/index.js';
import { DB_KINDS } from '../test-support/databases.js';
import { startDeliveryTestServer, waitFor } from '../test-support/delivery.js';
import { ok, startTestServer, type TestServer } from '../test-support/server.js';

// A pass-through: the calls show what the recompute handed the domain.
vi.mock('../domain/index.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../domain/index.js')>();
  return { ...real, computePaymentBehaviour: vi.fn(real.computePaymentBehaviour) };
});

const DAY = 86400_000;
const STATUS = /* GraphQL */ `
  query ($id: ID!) {
    account(id: $id) {
      creditStatus {
        riskScore trend exposure available overdue creditBalance avgDaysToPay daysBeyondTerms recentDaysBeyondTerms dso bestPossibleDso
        limitUtilisation totalExposure totalOverdue unconvertedCurrencies paidInvoices disputed purchasesVsAnticipated lastPaymentAt
        aging { d1_30 } paymentSeries { month } otherCurrencies { currency }
        currencies { currency exposure openInvoices creditBalance overdue disputed oldestOverdueDays rateToAccountCurrency aging { current d1_30 d31_60 d61_90 d90plus } }
        factors { code label weight detail }
        trendBasis trendSimilarSize trendSentence trendRecentLateness trendBaselineLateness
      }
    }
  }
`;
const FIGURES = [
  'riskScore', 'exposure', 'available', 'overdue', 'creditBalance', 'avgDaysToPay', 'daysBeyondTerms', 'recentDaysBeyondTerms', 'dso',
  'bestPossibleDso', 'limitUtilisation', 'totalExposure', 'totalOverdue', 'unconvertedCurrencies', 'paidInvoices', 'disputed',
  'purchasesVsAnticipated', 'lastPaymentAt', 'aging', 'paymentSeries', 'otherCurrencies', 'currencies', 'trendRecentLateness',
  'trendBaselineLateness',
] as const;

/** The domain's calls for one account (its invoices' ids name it), latest last. */
function domainCallsFor(invoiceId: string): [PaymentBehaviourInput, Date][] {
  return vi
    .mocked(computePaymentBehaviour)
    .mock.calls.filter(([input]) => input.invoices.some((i) => i.id === invoiceId))
    .map(([input, asOf]) => [input, new Date(asOf as Date)]);
}

describe.each(DB_KINDS)('credit model figures through the API on %s', (kind) => {
  let s: TestServer;
  let seq = 0;
  const now = Date.now();
  const daysAgo = (n: number) => new Date(Math.floor(now / DAY) * DAY - n * DAY);

  const account = async (currency: string, creditLimit: string | null = '20000.00') => {
    const name = `Account ${++seq} Ltd`;
    const limit = creditLimit === null ? '' : `, creditLimit: "${creditLimit}"`;
    const gid = ok(await s.as('CREDIT')(`mutation { createAccount(input: { name: "${name}", currency: "${currency}", paymentTermsDays: 30${limit} }) { account { id } } }`))
      .createAccount.account.id as string;
    const { id } = await s.db.prisma.account.findFirstOrThrow({ where: { name } });
    return { gid, id };
  };
  const invoice = (accountId: string, currency: string, amount: string, issuedDaysAgo: number, extra: { appliesTo?: string } = {}) =>
    s.db.prisma.invoice.create({
      data: {
        externalId: `INV-${++seq}`,
        number: `INV-${seq}`,
        accountId,
        currency,
        amount,
        issuedAt: daysAgo(issuedDaysAgo),
        dueAt: daysAgo(issuedDaysAgo - 30),
        appliesTo: extra.appliesTo ?? null,
      },
    });
  const status = async (role: 'CREDIT' | 'SALES', gid: string) => ok(await s.as(role)(STATUS, { id: gid })).account.creditStatus;
  const setRate = async (currency: string, rate: string) =>
    ok(await s.as('ADMIN')(`mutation { setExchangeRate(input: { currency: "${currency}", rate: "${rate}", asOf: "${daysAgo(1).toISOString().slice(0, 10)}" }) { exchangeRate { rate } } }`));

  beforeAll(async () => {
    s = await startTestServer(kind);
  });
  afterAll(() => s?.close());

  it('an account without any row: the whole limit is available, the trend is the domain’s for no history, no reason weighs', async () => {
    const a = await account('EUR', '25000.00');
    // A plan of purchases but nothing bought yet: a new customer, not one "buying 0% of the plan".
    ok(await s.as('CREDIT')(`mutation { updateAccount(input: { id: "${a.gid}", anticipatedMonthlyPurchases: "5000.00" }) { account { id } } }`));
    const cs = await status('CREDIT', a.gid);
    expect(cs).toMatchObject({ exposure: '0.00', available: '25000.00', overdue: '0.00', totalExposure: '0.00', totalOverdue: '0.00', unconvertedCurrencies: [] });
    expect(cs).toMatchObject({ riskScore: 0, factors: [], purchasesVsAnticipated: null });
    // The contract's NO_HISTORY once the trend model lands (domain/payment-trend.ts); the API carries what the domain says.
    const empty = computePaymentBehaviour({ currency: 'EUR', termsDays: 30, creditLimit: 2_500_000, anticipatedMonthlyPurchases: null, invoices: [], payments: [] }, new Date(now));
    expect(cs.trend).toBe(empty.trend);
    expect(cs.limitUtilisation).toBe(empty.limitUtilisation);
  });

  it('an EUR account with a USD invoice 70 days overdue: listed on its own without a rate, converted once a rate is set', async () => {
    const a = await account('EUR');
    await invoice(a.id, 'EUR', '500.00', 10);
    await invoice(a.id, 'USD', '1000.00', 100);
    await s.services.accountChanged(a.id, 'test ledger');

    let cs = await status('CREDIT', a.gid);
    expect(cs.currencies.map((c: { currency: string }) => c.currency)).toEqual(['EUR', 'USD']);
    expect(cs.currencies[1]).toEqual({
      currency: 'USD',
      exposure: '1000.00',
      openInvoices: '1000.00',
      creditBalance: '0.00',
      overdue: '1000.00',
      disputed: '0.00',
      oldestOverdueDays: 70,
      rateToAccountCurrency: null,
      aging: { current: '0.00', d1_30: '0.00', d31_60: '0.00', d61_90: '1000.00', d90plus: '0.00' },
    });
    expect(cs.currencies[0]).toMatchObject({ currency: 'EUR', exposure: '500.00', overdue: '0.00', rateToAccountCurrency: 1 });
    expect(cs).toMatchObject({ unconvertedCurrencies: ['USD'], totalOverdue: '0.00', totalExposure: '500.00' });
    expect(cs.otherCurrencies).toEqual([{ currency: 'USD' }]);

    // Setting the rate recomputes the account (no recompute by hand): 1 USD = 0.9 EUR.
    await setRate('USD', '0.9');
    cs = await status('CREDIT', a.gid);
    expect(cs.currencies[1]).toMatchObject({ currency: 'USD', overdue: '1000.00', oldestOverdueDays: 70, rateToAccountCurrency: 0.9 });
    expect(cs).toMatchObject({ unconvertedCurrencies: [], totalOverdue: '900.00', totalExposure: '1400.00', overdue: '0.00' });
    expect(cs.limitUtilisation).toBe(0.07); // 1,400 of 20,000, every currency counted
    await s.db.prisma.exchangeRate.deleteMany({});
  });

  it('an account in another currency than the reporting one converts through it, and is recomputed when its own rate is set', async () => {
    const a = await account('GBP');
    const eur = await invoice(a.id, 'EUR', '1200.00', 100);
    await s.services.accountChanged(a.id, 'test ledger');
    expect((await status('CREDIT', a.gid)).unconvertedCurrencies).toEqual(['EUR']);
    await setRate('GBP', '1.2'); // 1 GBP = 1.2 EUR, so 1 EUR = 0.8333333333 GBP
    const cs = await status('CREDIT', a.gid);
    expect(cs.currencies[1]).toMatchObject({ currency: 'EUR', rateToAccountCurrency: 0.8333333333 });
    expect(cs).toMatchObject({ unconvertedCurrencies: [], totalOverdue: '1000.00' });
    expect(domainCallsFor(eur.id).at(-1)![0].rates).toEqual({ EUR: 0.8333333333 });

    // A new reporting currency recomputes every account: in USD, neither EUR nor GBP has a rate yet.
    ok(await s.as('ADMIN')(`mutation { updateWorkspaceSettings(input: { reportingCurrency: "USD" }) { workspaceSettings { reportingCurrency } } }`));
    expect((await status('CREDIT', a.gid)).unconvertedCurrencies).toEqual(['EUR']);
    ok(await s.as('ADMIN')(`mutation { updateWorkspaceSettings(input: { reportingCurrency: "EUR" }) { workspaceSettings { reportingCurrency } } }`));
    expect((await status('CREDIT', a.gid)).totalOverdue).toBe('1000.00');
    await s.db.prisma.exchangeRate.deleteMany({});
  });

  it('a batch of recomputes reads the rate table once, and an account in one currency only not at all', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const a = await account('EUR');
      await invoice(a.id, 'USD', '100.00', 40);
      ids.push(a.id);
    }
    const plain = await account('EUR');
    await invoice(plain.id, 'EUR', '100.00', 40);
    const reads = vi.spyOn(s.db.prisma, '$queryRaw');
    // The ledger itself is read with $queryRaw too (services/credit.ts readLedgers): only the rate reads count.
    const rateReads = () => reads.mock.calls.filter(([sql]) => String((sql as { strings?: string[] }).strings ?? sql).includes('ExchangeRate'));
    try {
      await s.services.accountsChanged([...ids, plain.id], 'test batch');
      expect(rateReads()).toHaveLength(1);
      reads.mockClear();
      await s.services.accountChanged(plain.id, 'test one');
      expect(rateReads()).toHaveLength(0);
    } finally {
      reads.mockRestore();
    }
  });

  it('a credit note reaches the domain with the invoice it credits (its row, this account’s only), and its credit is stored', async () => {
    const a = await account('EUR');
    const other = await account('EUR');
    const credited = await invoice(a.id, 'EUR', '1000.00', 60);
    await s.db.prisma.payment.create({ data: { externalId: `PAY-${++seq}`, invoiceId: credited.id, amount: '1000.00', receivedAt: daysAgo(40) } });
    const note = await invoice(a.id, 'EUR', '-3000.00', 20, { appliesTo: credited.externalId });
    // Naming an invoice of another account credits nothing in particular.
    const foreign = await invoice(other.id, 'EUR', '100.00', 20);
    const stray = await invoice(a.id, 'EUR', '-50.00', 10, { appliesTo: foreign.externalId });
    await s.services.accountChanged(a.id, 'test ledger');

    const [input, asOf] = domainCallsFor(note.id).at(-1)!;
    expect(input.invoices.find((i) => i.id === note.id)?.appliesToInvoiceId).toBe(credited.id);
    expect(input.invoices.find((i) => i.id === stray.id)?.appliesToInvoiceId).toBeNull();
    expect(input.invoices.find((i) => i.id === credited.id)?.appliesToInvoiceId).toBeNull();
    expect(input.rates).toEqual({});

    const cs = await status('CREDIT', a.gid);
    const expected = computePaymentBehaviour(input, asOf);
    // Nothing is open to take the credit, whichever way it is applied: the customer is owed all of it.
    expect(cs.creditBalance).toBe('3050.00');
    expect(cs.creditBalance).toBe(formatMoney(expected.creditBalance));
    expect(cs).toMatchObject({ exposure: '0.00', available: '20000.00' });
    expect(cs.paidInvoices).toBe(expected.counts.paidInvoices);
  });

  it('metrics stored before issue 10 still read: the new figures null or derived, the factors in the label’s words for SALES', async () => {
    const a = await account('EUR');
    const old = {
      exposure: '1500.00',
      available: '18500.00',
      overdue: '1000.00',
      aging: { current: '500.00', d1_30: '0.00', d31_60: '1000.00', d61_90: '0.00', d90plus: '0.00' },
      avgDaysToPay: 41.5,
      daysBeyondTerms: 11.5,
      paymentSeries: [{ month: '2026-11', invoiced: '500.00', paid: '0.00', avgDaysToPay: null, daysBeyondTerms: null }],
      purchasesVsAnticipated: null,
      lastPaymentAt: '2026-10-01',
      overLimit: false,
      otherCurrencies: [{ currency: 'USD', exposure: '700.00' }],
    };
    const factors = [{ code: 'OVERDUE_SHARE', label: 'Overdue invoices', weight: 12, detail: '67% of open invoices are past due (EUR 1,000.00)' }];
    const data = { riskLevel: 'LOW' as const, riskScore: 12, trend: 'STABLE' as const, exposure: '1500.00', overdue: '1000.00', behaviour: old, factors, computedAt: new Date() };
    await s.db.prisma.accountMetrics.upsert({ where: { accountId: a.id }, create: { accountId: a.id, ...data }, update: data });

    const cs = await status('CREDIT', a.gid);
    expect(cs).toMatchObject({ exposure: '1500.00', totalExposure: '1500.00', totalOverdue: '1000.00', unconvertedCurrencies: ['USD'], currencies: [], disputed: '0.00' });
    for (const field of ['creditBalance', 'recentDaysBeyondTerms', 'dso', 'bestPossibleDso', 'limitUtilisation', 'paidInvoices'] as const) expect(cs[field], field).toBeNull();
    expect(cs.otherCurrencies).toEqual([{ currency: 'USD' }]);
    expect(cs.factors).toEqual([{ code: 'OVERDUE_SHARE', label: 'Overdue invoices', weight: 12, detail: factors[0]!.detail }]);
    const sales = await status('SALES', a.gid);
    expect(sales.factors).toEqual([{ code: 'OVERDUE_SHARE', label: 'Overdue invoices', weight: null, detail: 'Overdue invoices. The credit team has the figures.' }]);
    expect(sales.totalOverdue).toBeNull();
    // No basis stored yet: the trend's word alone until the next recompute stores what it compared.
    expect(cs).toMatchObject({ trendBasis: null, trendSimilarSize: null, trendSentence: 'No change in payment timing', trendRecentLateness: null });
  });

  it('the trend says what it compared: stored with the status, the figures for CREDIT, the same sentence in words for SALES', async () => {
    const a = await account('EUR', '50000.00');
    // Eight invoices paid 2 days late 3 to 10 months ago, then three paid 30 days late in the last 90 days.
    const paid = async (issuedDaysAgo: number, late: number) => {
      const inv = await invoice(a.id, 'EUR', '1000.00', issuedDaysAgo);
      await s.db.prisma.payment.create({ data: { externalId: `PAY-${++seq}`, invoiceId: inv.id, amount: '1000.00', receivedAt: daysAgo(issuedDaysAgo - 30 - late) } });
    };
    for (const age of [330, 300, 270, 240, 210, 180, 150, 140]) await paid(age, 2);
    for (const age of [110, 100, 90]) await paid(age, 30);
    await s.services.accountChanged(a.id, 'test ledger');
    const stored = (await s.db.prisma.accountMetrics.findUniqueOrThrow({ where: { accountId: a.id } })).behaviour as { trendDetail?: { comparison: string } };
    expect(stored.trendDetail).toMatchObject({ comparison: 'PRIOR_MONTHS', recentLateness: 30, baselineLateness: 2, recentInvoiceCount: 3 });

    const credit = await status('CREDIT', a.gid);
    expect(credit).toMatchObject({ trend: 'SLIPPING', trendBasis: 'PRIOR_MONTHS', trendSimilarSize: false, trendRecentLateness: 30, trendBaselineLateness: 2, recentDaysBeyondTerms: 30 });
    expect(credit.trendSentence).toBe(
      'Paying later than in the previous 275 days (average lateness per invoice, not amount-weighted: 30 days after the due date in the last 90 days, 2 days after the due date then)',
    );
    const sales = await status('SALES', a.gid);
    expect(sales).toMatchObject({ trend: 'SLIPPING', trendBasis: 'PRIOR_MONTHS', trendSimilarSize: false, trendRecentLateness: null, trendBaselineLateness: null });
    expect(sales.trendSentence).toBe('Paying later than in earlier months');
  });

  it('SALES reads every reason in words and none of the figures; CREDIT reads the reasons with figures', async () => {
    const a = await account('EUR', '5000.00');
    for (const age of [150, 120, 100]) await invoice(a.id, 'EUR', '3000.00', age);
    await invoice(a.id, 'USD', '2000.00', 130);
    await s.services.accountChanged(a.id, 'test ledger');
    const stored = (await s.db.prisma.accountMetrics.findUniqueOrThrow({ where: { accountId: a.id } })).factors as { code: string; label: string; detail: string; salesDetail?: string | null }[];
    expect(stored.length).toBeGreaterThan(0);

    const credit = await status('CREDIT', a.gid);
    expect(credit.factors.map((f: { detail: string }) => f.detail)).toEqual(stored.map((f) => f.detail));
    const sales = await status('SALES', a.gid);
    for (const field of FIGURES) expect(sales[field], field).toBeNull();
    expect(sales.trend).toBe(credit.trend);
    for (const f of sales.factors as { code: string; label: string; weight: number | null; detail: string }[]) {
      const own = stored.find((x) => x.code === f.code)!;
      expect(f.weight).toBeNull();
      // The factor's own words (issue 10); metrics without them read the label, which SALES sees anyway.
      expect(f.detail).toBe(own.salesDetail ?? `${own.label}. The credit team has the figures.`);
      if (own.salesDetail) expect(f.detail, f.code).not.toMatch(/\d/);
    }
  });
});

describe.each(DB_KINDS)('a new exchange rate with the job queue on %s', (kind) => {
  let s: Awaited<ReturnType<typeof startDeliveryTestServer>>;
  beforeAll(async () => {
    s = await startDeliveryTestServer(kind);
  });
  afterAll(() => s?.close());

  it('enqueues the recompute of the accounts it converts, and the worker brings their totals up to date', async () => {
    const gid = ok(await s.as('CREDIT')(`mutation { createAccount(input: { name: "Queued Ltd", currency: "EUR", creditLimit: "9000.00" }) { account { id } } }`)).createAccount.account.id;
    const { id } = await s.db.prisma.account.findFirstOrThrow({ where: { name: 'Queued Ltd' } });
    const issued = new Date(Math.floor(Date.now() / DAY) * DAY - 90 * DAY);
    await s.db.prisma.invoice.create({ data: { externalId: 'Q-1', number: 'Q-1', accountId: id, currency: 'USD', amount: '2000.00', issuedAt: issued, dueAt: new Date(issued.getTime() + 30 * DAY) } });
    await s.services.accountChanged(id, 'test ledger');
    const totalOverdue = async () => ok(await s.as('CREDIT')(`query ($id: ID!) { account(id: $id) { creditStatus { totalOverdue } } }`, { id: gid })).account.creditStatus.totalOverdue;
    expect(await totalOverdue()).toBe('0.00');
    ok(await s.as('ADMIN')(`mutation { setExchangeRate(input: { currency: "USD", rate: "0.5", asOf: "2026-11-30" }) { exchangeRate { rate } } }`));
    await waitFor('the recompute job to convert the USD overdue', async () => (await totalOverdue()) === '1000.00');
    const jobs = await s.delivery.boss.findJobs('recompute-accounts', { data: { reason: 'exchangeRate.set' } });
    expect(jobs.map((j) => j.data)).toEqual([{ accountIds: [id], reason: 'exchangeRate.set' }]);
  });
});
