/**
 * Builders for the shapes the service worker sends, for component tests and the screenshot harness only.
 * Components never import this file.
 */
import type { AccountMatchData, PendingSignal, PendingVisitNotes, SessionUser, TabState } from '@/lib/messages';
import type { AccountCardData, CreditStatusData, DisputeData, IntelRequestData } from '@/lib/types';

export const NOW = new Date('2026-05-20T10:00:00Z');

const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();

export const creditUser: SessionUser = { id: 'U1', name: 'Carla Credit', email: 'carla@ourco.example', role: 'CREDIT' };
export const salesUser: SessionUser = { id: 'U2', name: 'Sam Sales', email: 'sam@ourco.example', role: 'SALES' };

export function creditStatus(overrides: Partial<CreditStatusData> = {}): CreditStatusData {
  const status = baseStatus(overrides);
  // One currency: the totals are the account currency's own figures unless a test says otherwise.
  return {
    ...status,
    totalExposure: 'totalExposure' in overrides ? (overrides.totalExposure ?? null) : status.exposure,
    totalOverdue: 'totalOverdue' in overrides ? (overrides.totalOverdue ?? null) : status.overdue,
  };
}

function baseStatus(overrides: Partial<CreditStatusData>): CreditStatusData {
  const months = ['2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05'];
  const days = [31, 33, 30, 35, null, 38, 41, 40, 46, 49, 52, 57];
  return {
    riskLevel: 'HIGH',
    riskScore: 68,
    trend: 'SLIPPING',
    // As the server says it to the credit team (server/src/domain/trend-sentence.ts).
    trendBasis: 'PRIOR_MONTHS',
    trendSentence:
      'Paying later than in the previous 275 days (average lateness per invoice, not amount-weighted: 23 days after the due date in the last 90 days, 11 days after the due date then)',
    onHold: false,
    exposure: '182450.00',
    available: '17550.00',
    overdue: '48200.50',
    disputed: null,
    avgDaysToPay: 57,
    daysBeyondTerms: 12,
    computedAt: daysAgo(0.1),
    factors: [
      {
        code: 'DBT_RISING',
        label: 'Paying later',
        weight: 30,
        detail:
          'Paying 12 days later than their own norm (average lateness per invoice, not amount-weighted, last 90 days: 23 days after the due date; before that: 11 days after the due date)',
      },
      { code: 'UTILISATION', label: 'Near the limit', weight: 20, detail: '91% of the credit limit used' },
      { code: 'NEGATIVE_SIGNALS', label: 'Negative field signals', weight: 13, detail: '2 in the last 30 days' },
      { code: 'INDUSTRY', label: 'Industry on watch', weight: 5, detail: null },
    ],
    aging: { current: '98000.00', d1_30: '36249.50', d31_60: '30100.00', d61_90: '12100.50', d90plus: '6000.00' },
    paymentSeries: months.map((month, i) => ({
      month,
      invoiced: '30000.00',
      paid: '28000.00',
      avgDaysToPay: days[i] ?? null,
      daysBeyondTerms: days[i] == null ? null : Math.max(0, (days[i] ?? 0) - 30),
    })),
    // The detail (AccountCreditDetail): one currency, nothing owed to the customer.
    creditBalance: '0.00',
    recentDaysBeyondTerms: 22,
    dso: 61.4,
    bestPossibleDso: 33.2,
    limitUtilisation: 0.912,
    unconvertedCurrencies: [],
    paidInvoices: 41,
    currencies: [
      {
        currency: 'GBP',
        exposure: '182450.00',
        overdue: '48200.50',
        disputed: '0.00',
        creditBalance: '0.00',
        oldestOverdueDays: 97,
        rateToAccountCurrency: 1,
        aging: { current: '98000.00', d1_30: '36249.50', d31_60: '30100.00', d61_90: '12100.50', d90plus: '6000.00' },
      },
    ],
    ...overrides,
  };
}

/** A new customer: no invoice paid yet (NO_HISTORY), nothing open, the whole limit available. */
export function noHistoryStatus(overrides: Partial<CreditStatusData> = {}): CreditStatusData {
  return creditStatus({
    riskLevel: 'LOW',
    riskScore: 0,
    trend: 'NO_HISTORY',
    trendBasis: null,
    trendSentence: 'No payment history yet',
    exposure: '0.00',
    available: '200000.00',
    overdue: '0.00',
    avgDaysToPay: null,
    daysBeyondTerms: null,
    factors: [],
    aging: { current: '0.00', d1_30: '0.00', d31_60: '0.00', d61_90: '0.00', d90plus: '0.00' },
    paymentSeries: [],
    creditBalance: '0.00',
    recentDaysBeyondTerms: null,
    dso: null,
    bestPossibleDso: null,
    limitUtilisation: 0,
    paidInvoices: 0,
    currencies: [],
    ...overrides,
  });
}

