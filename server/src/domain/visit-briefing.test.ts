import { describe, expect, it } from 'vitest';
import { assembleBriefing, assembleBriefings, BRIEFING_CAPS, type CreditFile, NO_PAYMENT_HISTORY, SALES_OMISSIONS } from './visit-briefing.js';

const AS_OF = '2026-12-05T09:00:00.000Z';

function file(over: Partial<CreditFile> = {}): CreditFile {
  return {
    account: {
      name: 'Harbour Tiles Ltd',
      industry: 'Construction',
      country: 'GB',
      website: 'https://harbour-tiles.example',
      keyAccount: true,
      accountManager: 'Sam Seller',
      creditOwner: 'Cora Credit',
      whyTheyBuy: ['Delivery in 48 hours', 'Colour range'],
      ourValue: 'Sole source for glazed tiles',
      alternatives: 'Two importers',
      preferredChannel: 'PHONE',
      preferredTone: 'FRIENDLY',
      paymentTermsDays: 30,
      lastContactAt: '2026-11-20T10:00:00.000Z',
      onHold: false,
      holdReason: null,
      collectionStatus: 'REMINDERS',
      collectionSince: new Date('2026-11-03T00:00:00.000Z'),
      currency: 'GBP',
      creditLimit: '75000.00',
    },
    contacts: [
      { id: 'c1', name: 'Alice Payables', role: 'AP lead', email: 'alice@harbour-tiles.example', phone: null, preferredChannel: 'EMAIL', preferredTone: 'FORMAL', notes: 'Prefers agendas in advance' },
      { id: 'c2', name: 'Bob Owner', role: 'Director', email: null, phone: '+44 20 0000 0000', preferredChannel: 'IN_PERSON', preferredTone: 'BRIEF', notes: null },
    ],
    metrics: {
      riskLevel: 'HIGH',
      riskScore: 61,
      trend: 'SLIPPING',
      computedAt: '2026-12-05T08:00:00.000Z',
      factors: [
        { code: 'OVERDUE_SHARE', label: 'Overdue invoices', weight: 34, detail: '41% of open invoices are past due (GBP 23456.78)' },
        { code: 'PAYMENT_SLIPPING', label: 'Paying later', weight: 27, detail: 'Paying 19 days later than their own norm' },
      ],
      behaviour: {
        exposure: '57123.45',
        available: '17876.55',
        overdue: '23456.78',
        disputed: '4321.09',
        aging: { current: '29345.58', d1_30: '11111.11', d31_60: '7345.67', d61_90: '3000.00', d90plus: '2000.00' },
        avgDaysToPay: 52.3,
        daysBeyondTerms: 22.3,
        paymentSeries: [
          { month: '2026-09', invoiced: '18000.00', paid: '15000.00', avgDaysToPay: 38, daysBeyondTerms: 8 },
          { month: '2026-10', invoiced: '21000.00', paid: '9000.00', avgDaysToPay: 55, daysBeyondTerms: 25 },
        ],
        purchasesVsAnticipated: 0.87,
        lastPaymentAt: '2026-11-28',
        overLimit: false,
        otherCurrencies: [{ currency: 'EUR', exposure: '1234.56' }],
      },
    },
    visit: {
      purpose: 'CREDIT_TERMS_REVIEW',
      status: 'PLANNED',
      scheduledAt: '2026-12-10T10:00:00.000Z',
      place: 'Their office, Portsmouth',
      goals: 'Agree a payment plan\n\n  Hear their outlook for 2027  ',
      organizer: 'Cora Credit',
      attendees: [
        { name: 'Cora Credit', role: 'CREDIT' },
        { name: 'Sam Seller', role: 'SALES' },
      ],
      contactIds: ['c2'],
      questions: [{ id: 'q1', template: 'trading-outlook', text: 'How is trading this year?', asked: false, answer: null }],
    },
    openInvoices: {
      total: 3,
      items: [
        { number: 'INV-1001', currency: 'GBP', amount: '9000.00', outstanding: '8765.43', issuedAt: '2026-08-01', dueAt: '2026-08-31', disputed: false },
        { number: 'INV-1002', currency: 'GBP', amount: '4321.09', outstanding: '4321.09', issuedAt: '2026-10-01', dueAt: '2026-10-31', disputed: true },
        { number: 'INV-1003', currency: 'GBP', amount: '12000.00', outstanding: '12000.00', issuedAt: '2026-11-20', dueAt: '2026-12-20', disputed: false },
      ],
    },
    disputes: {
      total: 1,
      items: [
        {
          kind: 'DELIVERY_PROBLEM',
          status: 'OPEN',
          reason: 'Broken pallet on delivery',
          ownerTeam: 'logistics',
          openedAt: new Date('2026-11-25T00:00:00.000Z'),
          expectedBy: null,
          amount: '4321.09',
          currency: 'GBP',
          invoiceNumbers: ['INV-1002'],
        },
      ],
    },
    creditReports: { total: 2, items: [{ score: 47, rating: 'C+', source: 'Bureau Example', reportedAt: '2026-11-15' }, { score: 58, rating: 'B', source: 'Bureau Example', reportedAt: '2026-05-15' }] },
    bankRecords: {
      total: 2,
      items: [
        { fingerprint: 'fp-new', last4: '9876', bankName: 'Coastal Bank', recordedAt: '2026-11-01' },
        { fingerprint: 'fp-old', last4: '1234', bankName: 'Harbour Bank', recordedAt: '2025-01-01' },
      ],
    },
    signals: {
      total: 2,
      items: [
        { type: 'BANK_CHANGE', severity: 3, sentiment: 'NEGATIVE', source: 'SYSTEM', status: 'OPEN', observedAt: '2026-11-01', note: 'New account ending 9876', author: null },
        { type: 'STAFF_CUTS', severity: 2, sentiment: 'NEGATIVE', source: 'SALES', status: 'OPEN', observedAt: '2026-11-18', note: 'Warehouse shift cut', author: 'Sam Seller' },
      ],
    },
    notes: {
      all: {
        total: 2,
        items: [
          { body: 'Secret: consider cutting the limit', author: 'Cora Credit', visibility: 'CREDIT_ONLY', createdAt: '2026-11-30' },
          { body: 'Friendly call with Bob', author: 'Sam Seller', visibility: 'ALL', createdAt: '2026-11-20' },
        ],
      },
      shared: { total: 1, items: [{ body: 'Friendly call with Bob', author: 'Sam Seller', visibility: 'ALL', createdAt: '2026-11-20' }] },
    },
    pastVisits: {
      total: 1,
      items: [
        {
          purpose: 'INTRODUCTION',
          status: 'FOLLOWED_UP',
          scheduledAt: '2026-06-01T10:00:00.000Z',
          heldAt: '2026-06-01T10:00:00.000Z',
          place: null,
          openActionItems: [{ title: 'Send the new price list', ownerUser: 'Sam Seller', ownerContact: null, dueOn: '2026-06-15', status: 'OPEN' }],
        },
      ],
    },
    actionItems: {
      total: 2,
      items: [
        { title: 'Send the new price list', ownerUser: 'Sam Seller', ownerContact: null, dueOn: '2026-06-15', status: 'OPEN' },
        { title: 'Return signed credit application', ownerUser: null, ownerContact: 'Bob Owner', dueOn: '2026-12-31', status: 'OPEN' },
      ],
    },
    intelRequests: {
      total: 1,
      items: [{ status: 'OPEN', message: 'Anything new at the warehouse?', questions: ['Are they hiring?'], requestedBy: 'Cora Credit', assignedTo: 'Sam Seller', dueAt: '2026-12-08', createdAt: '2026-12-01' }],
    },
    reviews: { total: 1, items: [{ status: 'IN_PROGRESS', dueAt: '2026-12-15', startedAt: '2026-12-01', completedAt: null, reviewer: 'Cora Credit', outcome: null }] },
    reviewsInProgress: [{ startedAt: new Date('2026-12-01T00:00:00.000Z') }],
    ...over,
  };
}

