/**
 * A demo-like visit briefing (synthetic data) for the component test and the print-to-PDF check: a customer with
 * a full credit file — 30 open invoices, a year of payments, disputes, reports, bank changes, signals, notes,
 * past visits. `salesBriefing` is its SALES copy as the server makes it (figure sections null, named in `omitted`).
 * No imports beyond types, so the print check can load it outside the extension's build.
 */
import type { Briefing } from '@earshot/shared';

/** The folder's section titles in order (BriefingDocument), and those only the CREDIT copy has. */
export const BRIEFING_SECTION_TITLES = [
  'The visit',
  'The account',
  'Credit status',
  'Ledger position and aging',
  'Open invoices',
  'Disputes',
  'Payment trend',
  'Credit reports',
  'Bank details',
  'Recent signals',
  'Recent notes',
  'Past visits',
  'Open action items',
  'Open intel requests',
  'Reviews',
  'All contacts',
] as const;
export const FIGURE_SECTION_TITLES: readonly string[] = ['Ledger position and aging', 'Open invoices', 'Payment trend', 'Credit reports', 'Bank details'];

const pad = (n: number) => String(n).padStart(2, '0');

export function creditBriefing(): Briefing {
  const invoices = Array.from({ length: 30 }, (_, i) => {
    const month = 5 + Math.floor(i / 5);
    return {
      number: `INV-2026-${pad(i + 1)}${i}`,
      currency: 'EUR',
      issuedAt: `2026-${pad(month)}-${pad(1 + (i % 5) * 5)}T00:00:00.000Z`,
      dueAt: `2026-${pad(month + 1)}-${pad(1 + (i % 5) * 5)}T00:00:00.000Z`,
      amount: `${4000 + i * 137}.50`,
      outstanding: `${4000 + i * 137}.50`,
      daysPastDue: Math.max(0, 150 - i * 6),
      disputed: i === 7 || i === 12,
    };
  });
  const months = Array.from({ length: 12 }, (_, i) => ({
    month: `${i < 1 ? 2025 : 2026}-${pad(i < 1 ? 12 : i)}`,
    invoiced: `${18000 + i * 250}.00`,
    paid: `${16000 + i * 120}.00`,
    averageDaysToPay: 38 + i * 1.5,
    daysBeyondTerms: 8 + i * 1.5,
  }));
  return {
    version: 1,
    audience: 'CREDIT',
    preparedAt: '2026-12-05T09:00:00.000Z',
    preparedBy: 'Cora Credit',
    omitted: [],
    visit: {
      purpose: 'CREDIT_TERMS_REVIEW',
      purposeLabel: 'Credit terms review',
      status: 'BRIEFED',
      scheduledAt: '2026-12-10T10:00:00.000Z',
      place: 'Their head office, Rotterdam',
      goals: ['Agree a payment plan for the overdue invoices', 'Hear their outlook for 2027', 'Confirm the new bank account in person'],
      organizer: 'Cora Credit',
      attendees: [
        { name: 'Cora Credit', role: 'CREDIT' },
        { name: 'Sam Seller', role: 'SALES' },
      ],
      contacts: [
        { name: 'Bob Owner', role: 'Managing director', email: 'bob@harbour-tiles.example', phone: null, preferredChannel: 'IN_PERSON', preferredTone: 'BRIEF', notes: 'Decides on payments himself', meeting: true },
      ],
      questions: [
        { text: 'How is trading this year compared with last?', asked: false, answer: null },
        { text: 'Have your bank facilities changed?', asked: false, answer: null },
        { text: 'Are you planning investments next year?', asked: false, answer: null },
      ],
    },
    account: {
      name: 'Harbour Tiles B.V.',
      industry: 'Construction',
      country: 'NL',
      website: 'https://harbour-tiles.example',
      keyAccount: true,
      accountManager: 'Sam Seller',
      creditOwner: 'Cora Credit',
      whyTheyBuy: ['Delivery in 48 hours', 'The widest colour range', 'Technical support on site'],
      ourValue: 'Sole source for glazed tiles',
      alternatives: 'Two importers, three weeks slower',
      preferredChannel: 'PHONE',
      preferredTone: 'FRIENDLY',
      paymentTermsDays: 30,
      lastContactAt: '2026-11-20T10:00:00.000Z',
      onHold: false,
      holdReason: null,
      creditActions: ['In collection since 3 Nov (reminders)', 'Review in progress', 'Delivery problem, with logistics since 25 Nov 2026 (10 days)'],
      contacts: [
        { name: 'Bob Owner', role: 'Managing director', email: 'bob@harbour-tiles.example', phone: null, preferredChannel: 'IN_PERSON', preferredTone: 'BRIEF', notes: 'Decides on payments himself', meeting: true },
        { name: 'Alice Payables', role: 'Accounts payable', email: 'alice@harbour-tiles.example', phone: '+31 10 000 0000', preferredChannel: 'EMAIL', preferredTone: 'FORMAL', notes: null, meeting: false },
      ],
    },
    status: {
      riskLevel: 'HIGH',
      riskLevelLabel: 'High risk',
      riskScore: 61,
      trend: 'SLIPPING',
      trendLabel: 'Paying later',
      summary: 'High risk; paying later',
      paymentPattern: 'Paying later than usual: some invoices are well past due',
      reasons: [
        { code: 'OVERDUE_SHARE', label: 'Overdue invoices', weight: 34, detail: '41% of open invoices are past due (EUR 23456.78)' },
        { code: 'PAYMENT_SLIPPING', label: 'Paying later', weight: 27, detail: 'Paying 19 days later than their own norm' },
      ],
      computedAt: '2026-12-05T08:00:00.000Z',
    },
    ledger: {
      currency: 'EUR',
      creditLimit: '75000.00',
      exposure: '57123.45',
      available: '17876.55',
      overLimit: false,
      overdue: '23456.78',
      disputed: '4321.09',
      aging: { current: '29345.58', d1_30: '11111.11', d31_60: '7345.67', d61_90: '3000.00', d90plus: '2000.00' },
      averageDaysToPay: 52.3,
      daysBeyondTerms: 22.3,
      purchasesVsAnticipated: 0.87,
      lastPaymentAt: '2026-11-28T00:00:00.000Z',
      otherCurrencies: [{ currency: 'GBP', exposure: '1234.56' }],
    },
    openInvoices: { currency: 'EUR', total: 34, items: invoices },
    disputes: {
      total: 1,
      items: [
        {
          kind: 'DELIVERY_PROBLEM',
          status: 'OPEN',
          reason: 'Broken pallet on delivery',
          ownerTeam: 'logistics',
          openedAt: '2026-11-25T00:00:00.000Z',
          expectedBy: '2026-12-12T00:00:00.000Z',
          summary: 'Delivery problem, with logistics since 25 Nov 2026 (10 days)',
          amount: '4321.09',
          currency: 'EUR',
          invoiceNumbers: ['INV-2026-087'],
        },
      ],
    },
    paymentTrend: { currency: 'EUR', months, detail: '3 invoices unpaid 26–86 days past due' },
    creditReports: { total: 2, items: [{ score: 47, rating: 'C+', source: 'Bureau Example', reportedAt: '2026-11-15T00:00:00.000Z' }, { score: 58, rating: 'B', source: 'Bureau Example', reportedAt: '2026-05-15T00:00:00.000Z' }] },
    bankChanges: {
      total: 2,
      items: [
        { recordedAt: '2026-11-01T00:00:00.000Z', bankName: 'Coastal Bank', last4: '9876', changed: true },
        { recordedAt: '2025-01-01T00:00:00.000Z', bankName: 'Harbour Bank', last4: '1234', changed: false },
      ],
    },
    signals: {
      total: 2,
      items: [
        { type: 'STAFF_CUTS', label: 'Staff cuts', severity: 2, sentiment: 'NEGATIVE', source: 'SALES', status: 'OPEN', observedAt: '2026-11-18T00:00:00.000Z', note: 'Warehouse shift cut', author: 'Sam Seller' },
        { type: 'BANK_CHANGE', label: 'Bank details changed', severity: 3, sentiment: 'NEGATIVE', source: 'SYSTEM', status: 'OPEN', observedAt: '2026-11-01T00:00:00.000Z', note: 'New account ending 9876', author: null },
      ],
    },
    notes: {
      total: 2,
      items: [
        { body: 'Consider cutting the limit after the visit', author: 'Cora Credit', visibility: 'CREDIT_ONLY', createdAt: '2026-11-30T00:00:00.000Z' },
        { body: 'Friendly call with Bob', author: 'Sam Seller', visibility: 'ALL', createdAt: '2026-11-20T00:00:00.000Z' },
      ],
    },
    pastVisits: {
      total: 1,
      items: [
        {
          purposeLabel: 'Introduction',
          status: 'FOLLOWED_UP',
          scheduledAt: '2026-06-01T10:00:00.000Z',
          heldAt: '2026-06-01T10:00:00.000Z',
          place: null,
          openActionItems: [{ title: 'Send the new price list', owner: 'Sam Seller', dueOn: '2026-06-15T00:00:00.000Z', status: 'OPEN', overdue: true }],
        },
      ],
    },
    actionItems: {
      total: 2,
      items: [
        { title: 'Send the new price list', owner: 'Sam Seller', dueOn: '2026-06-15T00:00:00.000Z', status: 'OPEN', overdue: true },
        { title: 'Return the signed credit application', owner: 'Bob Owner', dueOn: '2026-12-31T00:00:00.000Z', status: 'OPEN', overdue: false },
      ],
    },
    intelRequests: {
      total: 1,
      items: [
        { status: 'OPEN', message: 'Anything new at the warehouse?', questions: ['Are they hiring?'], requestedBy: 'Cora Credit', assignedTo: 'Sam Seller', dueAt: '2026-12-08T00:00:00.000Z', createdAt: '2026-12-01T00:00:00.000Z' },
      ],
    },
    reviews: {
      total: 1,
      items: [{ status: 'IN_PROGRESS', dueAt: '2026-12-15T00:00:00.000Z', startedAt: '2026-12-01T00:00:00.000Z', completedAt: null, reviewer: 'Cora Credit', outcome: null }],
    },
  };
}