/** What SALES reads of each fixture factor: the same reason in words, no figures (the server's salesDetail). */
const SALES_WORDS: Readonly<Record<string, string>> = {
  DBT_RISING: 'Pays noticeably later than a few months ago',
  UTILISATION: 'Close to the credit limit',
  NEGATIVE_SIGNALS: 'Colleagues reported worrying signs lately',
  INDUSTRY: 'Their industry is on the watch list',
};

export function account(overrides: Partial<AccountCardData> = {}): AccountCardData {
  return {
    id: 'A1',
    name: 'Brightwell Cycles Ltd',
    domains: ['brightwell.example'],
    industry: 'Bicycle manufacturing',
    country: 'GB',
    website: 'https://brightwell.example',
    currency: 'GBP',
    creditLimit: '200000.00',
    paymentTermsDays: 30,
    onHold: false,
    whyTheyBuy: ['Only supplier of their frame alloy', 'Next-day delivery', 'Engineering support'],
    description: 'Makes commuter and cargo bicycles in Leeds.',
    ourValue: 'Sole source for 6061 tubing; about 15% above the market price.',
    alternatives: 'Two importers, 6–8 weeks lead time.',
    preferredChannel: 'PHONE',
    preferredTone: 'BRIEF',
    contactFrequencyDays: 30,
    keyAccount: false,
    contactOverdue: false,
    creditActions: [],
    lastContactAt: daysAgo(9),
    nextReviewAt: new Date(NOW.getTime() + 12 * 86_400_000).toISOString(),
    accountManager: { id: 'U2', name: 'Sam Sales', email: 'sam@ourco.example', businessUnit: 'UK North' },
    creditOwner: { id: 'U1', name: 'Carla Credit', email: 'carla@ourco.example', businessUnit: 'Credit' },
    crmLinks: [{ system: 'SALESFORCE', objectType: 'Account', recordId: '001XX', url: 'https://ourco.lightning.force.com/001XX' }],
    contacts: [
      { id: 'C1', name: 'Jane Doe', email: 'jane@brightwell.example', role: 'Finance director', phone: '+44 20 7946 0000', preferredChannel: 'PHONE', preferredTone: 'BRIEF' },
      { id: 'C2', name: 'Raj Patel', email: 'ap@brightwell.example', role: 'Accounts payable', phone: null, preferredChannel: 'EMAIL', preferredTone: 'FORMAL' },
    ],
    creditStatus: creditStatus(),
    alerts: {
      edges: [
        { node: { id: 'AL1', rule: 'PAYMENT_SLIPPING', title: 'Paying 11 days later than 3 months ago', severity: 2, status: 'OPEN', createdAt: daysAgo(2) } },
        { node: { id: 'AL2', rule: 'SMALL_INVOICES_ONLY', title: 'Paid 6 small invoices, none of the 3 large ones', severity: 3, status: 'OPEN', createdAt: daysAgo(5) } },
      ],
    },
    signals: {
      totalCount: 7,
      edges: [
        {
          node: {
            id: 'S1',
            type: 'QUIET',
            severity: 1,
            sentiment: 'NEGATIVE',
            source: 'SALES',
            status: 'OPEN',
            note: 'Warehouse half empty on Tuesday, two loading bays closed.',
            observedAt: daysAgo(3),
            sourceUrl: null,
            author: { id: 'U2', name: 'Sam Sales' },
          },
        },
        {
          node: {
            id: 'S2',
            type: 'KEY_PERSON_LEFT',
            severity: 2,
            sentiment: 'NEGATIVE',
            source: 'SALES',
            status: 'OPEN',
            note: 'Their purchasing manager left last month.',
            observedAt: daysAgo(16),
            sourceUrl: null,
            author: { id: 'U2', name: 'Sam Sales' },
          },
        },
        {
          node: {
            id: 'S3',
            type: 'PAYMENT_SLIPPING',
            severity: 2,
            sentiment: 'NEGATIVE',
            source: 'SYSTEM',
            status: 'ACKNOWLEDGED',
            note: null,
            observedAt: daysAgo(30),
            sourceUrl: null,
            author: null,
          },
        },
      ],
    },
    notes: {
      edges: [
        { node: { id: 'N1', body: 'Agreed a payment plan for the March invoices.', visibility: 'CREDIT_ONLY', createdAt: daysAgo(6), author: { id: 'U1', name: 'Carla Credit' } } },
      ],
    },
    intelRequests: { totalCount: 0, edges: [] },
    disputes: { totalCount: 0, edges: [] },
    ...overrides,
  };
}

/** What SALES users get: the level, the factors' labels and sentences in words, no money and no ledger. */
/** The server's sentence for SALES: the same comparison in words (the figures and the windows' lengths left out). */
function salesTrendWords(sentence: string): string {
  return sentence
    .replace(/ \(.*\)$/, '')
    .replace('the previous 275 days', 'earlier months')
    .replace('the same 90 days last year', 'the same months last year');
}