const opts = { preparedAt: AS_OF, preparedBy: 'Cora Credit' };

/** Figures and strings of the credit file that SALES may not see (each appears in the CREDIT copy). */
const CREDIT_ONLY = [
  '75000.00', // limit
  '57123.45', // exposure
  '17876.55', // available
  '23456.78', // overdue (also inside a factor's detail)
  '4321.09', // disputed, a disputed invoice
  '11111.11', // aging
  '8765.43', // an invoice's outstanding
  'INV-1001', // invoice numbers
  '52.3', // average days to pay
  '18000.00', // payment series
  'Bureau Example', // credit reports
  '9876', // bank account's last digits (also in a finance signal's note)
  'Coastal Bank',
  'Secret: consider cutting the limit', // CREDIT_ONLY note
  '"riskScore":61',
  '"weight":34',
  'Paying 19 days later',
  '1234.56', // other currency exposure
];

describe('assembleBriefing (the CREDIT copy)', () => {
  const b = assembleBriefing(file(), opts);

  it('keeps the visit: purpose in words, goals one per line, our attendees, the contacts met with their preferences, the questions', () => {
    expect(b.visit).toMatchObject({ purposeLabel: 'Credit terms review', scheduledAt: '2026-12-10T10:00:00.000Z', place: 'Their office, Portsmouth' });
    expect(b.visit.goals).toEqual(['Agree a payment plan', 'Hear their outlook for 2027']);
    expect(b.visit.attendees.map((a) => a.name)).toEqual(['Cora Credit', 'Sam Seller']);
    expect(b.visit.contacts).toEqual([expect.objectContaining({ name: 'Bob Owner', preferredChannel: 'IN_PERSON', preferredTone: 'BRIEF', meeting: true })]);
    expect(b.visit.questions).toEqual([{ text: 'How is trading this year?', asked: false, answer: null }]);
  });

  it('keeps the account: why they buy, value, alternatives, preferences, terms, credit actions in words, contacts met first', () => {
    expect(b.account).toMatchObject({ name: 'Harbour Tiles Ltd', keyAccount: true, whyTheyBuy: ['Delivery in 48 hours', 'Colour range'], paymentTermsDays: 30 });
    expect(b.account.creditActions).toEqual([
      'In collection (reminders), started 3 Nov 2026',
      'Review in progress, started 1 Dec 2026',
      'Delivery problem, with logistics since 25 Nov 2026 (10 days)',
    ]);
    expect(b.account.contacts.map((c) => [c.name, c.meeting])).toEqual([
      ['Bob Owner', true],
      ['Alice Payables', false],
    ]);
  });

  it('states the status with the panel’s words, the score and the reasons heaviest first', () => {
    expect(b.status).toMatchObject({ riskLevel: 'HIGH', riskLevelLabel: 'High risk', riskScore: 61, trend: 'SLIPPING', trendLabel: 'Paying later', summary: 'High risk; paying later' });
    expect(b.status.reasons.map((r) => r.weight)).toEqual([34, 27]);
    expect(b.status.paymentPattern).toMatch(/^Paying later than usual/);
  });

  it('keeps the ledger position with aging, the open invoices marked disputed, disputes with amounts, the monthly trend', () => {
    expect(b.ledger).toMatchObject({ currency: 'GBP', creditLimit: '75000.00', exposure: '57123.45', overdue: '23456.78', disputed: '4321.09', averageDaysToPay: 52.3, daysBeyondTerms: 22.3 });
    expect(b.ledger?.aging.d1_30).toBe('11111.11');
    expect(b.openInvoices?.total).toBe(3);
    expect(b.openInvoices?.items.map((i) => [i.number, i.daysPastDue, i.disputed])).toEqual([
      ['INV-1001', 96, false],
      ['INV-1002', 35, true],
      ['INV-1003', 0, false],
    ]);
    expect(b.disputes.items[0]).toMatchObject({ summary: 'Delivery problem, with logistics since 25 Nov 2026 (10 days)', amount: '4321.09', invoiceNumbers: ['INV-1002'] });
    expect(b.paymentTrend?.months.map((m) => m.month)).toEqual(['2026-09', '2026-10']);
  });

  it('keeps credit reports and bank changes (the first record is the baseline, not a change)', () => {
    expect(b.creditReports?.items.map((r) => r.score)).toEqual([47, 58]);
    expect(b.bankChanges?.items.map((r) => [r.last4, r.changed])).toEqual([
      ['9876', true],
      ['1234', false],
    ]);
  });

  it('keeps signals, every note, past visits with their open action items, open action items flagged overdue, intel requests, reviews', () => {
    expect(b.signals.items.map((s) => s.label)).toEqual(['Bank details changed', 'Staff cuts']);
    expect(b.notes.items.map((n) => n.visibility)).toEqual(['CREDIT_ONLY', 'ALL']);
    expect(b.pastVisits.items[0]?.openActionItems[0]).toMatchObject({ title: 'Send the new price list', owner: 'Sam Seller', overdue: true });
    expect(b.actionItems.items.map((a) => [a.owner, a.overdue])).toEqual([
      ['Sam Seller', true],
      ['Bob Owner', false],
    ]);
    expect(b.intelRequests.items[0]).toMatchObject({ questions: ['Are they hiring?'], assignedTo: 'Sam Seller', dueAt: '2026-12-08T00:00:00.000Z' });
    expect(b.reviews.items[0]).toMatchObject({ status: 'IN_PROGRESS', reviewer: 'Cora Credit' });
  });

  it('is plain JSON: dates as ISO strings, nothing lost in a round trip', () => {
    expect(JSON.parse(JSON.stringify(b))).toEqual(b);
    expect(b.preparedAt).toBe(AS_OF);
    expect(b.omitted).toEqual([]);
  });
});