/** The SALES copy of `creditBriefing()`, as the server's salesCopy makes it. */
export function salesBriefing(): Briefing {
  const full = creditBriefing();
  return {
    ...full,
    audience: 'SALES',
    omitted: ['Risk score and the weights and figures behind its reasons', 'Ledger figures and aging in every currency (exposure, overdue, credit balance, limit in use, DSO and best possible DSO)', 'Open invoices', 'Credit reports', 'Bank detail changes', 'Credit-only notes'],
    status: { ...full.status, riskScore: null, reasons: full.status.reasons.map((r) => ({ ...r, weight: null, detail: null })) },
    ledger: null,
    openInvoices: null,
    paymentTrend: null,
    creditReports: null,
    bankChanges: null,
    disputes: { total: 1, items: full.disputes.items.map((d) => ({ ...d, amount: null, invoiceNumbers: null })) },
    signals: { total: 2, items: full.signals.items.map((s) => (s.type === 'BANK_CHANGE' ? { ...s, note: 'Bank details changed. The credit team has the details.' } : s)) },
    notes: { total: 1, items: full.notes.items.filter((n) => n.visibility === 'ALL') },
  };
}

/** An account with an empty credit file: every list empty, never assessed. */
export function emptyBriefing(): Briefing {
  const full = creditBriefing();
  const none = { total: 0, items: [] };
  return {
    ...full,
    visit: { ...full.visit, goals: [], contacts: [], questions: [] },
    account: { ...full.account, whyTheyBuy: [], ourValue: null, alternatives: null, creditActions: [], contacts: [] },
    status: {
      riskLevel: null,
      riskLevelLabel: 'Not assessed yet',
      riskScore: null,
      trend: null,
      trendLabel: 'No payment history yet',
      summary: 'Not assessed yet; no payment history yet',
      paymentPattern: 'No payment history yet',
      reasons: [],
      computedAt: null,
    },
    openInvoices: { currency: 'EUR', ...none },
    disputes: none,
    paymentTrend: { currency: 'EUR', months: [], detail: 'No payment history yet' },
    creditReports: none,
    bankChanges: none,
    signals: none,
    notes: none,
    pastVisits: none,
    actionItems: none,
    intelRequests: none,
    reviews: none,
  };
}
