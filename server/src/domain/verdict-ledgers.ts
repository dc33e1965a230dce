/**
 * The yardstick of issue 10: hand-made ledgers with what a credit manager concludes from each, worked out by
 * hand (the arithmetic is in the comments), independently of what the model computes. verdict-table.ts runs
 * the model's public functions over them; the test compares and writes the table, so every change of the
 * model shows up as a diff of `__verdicts__/ledgers.md`.
 *
 * Conventions for `expected`: amounts are major units of the account currency as decimal strings; other
 * currencies are converted with the ledger's `rates` and left out of the figures when it has none (then
 * `otherOverdue` says what stays apart). Paid DBT = Σ(paid amount × max(0, days after due)) / Σ(paid amount)
 * over payments received in the 12 months up to asOf, one decimal, null without payments. 30-day terms
 * unless said. "dpd" = days past due at asOf.
 */
import type { AlertRule, RiskLevel } from '@earshot/shared';
import type { LedgerInvoice, LedgerPayment, PaymentBehaviourInput } from './behaviour-types.js';
import { dayToIso, monthStartDay } from './calendar.js';
import { invoice, ledger, paidLate, payment, plusDays } from './ledger-builders.js';
import { parseMoney } from './money.js';

/** An invoice that may name the invoice it credits (a credit note); the field is being added to the model. */
export interface VerdictInvoice extends LedgerInvoice {
  appliesToInvoiceId?: string | null;
}

/** The model's input plus the conversion rates being added: units of the account currency per 1 unit of each other currency. */
export interface VerdictInput extends PaymentBehaviourInput {
  invoices: readonly VerdictInvoice[];
  rates?: Record<string, number>;
}

export type ExpectedTrend = 'SLIPPING' | 'STABLE' | 'IMPROVING' | 'NO_HISTORY';

export interface ExpectedVerdict {
  /** One level, or the adjacent levels a practitioner could honestly give. */
  level: RiskLevel | readonly RiskLevel[];
  trend: ExpectedTrend;
  /** The code of the factor with the largest weight; a RegExp where the factor's name is still open (limit use); null: no factor. */
  mainFactor: string | RegExp | null;
  /** No factor or alert (label, title or sentence) may say this. */
  mustNotSay: readonly RegExp[];
  /** Some factor or alert must say this. */
  mustSay?: readonly RegExp[];
  exposure: string;
  overdue: string;
  creditBalance: string;
  paidDbt: number | null;
  /** The headline "days beyond terms", when the case is about it: the same quantity as paid DBT. */
  headlineDbt?: number | null;
  /** Available credit (limit − exposure), when the case is about it. */
  available?: string;
  /** Overdue amounts in currencies without a rate, unconverted, per currency. */
  otherOverdue?: Record<string, string>;
  /** Ledger alert rules open, in any order. */
  alerts: readonly AlertRule[];
}

export interface VerdictLedger {
  key: string;
  title: string;
  story: string;
  input: VerdictInput;
  asOf: string;
  expected: ExpectedVerdict;
}

const AS_OF = '2026-11-30';
const NOT_SLIPPING = /later than their own norm/i;
const NOT_IMPROVING = /earlier than their own norm/i;
const NOT_SMALL_ONLY = /small invoices/i;
// A sentence claiming paid lateness for a customer whose every payment was on time.
const NOT_PAYING_LATE = /paying on average [1-9]/i;

interface Rows {
  invoices: VerdictInvoice[];
  payments: LedgerPayment[];
}

/**
 * `count` invoices of `amount` issued on the 1st, every `stepMonths` months from `firstMonth` (YYYY-MM),
 * 30-day terms, ids `${prefix}-YYYY-MM`. `lateBy(i)`: days after the due date the i-th was paid in full
 * (negative = early), null = still open.
 */
function series(prefix: string, amount: string, firstMonth: string, count: number, lateBy: (i: number) => number | null, stepMonths = 1): Rows {
  const out: Rows = { invoices: [], payments: [] };
  for (let i = 0; i < count; i++) {
    const issued = dayToIso(monthStartDay(firstMonth, i * stepMonths));
    const late = lateBy(i);
    const item = paidLate(`${prefix}-${issued.slice(0, 7)}`, amount, issued, late ?? 0);
    out.invoices.push(item.invoice);
    if (late !== null) out.payments.push(item.payment);
  }
  return out;
}

/** `late[i]` for the i-th invoice. */
const pattern = (late: readonly (number | null)[]) => (i: number) => late[i] ?? null;
/** Paid on the due date except the last one, still open (not yet due). */
const onTimeButLast = (count: number) => (i: number) => (i < count - 1 ? 0 : null);

function join(...parts: Rows[]): Rows {
  return { invoices: parts.flatMap((p) => p.invoices), payments: parts.flatMap((p) => p.payments) };
}

function input(rows: Rows, over: Partial<VerdictInput> = {}): VerdictInput {
  return { ...ledger(), ...rows, ...over };
}

const limit = (amount: string) => parseMoney(amount);