describe('the SALES copy', () => {
  const { CREDIT, SALES } = assembleBriefings(file(), opts);
  const salesJson = JSON.stringify(SALES);
  const creditJson = JSON.stringify(CREDIT);

  it.each(CREDIT_ONLY)('leaves out %s (which the CREDIT copy has)', (needle) => {
    expect(creditJson).toContain(needle);
    expect(salesJson).not.toContain(needle);
  });

  it('names what it left out, and nulls the figure sections', () => {
    expect(SALES.audience).toBe('SALES');
    expect(SALES.omitted).toEqual([...SALES_OMISSIONS]);
    expect([SALES.ledger, SALES.openInvoices, SALES.paymentTrend, SALES.creditReports, SALES.bankChanges, SALES.status.riskScore]).toEqual([null, null, null, null, null, null]);
  });

  it('keeps the words: level, trend, summary, reasons’ labels heaviest first, disputes in words, finance signals in words', () => {
    expect(SALES.status).toMatchObject({ riskLevelLabel: 'High risk', trendLabel: 'Paying later', summary: 'High risk; paying later' });
    expect(SALES.status.reasons).toEqual([
      { code: 'OVERDUE_SHARE', label: 'Overdue invoices', weight: null, detail: null },
      { code: 'PAYMENT_SLIPPING', label: 'Paying later', weight: null, detail: null },
    ]);
    expect(SALES.disputes.items[0]).toMatchObject({ summary: 'Delivery problem, with logistics since 25 Nov 2026 (10 days)', amount: null, invoiceNumbers: null });
    expect(SALES.signals.items.map((s) => s.note)).toEqual(['Bank details changed. The credit team has the details.', 'Warehouse shift cut']);
    expect(SALES.notes).toEqual({ total: 1, items: [expect.objectContaining({ body: 'Friendly call with Bob', visibility: 'ALL' })] });
  });

  it('keeps the sections anyone reading the account sees', () => {
    expect(SALES.visit).toEqual(CREDIT.visit);
    expect(SALES.account).toEqual(CREDIT.account);
    expect(SALES.pastVisits).toEqual(CREDIT.pastVisits);
    expect(SALES.actionItems).toEqual(CREDIT.actionItems);
    expect(SALES.intelRequests).toEqual(CREDIT.intelRequests);
    expect(SALES.reviews).toEqual(CREDIT.reviews);
  });

  it('holds no figure in the status’s words', () => {
    const { riskLevelLabel, trendLabel, summary, paymentPattern, reasons } = SALES.status;
    expect(JSON.stringify({ riskLevelLabel, trendLabel, summary, paymentPattern, reasons })).not.toMatch(/\d|%/);
  });
});