export function salesView(base: AccountCardData = account()): AccountCardData {
  const status = base.creditStatus;
  return {
    ...base,
    creditLimit: null,
    creditStatus: status
      ? {
          ...status,
          // As the server answers SALES: no score, the headroom in words and a rounded-down amount.
          riskScore: null,
          // The trend's sentence in words: what it compared, without the figures.
          ...(status.trendSentence === undefined ? {} : { trendSentence: salesTrendWords(status.trendSentence) }),
          orderHeadroom: { state: 'ROOM', roughAmount: '4600.00' },
          exposure: null,
          available: null,
          overdue: null,
          disputed: null,
          avgDaysToPay: null,
          daysBeyondTerms: null,
          aging: null,
          paymentSeries: null,
          creditBalance: null,
          recentDaysBeyondTerms: null,
          dso: null,
          bestPossibleDso: null,
          limitUtilisation: null,
          totalExposure: null,
          totalOverdue: null,
          unconvertedCurrencies: null,
          paidInvoices: null,
          currencies: null,
          // No weights (the order would rank them), each reason in words (CreditFactor.detail = salesDetail).
          factors: status.factors.map((f) => ({ ...f, weight: null, detail: SALES_WORDS[f.code] ?? null })),
        }
      : null,
    disputes: { ...base.disputes, edges: base.disputes.edges.map((e) => ({ node: { ...e.node, amount: null } })) },
  };
}

/** An open intel request from credit with two template questions and one free question. */
export function intelRequest(overrides: Partial<IntelRequestData> = {}): IntelRequestData {
  return {
    id: 'IR1',
    message: 'Their payments slipped this quarter: what do you see?',
    status: 'OPEN',
    dueAt: new Date(NOW.getTime() + 3 * 86_400_000).toISOString(),
    overdue: false,
    createdAt: daysAgo(1),
    requestedBy: { id: 'U1', name: 'Carla Credit', email: 'carla@ourco.example' },
    assignedTo: { id: 'U2', name: 'Sam Sales' },
    questions: [
      { id: 'q1', kind: 'CHOICE', template: 'ACTIVITY', text: 'Are they quiet or busy?' },
      { id: 'q2', kind: 'CHOICE', template: 'HIRING', text: 'Are they hiring?' },
      { id: 'q3', kind: 'TEXT', template: null, text: 'Who runs purchasing now?' },
    ],
    ...overrides,
  };
}

/** The request a health-check review sends: one SALES_VIEW question. */
export function salesViewRequest(overrides: Partial<IntelRequestData> = {}): IntelRequestData {
  return intelRequest({
    id: 'IR2',
    message: null,
    questions: [{ id: 'view', kind: 'SALES_VIEW', template: null, text: 'How does the customer seem to you: bustling, quiet, or the same as always?' }],
    ...overrides,
  });
}

export function dispute(overrides: Partial<DisputeData> = {}): DisputeData {
  return {
    id: 'D1',
    kind: 'DELIVERY_PROBLEM',
    reason: 'Two pallets arrived damaged',
    ownerTeam: 'logistics',
    owner: { id: 'U3', name: 'Lee Logistics' },
    currency: 'GBP',
    amount: '8400.00',
    invoiceCount: 2,
    status: 'OPEN',
    openedAt: daysAgo(12),
    expectedBy: new Date(NOW.getTime() + 5 * 86_400_000).toISOString(),
    summary: 'Delivery problem, with logistics since 8 May 2026 (12 days)',
    ...overrides,
  };
}

export function match(acc: AccountCardData = account()): AccountMatchData {
  return { matchedBy: 'CONTACT_EMAIL', matchedValue: acc.contacts[0]?.email ?? acc.domains[0] ?? '', account: acc };
}

export function tabState(overrides: Partial<TabState> = {}): TabState {
  return {
    connection: 'ok',
    context: {
      site: 'gmail',
      pageType: 'thread',
      emails: ['jane@brightwell.example'],
      domains: ['brightwell.example'],
      url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgz',
    },
    matches: [match()],
    loading: false,
    user: creditUser,
    fetchedAt: daysAgo(0.01),
    ...overrides,
  };
}

export function pendingCapture(overrides: Partial<PendingSignal> = {}): PendingSignal {
  return {
    accountId: 'A1',
    accountName: 'Brightwell Cycles Ltd',
    type: 'QUIET',
    severity: 1,
    note: 'Quiet on site',
    observedAt: daysAgo(0.02),
    idempotencyKey: 'k-1',
    queuedAt: daysAgo(0.02),
    attempts: 1,
    lastError: 'Server unreachable',
    ...overrides,
  };
}

export function pendingVisitNotes(overrides: Partial<PendingVisitNotes> = {}): PendingVisitNotes {
  return {
    kind: 'visitNotes',
    visitId: 'V1',
    accountId: 'A1',
    accountName: 'Brightwell Cycles Ltd',
    notes: 'They plan a second warehouse next spring.',
    takenAt: daysAgo(0.02),
    idempotencyKey: 'k-notes',
    queuedAt: daysAgo(0.02),
    attempts: 1,
    lastError: 'Server unreachable',
    ...overrides,
  };
}