export const VERDICT_LEDGERS: readonly VerdictLedger[] = [
  {
    key: 'prompt-payer',
    title: 'Prompt payer',
    story: '5,000 a month for a year, every invoice paid on its due date or two days early; this month not yet due.',
    // Dec–Oct paid (11), Nov open, due 1 Dec. Exposure 5,000, nothing overdue, paid DBT 0 (early counts as 0).
    input: input(
      series('M', '5000.00', '2025-12', 12, (i) => (i === 11 ? null : i % 3 === 1 ? -2 : 0)),
      { creditLimit: limit('20000.00') },
    ),
    asOf: AS_OF,
    expected: {
      level: 'LOW',
      trend: 'STABLE',
      mainFactor: null,
      mustNotSay: [NOT_SLIPPING, NOT_IMPROVING],
      exposure: '5000.00',
      overdue: '0.00',
      creditBalance: '0.00',
      paidDbt: 0,
      alerts: [],
    },
  },
  {
    key: 'chronic-late-stable',
    title: 'Always about 20 days late, for two years',
    story: '6,000 every two months since Dec 2024, paid 18 or 22 days late in turn; one invoice not yet due.',
    // Payments received in the last 12 months: invoices Dec 2025–Oct 2026 (6), 3 × 18 + 3 × 22 = 120 / 6 = 20.0.
    // Recent (Sep–Nov) 20 vs before 20: their norm, not a slip. Open: C-2026-11 6,000, due 15 Dec.
    // Twenty days beyond terms is "slow" on the usual scales (a Paydex of about 60, medium risk); steady for two
    // years it is a known, priced-in habit: MODERATE, or LOW for a manager who weighs the steadiness; never slipping.
    input: input(
      join(
        series('C', '6000.00', '2024-12', 12, (i) => (i % 2 === 0 ? 18 : 22), 2),
        { invoices: [invoice('C-2026-11', '6000.00', '2026-11-15')], payments: [] },
      ),
      { creditLimit: limit('20000.00') },
    ),
    asOf: AS_OF,
    expected: {
      level: ['LOW', 'MODERATE'],
      trend: 'STABLE',
      mainFactor: 'DAYS_BEYOND_TERMS',
      mustNotSay: [NOT_SLIPPING, NOT_IMPROVING],
      exposure: '6000.00',
      overdue: '0.00',
      creditBalance: '0.00',
      paidDbt: 20,
      alerts: [],
    },
  },
  {
    key: 'sharp-recent-slip',
    title: '(a) On time for 9 months, then ~70 days late',
    story: '8,000 a month. Oct 2025–Jun 2026 paid on the due date; Jul and Aug paid 70 days late (9 Oct, 9 Nov); Sep and Oct still open.',
    // Paid in 12 months: Nov 2025–Jun 2026 (8) at 0, Jul + Aug at 70 → 2 × 70 / 10 = 14.0.
    // Open: Sep (due 1 Oct, 60 dpd) + Oct (due 31 Oct, 30 dpd) = 16,000 overdue; + Nov (current) = 24,000 exposure.
    // The last two payments went from 0 to 70 days late and the next two follow: HIGH, slipping.
    // No OVERDUE alert: the oldest is exactly 60 days past due, the rule says more than 60.
    input: input(series('S', '8000.00', '2025-10', 14, (i) => (i <= 8 ? 0 : i <= 10 ? 70 : null)), { creditLimit: limit('40000.00') }),
    asOf: AS_OF,
    expected: {
      level: 'HIGH',
      trend: 'SLIPPING',
      mainFactor: 'PAYMENT_SLIPPING',
      mustNotSay: [NOT_IMPROVING],
      exposure: '24000.00',
      overdue: '16000.00',
      creditBalance: '0.00',
      paidDbt: 14,
      alerts: ['PAYMENT_SLIPPING'],
    },
  },
  {
    key: 'gradual-slip',
    title: '(b) From 5 to 45 days late over six months',
    story: '6,000 a month. Nov 2025–Apr 2026 paid 5 days late; then May 12, Jun 20, Jul 28, Aug 36, Sep 45 days late; Oct open.',
    // Paid in 12 months: 11 invoices, 6 × 5 + 12 + 20 + 28 + 36 + 45 = 171 / 11 = 15.5.
    // Open: Oct (due 31 Oct, 30 dpd) 6,000 overdue; + Nov current = 12,000.
    // Every payment later than the one before for six months: act now, HIGH.
    input: input(series('G', '6000.00', '2025-11', 13, pattern([5, 5, 5, 5, 5, 5, 12, 20, 28, 36, 45, null, null])), {
      creditLimit: limit('30000.00'),
    }),
    asOf: AS_OF,
    expected: {
      level: 'HIGH',
      trend: 'SLIPPING',
      mainFactor: 'PAYMENT_SLIPPING',
      mustNotSay: [NOT_IMPROVING],
      exposure: '12000.00',
      overdue: '6000.00',
      creditBalance: '0.00',
      paidDbt: 15.5,
      alerts: ['PAYMENT_SLIPPING'],
    },
  },
  {
    key: 'one-large-overdue',
    title: '(c) Pays on the due date, except one large invoice 100 days overdue',
    story: '4,000 a month, every one paid on its due date; BIG 36,000 (issued 23 Jul, due 22 Aug) unpaid.',
    // BIG: 22 Aug → 30 Nov = 9 + 30 + 31 + 30 = 100 dpd. Exposure 36,000 + Nov 4,000 = 40,000; overdue 36,000.
    // Paid DBT 0: every payment on its due date. One fact — one large invoice 90+ days overdue — counted once:
    // not "paying later than their norm" (no payment was late), not "small invoices only" (one open invoice is no pattern).
    input: input(
      join(series('M', '4000.00', '2025-12', 12, onTimeButLast(12)), {
        invoices: [invoice('BIG', '36000.00', '2026-07-23', '2026-08-22')],
        payments: [],
      }),
      { creditLimit: limit('60000.00') },
    ),
    asOf: AS_OF,
    expected: {
      level: ['MODERATE', 'HIGH'],
      trend: 'STABLE',
      mainFactor: /OVERDUE/,
      mustNotSay: [NOT_SLIPPING, NOT_SMALL_ONLY, NOT_PAYING_LATE],
      exposure: '40000.00',
      overdue: '36000.00',
      creditBalance: '0.00',
      paidDbt: 0,
      headlineDbt: 0,
      alerts: ['OVERDUE'],
    },
  },
  {
    key: 'seasonal-q4',
    title: '(d) Seasonal: big fourth-quarter invoices, 92% of the limit in use',
    story:
      'Q4 2025: 40,000 and 50,000, both paid 40 days late. Jan–Sep 2026: 5,000 a month paid 2 days late. Q4 2026: 40,000 due 4 Nov (26 dpd) and 52,000 due 2 Dec, both open.',
    // Exposure 40,000 + 52,000 = 92,000 of a 100,000 limit (92%); overdue 40,000 (4 Nov → 30 Nov = 26 dpd).
    // Paid in 12 months: 40,000 (29 Dec) and 50,000 (24 Jan) at 40, 9 × 5,000 at 2 → (3,600,000 + 90,000) / 135,000 = 27.3.
    // Like with like: last Q4 was paid 40 days late, this Q4 is 26 days overdue so far: the same season, the same
    // habit — not improving (the small summer invoices paid on time say nothing about Q4). The limit is nearly
    // used up with the next 52,000 due in two days: MODERATE, and the sentence says so.
    input: input(
      join(
        {
          invoices: [invoice('Q25-10', '40000.00', '2025-10-20', '2025-11-19'), invoice('Q25-11', '50000.00', '2025-11-15', '2025-12-15')],
          payments: [payment('Q25-10-p', 'Q25-10', '40000.00', '2025-12-29'), payment('Q25-11-p', 'Q25-11', '50000.00', '2026-01-24')],
        },
        series('S', '5000.00', '2026-01', 9, () => 2),
        {
          invoices: [invoice('Q26-10', '40000.00', '2026-10-05', '2026-11-04'), invoice('Q26-11', '52000.00', '2026-11-02', '2026-12-02')],
          payments: [],
        },
      ),
      { creditLimit: limit('100000.00') },
    ),
    asOf: AS_OF,
    expected: {
      level: 'MODERATE',
      trend: 'STABLE',
      // Either reason may weigh most: a 27-day paid DBT is a real habit (last Q4 at 40 days), and ranking 92% of
      // the limit above it would make a prompt payer at 95% MODERATE. What matters is that both are said.
      mainFactor: /LIMIT|UTILI[SZ]|DAYS_BEYOND_TERMS/,
      mustNotSay: [NOT_IMPROVING],
      mustSay: [/limit/i, /beyond terms/i],
      exposure: '92000.00',
      overdue: '40000.00',
      creditBalance: '0.00',
      paidDbt: 27.3,
      alerts: [],
    },
  },
  {
    key: 'new-account',
    title: '(e) Brand-new account, first invoice three days old',
    story: 'One invoice of 12,000 issued 27 Nov, due 27 Dec. Nothing paid yet, nothing due yet.',
    // No payment to judge: no history, not a "steady payer". Exposure 12,000, available 8,000, paid DBT none.
    input: input({ invoices: [invoice('N-1', '12000.00', '2026-11-27')], payments: [] }, { creditLimit: limit('20000.00') }),
    asOf: AS_OF,
    expected: {
      level: 'LOW',
      trend: 'NO_HISTORY',
      mainFactor: null,
      mustNotSay: [/steady/i, NOT_SLIPPING, NOT_IMPROVING],
      exposure: '12000.00',
      overdue: '0.00',
      creditBalance: '0.00',
      paidDbt: null,
      available: '8000.00',
      alerts: [],
    },
  },
  {
    key: 'no-rows',
    title: '(f) No ledger rows at all, a 15,000 limit',
    story: 'Account set up with a limit; no invoice or payment imported yet.',
    // Nothing owed: available = the whole limit, 15,000. No history.
    input: input({ invoices: [], payments: [] }, { creditLimit: limit('15000.00') }),
    asOf: AS_OF,
    expected: {
      level: 'LOW',
      trend: 'NO_HISTORY',
      mainFactor: null,
      mustNotSay: [/steady/i],
      exposure: '0.00',
      overdue: '0.00',
      creditBalance: '0.00',
      paidDbt: null,
      available: '15000.00',
      alerts: [],
    },
  },
  {
    key: 'usd-overdue-rated',
    title: '(g) EUR account, a USD invoice 120 days overdue (rate 0.9)',
    story: 'EUR 3,000 a month paid on the due date; USD 10,000 issued 3 Jul, due 2 Aug, unpaid. Rate: 1 USD = 0.9 EUR.',
    // USD: 2 Aug → 30 Nov = 29 + 30 + 31 + 30 = 120 dpd; 10,000 × 0.9 = EUR 9,000 overdue.
    // Exposure EUR 3,000 (Nov, current) + 9,000 = 12,000. Paid DBT 0 (EUR, all on the due date).
    // The currency changes nothing: 9,000 at 120 days is a collection case, OVERDUE, not LOW.
    input: input(
      join(series('E', '3000.00', '2025-12', 12, onTimeButLast(12)), {
        invoices: [invoice('U-1', '10000.00', '2026-07-03', '2026-08-02', 'USD')],
        payments: [],
      }),
      { creditLimit: limit('20000.00'), rates: { USD: 0.9 } },
    ),
    asOf: AS_OF,
    expected: {
      level: ['MODERATE', 'HIGH'],
      trend: 'STABLE',
      mainFactor: /OVERDUE/,
      mustNotSay: [NOT_SLIPPING, NOT_SMALL_ONLY],
      exposure: '12000.00',
      overdue: '9000.00',
      creditBalance: '0.00',
      paidDbt: 0,
      alerts: ['OVERDUE'],
    },
  },
  {
    key: 'usd-overdue-unrated',
    title: '(g) The same USD invoice, no rate given',
    story: 'As usd-overdue-rated, without rates: the USD 10,000 cannot be converted but is just as overdue.',
    // EUR figures: exposure 3,000, overdue 0; USD 10,000 overdue shown apart. Still 120 days overdue: OVERDUE, not LOW.
    input: input(
      join(series('E', '3000.00', '2025-12', 12, onTimeButLast(12)), {
        invoices: [invoice('U-1', '10000.00', '2026-07-03', '2026-08-02', 'USD')],
        payments: [],
      }),
      { creditLimit: limit('20000.00') },
    ),
    asOf: AS_OF,
    expected: {
      level: ['MODERATE', 'HIGH'],
      trend: 'STABLE',
      mainFactor: /OVERDUE/,
      mustNotSay: [NOT_SLIPPING, NOT_SMALL_ONLY],
      exposure: '3000.00',
      overdue: '0.00',
      otherOverdue: { USD: '10000.00' },
      creditBalance: '0.00',
      paidDbt: 0,
      alerts: ['OVERDUE'],
    },
  },
  {
    key: 'credit-note-settles',
    title: '(h) 10,000 invoice settled by 7,000 cash and a 3,000 credit note',
    story: 'INV-10K due 31 Jul: 7,000 paid on 31 Jul, credit note CN-3K (10 Aug) names INV-10K. 2,000 a month otherwise, on time.',
    // INV-10K: 7,000 + 3,000 = settled. Open: Nov 2,000, current. Nothing overdue, no credit left, no alert.
    // Paid DBT: 11 × 2,000 and 7,000, all on the due date → 0.
    input: input(
      join(series('M', '2000.00', '2025-12', 12, onTimeButLast(12)), {
        invoices: [invoice('INV-10K', '10000.00', '2026-07-01', '2026-07-31'), { ...invoice('CN-3K', '-3000.00', '2026-08-10'), appliesToInvoiceId: 'INV-10K' }],
        payments: [payment('P-7K', 'INV-10K', '7000.00', '2026-07-31')],
      }),
      { creditLimit: limit('20000.00') },
    ),
    asOf: AS_OF,
    expected: {
      level: 'LOW',
      trend: 'STABLE',
      mainFactor: null,
      mustNotSay: [/overdue/i],
      exposure: '2000.00',
      overdue: '0.00',
      creditBalance: '0.00',
      paidDbt: 0,
      alerts: [],
    },
  },
  {
    key: 'one-payment-three-invoices',
    title: '(i) One payment for three invoices, booked against the first',
    story: 'A 3,000 (due 2 Sep), B 4,000 (due 9 Sep), C 5,000 (due 16 Sep); one 12,000 payment on 2 Sep booked on A. Before: 3,000 a month on time.',
    // 12,000 settles A, B and C on 2 Sep (B and C early). Nothing open: exposure 0, overdue 0, no credit left.
    // Paid DBT 0: everything paid on or before its due date.
    input: input(
      join(series('M', '3000.00', '2025-12', 8, () => 0), {
        invoices: [invoice('A', '3000.00', '2026-08-03', '2026-09-02'), invoice('B', '4000.00', '2026-08-10', '2026-09-09'), invoice('C', '5000.00', '2026-08-17', '2026-09-16')],
        payments: [payment('P-12K', 'A', '12000.00', '2026-09-02')],
      }),
      { creditLimit: limit('20000.00') },
    ),
    asOf: AS_OF,
    expected: {
      level: 'LOW',
      trend: 'STABLE',
      mainFactor: null,
      mustNotSay: [/overdue/i],
      exposure: '0.00',
      overdue: '0.00',
      creditBalance: '0.00',
      paidDbt: 0,
      alerts: [],
    },
  },
  {
    key: 'overpayment',
    title: '(j) 50,000 paid against 11,000 open',
    story: 'X 5,000 (due 31 Oct) and Y 6,000 (due 19 Nov) open; 50,000 received on 31 Oct, booked on X. Before: 5,000 a month on time.',
    // 50,000 settles X and Y (Y early); 50,000 − 11,000 = 39,000 credit balance. Exposure 0, overdue 0, paid DBT 0.
    input: input(
      join(series('M', '5000.00', '2025-12', 10, () => 0), {
        invoices: [invoice('X', '5000.00', '2026-10-01', '2026-10-31'), invoice('Y', '6000.00', '2026-10-20', '2026-11-19')],
        payments: [payment('P-50K', 'X', '50000.00', '2026-10-31')],
      }),
      { creditLimit: limit('20000.00') },
    ),
    asOf: AS_OF,
    expected: {
      level: 'LOW',
      trend: 'STABLE',
      mainFactor: null,
      mustNotSay: [/overdue/i],
      exposure: '0.00',
      overdue: '0.00',
      creditBalance: '39000.00',
      paidDbt: 0,
      alerts: [],
    },
  },
  {
    key: 'headline-vs-chart',
    title: '(k) Every payment on time, one open invoice 45 days overdue',
    story: '5,000 a month paid on the due date; L-20K (due 16 Oct) open.',
    // L-20K: 16 Oct → 30 Nov = 15 + 30 = 45 dpd. Exposure 20,000 + Nov 5,000 = 25,000; overdue 20,000.
    // Paid DBT 0, and the headline DBT is the same quantity: the open invoice is an overdue fact, not paid lateness.
    input: input(
      join(series('M', '5000.00', '2025-12', 12, onTimeButLast(12)), {
        invoices: [invoice('L-20K', '20000.00', '2026-09-16', '2026-10-16')],
        payments: [],
      }),
      { creditLimit: limit('50000.00') },
    ),
    asOf: AS_OF,
    expected: {
      level: ['LOW', 'MODERATE'],
      trend: 'STABLE',
      mainFactor: /OVERDUE/,
      mustNotSay: [NOT_PAYING_LATE, NOT_SLIPPING, NOT_SMALL_ONLY],
      exposure: '25000.00',
      overdue: '20000.00',
      creditBalance: '0.00',
      paidDbt: 0,
      headlineDbt: 0,
      alerts: [],
    },
  },
  {
    key: 'small-not-large',
    title: 'Pays the small invoices, not the large ones',
    story:
      '2,000 a month and a 24,000 in April, all paid on time. Then L1 25,000 (due 2 Sep) and L2 30,000 (due 1 Oct) unpaid while S1–S3, 2,000 each issued after them, are paid on their due dates.',
    // L1: 2 Sep → 30 Nov = 28 + 31 + 30 = 89 dpd; L2: 60 dpd. Overdue 55,000; + S4 current 2,000 = 57,000.
    // Paid DBT 0 (every payment they make is on time). The pattern is the news: they choose where the cash goes.
    input: input(
      join(series('M', '2000.00', '2025-12', 8, () => 0), {
        invoices: [
          invoice('B-APR', '24000.00', '2026-04-01', '2026-05-01'),
          invoice('L1', '25000.00', '2026-08-03', '2026-09-02'),
          invoice('S1', '2000.00', '2026-08-10', '2026-09-09'),
          invoice('L2', '30000.00', '2026-09-01', '2026-10-01'),
          invoice('S2', '2000.00', '2026-09-07', '2026-10-07'),
          invoice('S3', '2000.00', '2026-10-05', '2026-11-04'),
          invoice('S4', '2000.00', '2026-11-02', '2026-12-02'),
        ],
        payments: [
          payment('B-APR-p', 'B-APR', '24000.00', '2026-05-01'),
          payment('S1-p', 'S1', '2000.00', '2026-09-09'),
          payment('S2-p', 'S2', '2000.00', '2026-10-07'),
          payment('S3-p', 'S3', '2000.00', '2026-11-04'),
        ],
      }),
      { creditLimit: limit('100000.00') },
    ),
    asOf: AS_OF,
    expected: {
      level: ['HIGH', 'CRITICAL'],
      trend: 'STABLE',
      mainFactor: 'SMALL_INVOICES_ONLY',
      mustNotSay: [NOT_SLIPPING, NOT_PAYING_LATE],
      mustSay: [/small/i],
      exposure: '57000.00',
      overdue: '55000.00',
      creditBalance: '0.00',
      paidDbt: 0,
      alerts: ['OVERDUE', 'SMALL_INVOICES_ONLY'],
    },
  },
  {
    key: 'over-limit',
    title: 'Over the limit, paying on time',
    story: '8,000 a month paid on the due date; in November 14,000 and 12,000, both not yet due, against a 20,000 limit.',
    // Exposure 26,000 = 30% over 20,000. Nothing overdue, paid DBT 0. A clean payer 30% over its limit is a
    // conversation (raise the limit or hold orders), MODERATE, with the OVER_LIMIT alert.
    input: input(
      join(series('M', '8000.00', '2025-12', 11, () => 0), {
        invoices: [invoice('N-1', '14000.00', '2026-11-02'), invoice('N-2', '12000.00', '2026-11-16')],
        payments: [],
      }),
      { creditLimit: limit('20000.00') },
    ),
    asOf: AS_OF,
    expected: {
      level: 'MODERATE',
      trend: 'STABLE',
      mainFactor: 'OVER_LIMIT',
      mustNotSay: [NOT_SLIPPING, /overdue/i],
      exposure: '26000.00',
      overdue: '0.00',
      creditBalance: '0.00',
      paidDbt: 0,
      available: '-6000.00',
      alerts: ['OVER_LIMIT'],
    },
  },
  {
    key: 'nearing-limit',
    title: 'Nearing the limit (90%), paying on time',
    story: '10,000 a month paid on the due date; in November 25,000 and 20,000, not yet due, against a 50,000 limit.',
    // Exposure 45,000 = 90% of 50,000, available 5,000. A signal before being over: the sentence names the limit.
    input: input(
      join(series('M', '10000.00', '2025-12', 11, () => 0), {
        invoices: [invoice('N-1', '25000.00', '2026-11-05'), invoice('N-2', '20000.00', '2026-11-20')],
        payments: [],
      }),
      { creditLimit: limit('50000.00') },
    ),
    asOf: AS_OF,
    expected: {
      level: ['LOW', 'MODERATE'],
      trend: 'STABLE',
      mainFactor: /LIMIT|UTILI[SZ]/,
      mustNotSay: [NOT_SLIPPING, /overdue/i],
      mustSay: [/limit/i],
      exposure: '45000.00',
      overdue: '0.00',
      creditBalance: '0.00',
      paidDbt: 0,
      available: '5000.00',
      alerts: [],
    },
  },
  {
    key: 'disputed-invoice',
    title: 'A disputed invoice, not an overdue one',
    story: '4,000 a month paid on the due date; D-15K (due 13 Sep) held by a quality dispute opened 20 Sep, owner logistics.',
    // D-15K is owed (exposure 15,000 + Nov 4,000 = 19,000) but disputed, not late: overdue 0, no OVERDUE alert.
    input: input(
      join(series('M', '4000.00', '2025-12', 12, onTimeButLast(12)), {
        invoices: [invoice('D-15K', '15000.00', '2026-08-14', '2026-09-13')],
        payments: [],
      }),
      {
        creditLimit: limit('40000.00'),
        disputes: [{ id: 'DSP-1', kind: 'DISPUTE', ownerTeam: 'logistics', currency: 'EUR', invoiceIds: ['D-15K'], amount: null, openedAt: '2026-09-20' }],
      },
    ),
    asOf: AS_OF,
    expected: {
      level: ['LOW', 'MODERATE'],
      trend: 'STABLE',
      mainFactor: 'DISPUTED',
      mustNotSay: [/overdue/i, NOT_SLIPPING, NOT_SMALL_ONLY],
      exposure: '19000.00',
      overdue: '0.00',
      creditBalance: '0.00',
      paidDbt: 0,
      alerts: [],
    },
  },
  {
    key: 'erratic-payer',
    title: 'Erratic payer',
    story: '5,000 a month paid 0, 35, 5, 50, 2, 40, 10, 45, 0, 30, 3 days late (Dec–Oct); Nov not yet due.',
    // Paid DBT (0+35+5+50+2+40+10+45+0+30+3) / 11 = 220 / 11 = 20.0. Recent 26 vs before 17.8, well inside the
    // spread of their own swings (σ ≈ 19): no trend. 20 days beyond terms on average (medium risk on the usual
    // scales) with swings to 50 that nobody can plan on: MODERATE.
    input: input(series('E', '5000.00', '2025-12', 12, pattern([0, 35, 5, 50, 2, 40, 10, 45, 0, 30, 3, null])), { creditLimit: limit('20000.00') }),
    asOf: AS_OF,
    expected: {
      level: 'MODERATE',
      trend: 'STABLE',
      mainFactor: 'DAYS_BEYOND_TERMS',
      mustNotSay: [NOT_SLIPPING, NOT_IMPROVING],
      exposure: '5000.00',
      overdue: '0.00',
      creditBalance: '0.00',
      paidDbt: 20,
      alerts: [],
    },
  },
  {
    key: 'improving-payer',
    title: 'Improving payer',
    story: '6,000 a month: Dec–May paid 30 days late, then Jun 20, Jul 10, Aug 3, Sep and Oct on the due date; Nov not yet due.',
    // Paid DBT (6 × 30 + 20 + 10 + 3) / 11 = 213 / 11 = 19.4. Recent (Sep–Nov) 1 vs before 26: improving.
    // Now paying on time; the year's DBT still weighs and recovery is trusted more slowly than a slip: LOW, or
    // MODERATE for a cautious manager. Improving either way.
    input: input(series('I', '6000.00', '2025-12', 12, pattern([30, 30, 30, 30, 30, 30, 20, 10, 3, 0, 0, null])), { creditLimit: limit('20000.00') }),
    asOf: AS_OF,
    expected: {
      level: ['LOW', 'MODERATE'],
      trend: 'IMPROVING',
      mainFactor: 'DAYS_BEYOND_TERMS',
      mustNotSay: [NOT_SLIPPING],
      exposure: '6000.00',
      overdue: '0.00',
      creditBalance: '0.00',
      paidDbt: 19.4,
      alerts: [],
    },
  },
  {
    key: 'stopped-paying',
    title: 'Stopped paying four months ago',
    story: '7,000 a month: Dec–Jun paid 2 days late, Jul paid on 31 Jul; nothing received since. Aug, Sep, Oct overdue, Nov not yet due.',
    // Open: Aug (due 31 Aug, 91 dpd), Sep (60), Oct (30) = 21,000 overdue; + Nov = 28,000 exposure.
    // Paid DBT (7 × 2 + 0) / 8 = 1.75 → 1.8. No payment for four months where one came every month: slipping,
    // and the oldest is over 60 days: OVERDUE. HIGH at least.
    input: input(series('M', '7000.00', '2025-12', 12, pattern([2, 2, 2, 2, 2, 2, 2, 0, null, null, null, null])), { creditLimit: limit('40000.00') }),
    asOf: AS_OF,
    expected: {
      level: ['HIGH', 'CRITICAL'],
      trend: 'SLIPPING',
      mainFactor: /OVERDUE|SLIPPING|NO_PAYMENT|STOPPED/,
      mustNotSay: [NOT_IMPROVING, NOT_SMALL_ONLY],
      exposure: '28000.00',
      overdue: '21000.00',
      creditBalance: '0.00',
      paidDbt: 1.8,
      alerts: ['OVERDUE', 'PAYMENT_SLIPPING'],
    },
  },
  {
    key: 'partial-payments',
    title: 'Pays every invoice in two halves',
    story: '10,000 a month: half on the due date, half 30 days later (Dec–Sep); Oct: first half paid, second half open; Nov not yet due.',
    // Paid DBT: 10 × (5,000 × 0 + 5,000 × 30) + 5,000 × 0 = 1,500,000 / 105,000 = 14.3.
    // Open: Oct's 5,000 (due 31 Oct, 30 dpd) overdue + Nov 10,000 = 15,000. The same habit all year: stable.
    input: input(
      (() => {
        const rows = series('H', '10000.00', '2025-12', 12, () => null);
        rows.invoices.slice(0, 11).forEach((inv, i) => {
          const due = String(inv.dueAt);
          rows.payments.push(payment(`${inv.id}-p1`, inv.id, '5000.00', due));
          if (i < 10) rows.payments.push(payment(`${inv.id}-p2`, inv.id, '5000.00', plusDays(due, 30)));
        });
        return rows;
      })(),
      { creditLimit: limit('30000.00') },
    ),
    asOf: AS_OF,
    expected: {
      level: ['LOW', 'MODERATE'],
      trend: 'STABLE',
      mainFactor: 'DAYS_BEYOND_TERMS',
      mustNotSay: [NOT_SLIPPING, NOT_IMPROVING],
      exposure: '15000.00',
      overdue: '5000.00',
      creditBalance: '0.00',
      paidDbt: 14.3,
      alerts: [],
    },
  },
  {
    key: 'credit-note-unnamed',
    title: 'Short payment and a rebate credit note naming no invoice',
    story: 'P-6K (due 31 Aug) paid 5,000 on 31 Aug; a 1,000 rebate credit note (5 Sep) names no invoice. 3,000 a month otherwise, on time.',
    // The credit note goes to the oldest open invoice, P-6K's 1,000: settled. Open: Nov 3,000, current.
    // Nothing overdue, no credit left, paid DBT 0 (3,000 × 11 and 5,000, all on the due date).
    input: input(
      join(series('M', '3000.00', '2025-12', 12, onTimeButLast(12)), {
        invoices: [invoice('P-6K', '6000.00', '2026-08-01', '2026-08-31'), invoice('CN-REBATE', '-1000.00', '2026-09-05')],
        payments: [payment('P-6K-p', 'P-6K', '5000.00', '2026-08-31')],
      }),
      { creditLimit: limit('20000.00') },
    ),
    asOf: AS_OF,
    expected: {
      level: 'LOW',
      trend: 'STABLE',
      mainFactor: null,
      mustNotSay: [/overdue/i],
      exposure: '3000.00',
      overdue: '0.00',
      creditBalance: '0.00',
      paidDbt: 0,
      alerts: [],
    },
  },
  {
    key: 'healthy-large',
    title: 'Healthy large customer, many invoices',
    story: '45-day terms; invoices on the 1st and 15th since March (49,000–80,000), each paid on its due date or up to 3 days early.',
    // Paid: Mar 1 – Oct 15 (16 invoices, the last due 29 Nov). Open: 1 Nov 78,000 (due 16 Dec) + 15 Nov 65,000
    // (due 30 Dec) = 143,000 of a 400,000 limit; nothing overdue; paid DBT 0.
    input: input(
      (() => {
        const amounts = [50, 62, 48, 75, 55, 66, 58, 71, 49, 80, 63, 57, 69, 52, 74, 61, 78, 65];
        const early = [0, -2, 0, -1, -3, 0];
        const rows: Rows = { invoices: [], payments: [] };
        amounts.forEach((thousands, i) => {
          const issued = dayToIso(monthStartDay('2026-03', Math.floor(i / 2)) + (i % 2) * 14);
          const id = `H-${issued}`;
          rows.invoices.push(invoice(id, `${thousands}000.00`, issued));
          if (i < 16) rows.payments.push(payment(`${id}-p`, id, `${thousands}000.00`, plusDays(issued, 45 + (early[i % early.length] ?? 0))));
        });
        return rows;
      })(),
      { termsDays: 45, creditLimit: limit('400000.00') },
    ),
    asOf: AS_OF,
    expected: {
      level: 'LOW',
      trend: 'STABLE',
      mainFactor: null,
      mustNotSay: [NOT_SLIPPING, NOT_IMPROVING, /overdue/i],
      exposure: '143000.00',
      overdue: '0.00',
      creditBalance: '0.00',
      paidDbt: 0,
      alerts: [],
    },
  },
  {
    key: 'seasonal-big-invoices',
    title: 'Seasonal: the big Q4 invoice paid the same way both years (probe P-SEAS)',
    story:
      '40,000 in Oct and Nov 2025, each paid 20 days late (20 Nov, 21 Dec); 5,000 a month Jan–Sep 2026 paid on the due date; 40,000 (Oct 2026) paid 20 days late on 20 Nov; 45,000 (due 1 Dec, 4 dpd) and 40,000 (due 9 Dec) open. Limit 92,000. As of 5 Dec.',
    // Open: 45,000 (4 dpd) + 40,000 (current) = 85,000 of 92,000 (92%); overdue 45,000.
    // Paid in 12 months (from 6 Dec 2025): 40,000 at 20 (21 Dec), 9 × 5,000 at 0, 40,000 at 20 (20 Nov 2026)
    // → 1,600,000 / 125,000 = 12.8. Last 90 days: the Sep invoice at 0 and Oct's 40,000 at 20 → 17.8.
    // Like with like: this year's big Q4 invoice was paid exactly as last year's (20 days late) and the monthly
    // ones exactly as before (on the due date): no slip, only a heavier mix of big invoices in the last 90 days.
    // Last year's same 90 days hold one paid invoice (20 Nov 2025; the 21 Dec one falls just after), too few to
    // be the norm by themselves. What is said: a habit of ~20 days on the big ones and a limit nearly used: MODERATE.
    input: input(
      join(
        {
          invoices: [invoice('SEA-2025-10', '40000.00', '2025-10-01', '2025-10-31'), invoice('SEA-2025-11', '40000.00', '2025-11-01', '2025-12-01')],
          payments: [payment('PSEA-2025-10', 'SEA-2025-10', '40000.00', '2025-11-20'), payment('PSEA-2025-11', 'SEA-2025-11', '40000.00', '2025-12-21')],
        },
        series('SEA', '5000.00', '2026-01', 9, () => 0),
        {
          invoices: [
            invoice('SEA-2026-10', '40000.00', '2026-10-01', '2026-10-31'),
            invoice('SEA-2026-11', '45000.00', '2026-11-01', '2026-12-01'),
            invoice('SEA-2026-11b', '40000.00', '2026-11-09', '2026-12-09'),
          ],
          payments: [payment('PSEA-2026-10', 'SEA-2026-10', '40000.00', '2026-11-20')],
        },
      ),
      { creditLimit: limit('92000.00') },
    ),
    asOf: '2026-12-05',
    expected: {
      level: 'MODERATE',
      trend: 'STABLE',
      mainFactor: /LIMIT|DAYS_BEYOND_TERMS/,
      mustNotSay: [NOT_SLIPPING, NOT_IMPROVING],
      mustSay: [/limit/i, /beyond terms/i],
      exposure: '85000.00',
      overdue: '45000.00',
      creditBalance: '0.00',
      paidDbt: 12.8,
      alerts: [],
    },
  },
  {
    key: 'slip-counted-once',
    title: 'On the due date for 8 months, then 70 and 64 days late (probe P-SLIP)',
    story:
      '10,000 a month from Dec 2025: Dec–Jul paid on the due date; Aug paid 70 days late (9 Nov), Sep 64 days late (4 Dec); Oct (due 31 Oct, 35 dpd) and Nov (due 1 Dec, 4 dpd) open. Limit 50,000. As of 5 Dec.',
    // Paid in 12 months: 8 × 0 + 70 + 64 → 1,340,000 / 100,000 = 13.4; last 90 days (70 + 64) / 2 = 67.
    // Open 20,000, all overdue (35 and 4 dpd). The recent lateness is one fact: the slip (0 → 67 days) carries it,
    // so days beyond terms is the year's 13.4, not the 90-day 67 a second time. A sharp slip with two invoices
    // overdue: HIGH, not CRITICAL.
    input: input(series('SLIP', '10000.00', '2025-12', 12, pattern([0, 0, 0, 0, 0, 0, 0, 0, 70, 64, null, null])), { creditLimit: limit('50000.00') }),
    asOf: '2026-12-05',
    expected: {
      level: 'HIGH',
      trend: 'SLIPPING',
      mainFactor: 'PAYMENT_SLIPPING',
      mustNotSay: [NOT_IMPROVING, /beyond terms on average over the last 90 days/i],
      mustSay: [/later than their own norm/i, /beyond terms on average over the last 12 months/i],
      exposure: '20000.00',
      overdue: '20000.00',
      creditBalance: '0.00',
      paidDbt: 13.4,
      alerts: ['PAYMENT_SLIPPING'],
    },
  },
  {
    key: 'all-overdue-90-plus',
    title: 'Everything owed is more than 90 days past due',
    story: '8,000 a month Dec 2025–Aug 2026, Dec–Jun paid on the due date; Jul (due 31 Jul) and Aug (due 31 Aug) unpaid; nothing invoiced since.',
    // Open: Jul 122 dpd + Aug 91 dpd = 16,000, all of it 90+ days past due; paid DBT 0 (every payment on time).
    // No invoice fell due in the last 90 days and none was paid: no trend to call (nothing to compare), and no
    // payment was late. The whole exposure is a collection case: HIGH, with the OVERDUE alert (oldest > 120: severe).
    input: input(series('C', '8000.00', '2025-12', 9, (i) => (i < 7 ? 0 : null)), { creditLimit: limit('30000.00') }),
    asOf: AS_OF,
    expected: {
      level: 'HIGH',
      trend: 'STABLE',
      mainFactor: 'OVERDUE',
      mustNotSay: [NOT_SLIPPING, NOT_SMALL_ONLY, NOT_PAYING_LATE],
      exposure: '16000.00',
      overdue: '16000.00',
      creditBalance: '0.00',
      paidDbt: 0,
      alerts: ['OVERDUE'],
    },
  },
];