describe('an empty account', () => {
  const empty = file({
    metrics: {
      riskLevel: 'LOW',
      riskScore: 0,
      trend: 'STABLE',
      computedAt: AS_OF,
      factors: [],
      behaviour: {
        exposure: '0.00',
        available: '75000.00',
        overdue: '0.00',
        disputed: '0.00',
        aging: { current: '0.00', d1_30: '0.00', d31_60: '0.00', d61_90: '0.00', d90plus: '0.00' },
        avgDaysToPay: null,
        daysBeyondTerms: null,
        paymentSeries: [],
        purchasesVsAnticipated: null,
        lastPaymentAt: null,
        overLimit: false,
        otherCurrencies: [],
      },
    },
    openInvoices: { total: 0, items: [] },
    disputes: { total: 0, items: [] },
    creditReports: { total: 0, items: [] },
    bankRecords: { total: 0, items: [] },
    signals: { total: 0, items: [] },
    notes: { all: { total: 0, items: [] }, shared: { total: 0, items: [] } },
    pastVisits: { total: 0, items: [] },
    actionItems: { total: 0, items: [] },
    intelRequests: { total: 0, items: [] },
    reviews: { total: 0, items: [] },
    reviewsInProgress: [],
  });

  it('says there is no payment history yet, never "steady payer"', () => {
    const { CREDIT, SALES } = assembleBriefings(empty, opts);
    for (const b of [CREDIT, SALES]) {
      expect(b.status.trendLabel).toBe(NO_PAYMENT_HISTORY);
      expect(b.status.trend).toBeNull();
      expect(b.status.paymentPattern).toBe(NO_PAYMENT_HISTORY);
      expect(JSON.stringify(b)).not.toMatch(/steady/i);
    }
    expect(CREDIT.paymentTrend).toEqual({ currency: 'GBP', months: [], detail: NO_PAYMENT_HISTORY });
  });

  it('says "not assessed yet" without metrics, and the ledger is zero with the limit available', () => {
    const b = assembleBriefing({ ...empty, metrics: null }, opts);
    expect(b.status).toMatchObject({ riskLevel: null, riskLevelLabel: 'Not assessed yet', riskScore: null, trendLabel: NO_PAYMENT_HISTORY, reasons: [] });
    expect(b.ledger).toMatchObject({ exposure: '0.00', available: '75000.00', averageDaysToPay: null });
  });
});

describe('the status agrees with the credit status it quotes', () => {
  const base = file();
  const metrics = base.metrics!;
  // Paid on time every month (days to pay = the 30-day terms), and one invoice 100 days past due still open.
  const onTime = Array.from({ length: 9 }, (_, i) => ({ month: `2026-0${i + 1}`, invoiced: '1000.00', paid: '1000.00', avgDaysToPay: 30, daysBeyondTerms: 0 }));
  const oneLongOverdue = (trend: 'STABLE' | 'IMPROVING' | 'SLIPPING' | 'NO_HISTORY', over: Partial<CreditFile['metrics'] & object> = {}) =>
    file({
      metrics: {
        ...metrics,
        riskLevel: 'LOW',
        trend,
        factors: [],
        behaviour: { ...metrics.behaviour, paymentSeries: onTime, daysBeyondTerms: 0, recentDaysBeyondTerms: 0 },
        ...over,
      },
      openInvoices: { total: 1, items: [{ number: 'INV-9', currency: 'GBP', amount: '9000.00', outstanding: '9000.00', issuedAt: '2026-07-28', dueAt: '2026-08-27', disputed: false }] },
    });

  it('no change in payment timing with one invoice long overdue: the trend’s words beside the overdue invoice, never "paying later than usual"', () => {
    // Before: the review's evidence counted the open invoice at its 130 days so far against the usual 30 and said
    // "Paying later than usual: an invoice is well past due" beside "Low risk; steady payer".
    const { CREDIT, SALES } = assembleBriefings(oneLongOverdue('STABLE'), opts);
    for (const b of [CREDIT, SALES]) {
      expect(b.status).toMatchObject({ summary: 'Low risk; no change in payment timing', trendLabel: 'No change in payment timing', paymentPattern: 'Paying as usual: an invoice is well past due' });
      expect(JSON.stringify(b.status)).not.toMatch(/later/i);
    }
    expect(CREDIT.paymentTrend?.detail).toBe('1 invoice unpaid 100 days past due; the credit status shows them paying as their own norm; paid DBT 0 days over the last 90 days, 0 days over 12 months');
  });

  it('names what the trend compared, in words for both readers, when the status kept it', () => {
    const trendDetail = {
      recentDays: 90,
      baselineDays: 90,
      comparison: 'SAME_SEASON_LAST_YEAR' as const,
      bySize: true,
      recentLateness: 20,
      baselineLateness: 20,
      change: 0,
      threshold: 5,
      recentInvoiceCount: 3,
      baselineInvoiceCount: 4,
      sufficientHistory: true,
      stoppedPaying: false,
    };
    const stored = oneLongOverdue('STABLE');
    const withBasis = file({ ...stored, metrics: { ...stored.metrics!, behaviour: { ...stored.metrics!.behaviour, trendDetail } } });
    const { CREDIT, SALES } = assembleBriefings(withBasis, opts);
    for (const b of [CREDIT, SALES]) {
      expect(b.status.trendLabel).toBe('No change in payment timing against the same months last year, for invoices of similar size');
      expect(b.status.summary).toBe('Low risk; no change in payment timing against the same months last year, for invoices of similar size');
    }
  });

  it('says later or faster only when the trend does', () => {
    expect(assembleBriefing(oneLongOverdue('SLIPPING'), opts).status).toMatchObject({ summary: 'Low risk; paying later', paymentPattern: 'Paying later than usual: an invoice is well past due' });
    expect(assembleBriefing(oneLongOverdue('IMPROVING'), opts).status).toMatchObject({ summary: 'Low risk; paying faster', paymentPattern: 'Paying faster than usual: an invoice is well past due' });
    // Days to pay lengthening month by month, while the trend (paid invoices against their own norm) holds: as usual.
    const longer = onTime.map((m, i) => ({ ...m, avgDaysToPay: i < 6 ? 30 : 60 }));
    const f = file({ metrics: { ...metrics, trend: 'STABLE', behaviour: { ...metrics.behaviour, paymentSeries: longer } }, openInvoices: { total: 0, items: [] } });
    expect(assembleBriefing(f, opts).status).toMatchObject({ trendLabel: 'No change in payment timing', paymentPattern: 'Paying as usual' });
  });

  it('with too little history (NO_HISTORY): no payment history yet, and nothing said of their usual timing', () => {
    const b = assembleBriefing(oneLongOverdue('NO_HISTORY'), opts);
    expect(b.status).toMatchObject({ trend: 'NO_HISTORY', trendLabel: 'No payment history yet', summary: 'Low risk; no payment history yet', paymentPattern: 'An invoice is well past due' });
    expect(JSON.stringify(b.status)).not.toMatch(/steady|as usual/i);
    const quiet = assembleBriefing(file({ metrics: { ...metrics, trend: 'NO_HISTORY' }, openInvoices: { total: 0, items: [] } }), opts);
    expect(quiet.status.paymentPattern).toBe('Not enough payment history to compare');
  });

  it('SALES reads each reason in words when the credit status has them, heaviest first like CREDIT; CREDIT the figures', () => {
    const factors = [
      { code: 'OVERDUE', label: 'Overdue invoices', weight: 20, detail: 'GBP 9,000.00 of GBP 9,000.00 open is past due, the oldest 100 days', salesDetail: 'Several invoices are more than two months overdue' },
      { code: 'DISPUTED', label: 'Disputed invoices', weight: 5, detail: 'GBP 100.00 disputed' },
    ];
    const { CREDIT, SALES } = assembleBriefings(oneLongOverdue('STABLE', { factors }), opts);
    expect(CREDIT.status.reasons.map((r) => r.detail)).toEqual(factors.map((f) => f.detail));
    // Not by label (“Disputed” would come first): the heavier reason leads, without its points.
    expect(SALES.status.reasons).toEqual([
      { code: 'OVERDUE', label: 'Overdue invoices', weight: null, detail: 'Several invoices are more than two months overdue' },
      { code: 'DISPUTED', label: 'Disputed invoices', weight: null, detail: null },
    ]);
  });

  it('the ledger carries the figures of metrics stored since issue 10, and none made up for those stored before', () => {
    const before = assembleBriefing(base, opts).ledger!;
    expect(before).not.toHaveProperty('creditBalance');
    expect(before).not.toHaveProperty('totalOverdue');
    expect(before).not.toHaveProperty('dso');
    expect(before).not.toHaveProperty('limitUtilisation');
    expect(before.otherCurrencies).toEqual([{ currency: 'EUR', exposure: '1234.56' }]);
    const since = file({
      metrics: {
        ...metrics,
        behaviour: {
          ...metrics.behaviour,
          recentDaysBeyondTerms: 31.5,
          creditBalance: '250.00',
          totalExposure: '58000.00',
          totalOverdue: '24000.00',
          unconvertedCurrencies: [],
          dso: 41.2,
          bestPossibleDso: 38.5,
          limitUtilisation: 0.77,
          otherCurrencies: [{ currency: 'EUR', exposure: '1234.56', overdue: '600.00', oldestOverdueDays: 45, rateToAccountCurrency: 0.85 }],
        },
      },
    });
    expect(assembleBriefing(since, opts).ledger).toMatchObject({
      dso: 41.2,
      bestPossibleDso: 38.5,
      limitUtilisation: 0.77,
      daysBeyondTerms: 22.3,
      recentDaysBeyondTerms: 31.5,
      creditBalance: '250.00',
      totalExposure: '58000.00',
      totalOverdue: '24000.00',
      unconvertedCurrencies: [],
      otherCurrencies: [{ currency: 'EUR', exposure: '1234.56', overdue: '600.00', oldestOverdueDays: 45, rateToAccountCurrency: 0.85 }],
    });
  });
});

describe('the ledger in every currency (probe of issue 10: the folder contradicted the panel)', () => {
  const zero = { current: '0.00', d1_30: '0.00', d31_60: '0.00', d61_90: '0.00', d90plus: '0.00' };
  const base = file();
  const m = base.metrics!;
  const chf = { currency: 'CHF', exposure: '9000.00', overdue: '9000.00', oldestOverdueDays: 100, rateToAccountCurrency: null, disputed: '0.00', creditBalance: '0.00', aging: { ...zero, d90plus: '9000.00' } };
  const devaart = file({
    metrics: {
      ...m,
      behaviour: { ...m.behaviour, totalExposure: '16880.26', totalOverdue: '0.00', unconvertedCurrencies: ['CHF'], dso: 41.2, bestPossibleDso: 38.5, limitUtilisation: 0.28, creditBalance: '0.00', otherCurrencies: [chf] },
    },
  });

  it('CREDIT carries the totals, DSO, best possible DSO, the limit in use and each currency’s overdue, oldest days and aging with its rate', () => {
    const ledger = assembleBriefing(devaart, opts).ledger!;
    expect(ledger).toMatchObject({ totalExposure: '16880.26', totalOverdue: '0.00', unconvertedCurrencies: ['CHF'], dso: 41.2, bestPossibleDso: 38.5, limitUtilisation: 0.28 });
    expect(ledger.otherCurrencies).toEqual([chf]);
  });

  it('SALES has none of them, and its list of what was left out says so', () => {
    const { SALES } = assembleBriefings(devaart, opts);
    expect(SALES.ledger).toBeNull();
    expect(SALES.omitted).toContain('Ledger figures and aging in every currency (exposure, overdue, credit balance, limit in use, DSO and best possible DSO)');
    expect(JSON.stringify(SALES)).not.toMatch(/16880|9000\.00|41\.2|38\.5|"dso"|limitUtilisation/);
  });
});

describe('caps', () => {
  it('keeps the total beside the capped rows', () => {
    const invoices = Array.from({ length: BRIEFING_CAPS.openInvoices }, (_, i) => ({
      number: `INV-${i}`,
      currency: 'GBP',
      amount: '10.00',
      outstanding: '10.00',
      issuedAt: '2026-11-01',
      dueAt: '2026-12-01',
      disputed: false,
    }));
    const b = assembleBriefing(file({ openInvoices: { total: 212, items: invoices } }), opts);
    expect(b.openInvoices?.items).toHaveLength(50);
    expect(b.openInvoices?.total).toBe(212);
  });

  it('reads the one extra bank record as the baseline of the oldest shown, without showing it', () => {
    const records = Array.from({ length: BRIEFING_CAPS.bankChanges + 1 }, (_, i) => ({
      fingerprint: i === BRIEFING_CAPS.bankChanges ? 'older' : `fp-${i}`,
      last4: String(1000 + i),
      bankName: null,
      recordedAt: `2026-${String(11 - i).padStart(2, '0')}-01`,
    }));
    const b = assembleBriefing(file({ bankRecords: { total: 30, items: records } }), opts);
    expect(b.bankChanges?.items).toHaveLength(BRIEFING_CAPS.bankChanges);
    expect(b.bankChanges?.items.every((r) => r.changed)).toBe(true);
    expect(b.bankChanges?.total).toBe(30);
  });
});
