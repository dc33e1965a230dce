/**
 * Input and output of `computePaymentBehaviour`. The input is one account's rows only; the output is plain
 * JSON (numbers, strings, arrays), so the server can store it as the account's metrics and recompute it from
 * that account's rows after every import. Amounts are integer minor units (see money.ts).
 */
import type { PaymentTrend } from '@earshot/shared';
import type { DateInput, IsoDate, IsoMonth } from './calendar.js';
import type { DisputedItem, DisputeFact } from './disputes.js';
import type { MinorUnits } from './money.js';

export interface LedgerInvoice {
  id: string;
  number?: string;
  currency: string;
  /** Negative = credit note: reduces exposure, never aged, never overdue. */
  amount: MinorUnits;
  issuedAt: DateInput;
  /** When missing, the account's terms apply: issuedAt + termsDays. */
  dueAt?: DateInput | null;
  /** For a credit note: the `id` of the invoice it credits (applied there first, the rest to the oldest open invoices). */
  appliesToInvoiceId?: string | null;
}

export interface LedgerPayment {
  id: string;
  /** The `id` of the invoice it settles (payments are in that invoice's currency; validation enforces it). */
  invoiceId: string;
  amount: MinorUnits;
  receivedAt: DateInput;
}

export interface PaymentBehaviourInput {
  /** The account's currency: every headline metric is in it; other currencies are reported apart. */
  currency: string;
  termsDays: number;
  creditLimit: MinorUnits | null;
  anticipatedMonthlyPurchases: MinorUnits | null;
  invoices: readonly LedgerInvoice[];
  payments: readonly LedgerPayment[];
  /** The account's OPEN disputes (disputes.ts); default none. */
  disputes?: readonly DisputeFact[];
  /**
   * Units of the account currency per 1 unit of another currency ({ USD: 0.92 } on a EUR account), from the
   * reporting-currency rates. A currency missing here is shown on its own and listed in `allCurrencies.unconverted`.
   */
  rates?: Readonly<Record<string, number>>;
}

/** Open invoice amounts by days past due as of asOf. Keys match the GraphQL `aging` type. */
export interface AgingBuckets {
  current: MinorUnits;
  d1_30: MinorUnits;
  d31_60: MinorUnits;
  d61_90: MinorUnits;
  d90plus: MinorUnits;
}

/** Balances in one currency, never converted: a second currency is shown beside, not summed into, the first. */
export interface CurrencyBalance {
  currency: string;
  invoiceCount: number;
  openInvoiceAmount: MinorUnits;
  creditBalance: MinorUnits;
  exposure: MinorUnits;
  overdueAmount: MinorUnits;
  /** Open amounts of invoices in an open dispute: in exposure, not in overdue or aging. */
  disputedAmount: MinorUnits;
  aging: AgingBuckets;
  /** Days past due of the oldest undisputed overdue invoice in this currency; null when none. */
  oldestOverdueDays: number | null;
  /** Units of the account currency per unit of this one (1 for the account's own); null when no rate is known. */
  rateToAccountCurrency: number | null;
}

/** Every currency's figures converted into the account currency (currencies without a rate are left out and named). */
export interface ConvertedTotals {
  exposure: MinorUnits;
  openInvoiceAmount: MinorUnits;
  overdueAmount: MinorUnits;
  creditBalance: MinorUnits;
  aging: AgingBuckets;
  /** Currencies with amounts but no rate: not in these totals (their own figures are in `currencies`). */
  unconverted: string[];
}

export interface MonthlyBehaviour {
  month: IsoMonth;
  /** Invoices issued in the month (credit notes excluded, see `credited`). */
  invoiced: MinorUnits;
  /** Credit notes issued in the month, as a positive amount. */
  credited: MinorUnits;
  /** Cash received in the month, overpayments included. */
  paid: MinorUnits;
  avgDaysToPay: number | null;
  daysBeyondTerms: number | null;
}

export interface OverdueInvoice {
  id: string;
  number: string | null;
  currency: string;
  amount: MinorUnits;
  outstanding: MinorUnits;
  dueAt: IsoDate;
  daysPastDue: number;
}

export interface TrendDetail {
  recentDays: number;
  baselineDays: number;
  /**
   * The baseline: the same 90 days one year earlier when enough invoices were paid then (like with like for a
   * seasonal customer), else the months before the recent window.
   */
  comparison: 'SAME_SEASON_LAST_YEAR' | 'PRIOR_MONTHS';
  /**
   * True when recent invoices were compared with earlier invoices of similar size rather than with the whole
   * baseline (the mix of sizes differs); the sentence then says so. Absent in behaviour computed before.
   */
  bySize?: boolean;
  /**
   * Mean lateness per paid invoice (days paid after the due date, negative = early): of the recent window, and the
   * customer's norm for those invoices (the baseline's invoices of similar size; the whole baseline when sizes
   * do not differ, or with no recent invoice).
   */
  recentLateness: number | null;
  baselineLateness: number | null;
  /** recent − baseline, in days; positive = paying later than their own norm. */
  change: number | null;
  /** The change needed to call a trend: the larger of a fixed minimum and the baseline's own spread. */
  threshold: number | null;
  recentInvoiceCount: number;
  baselineInvoiceCount: number;
  sufficientHistory: boolean;
  /**
   * Nothing received in the recent window while invoices fell due in it: the recent figures are then those open
   * invoices' days past due so far (a lower bound), and the trend says "stopped paying", not "paying later".
   */
  stoppedPaying: boolean;
}

export interface SmallNotLargePattern {
  detected: boolean;
  /** Median amount of the invoices issued in the last 12 months; null when too few to tell. */
  medianAmount: MinorUnits | null;
  largeUnpaidInvoiceIds: string[];
  smallPaidInvoiceIds: string[];
}

export interface PurchasesVsAnticipated {
  months: IsoMonth[];
  actualMonthlyAverage: MinorUnits;
  anticipatedMonthly: MinorUnits;
  /** actual / anticipated, 3 decimals: 0.6 = buying 60% of what they said they would. */
  ratio: number;
}

export interface PaymentBehaviour {
  asOf: IsoDate;
  currency: string;
  termsDays: number;
  creditLimit: MinorUnits | null;
  /** What the customer owes net: open invoices (after credit notes and cash are applied) − unapplied credit, never below 0. */
  exposure: MinorUnits;
  openInvoiceAmount: MinorUnits;
  /** Credit (credit notes and cash) no open invoice has taken by asOf, as a positive amount (invoice-settlement.ts). */
  creditBalance: MinorUnits;
  /** creditLimit − allCurrencies.exposure (negative when over); null without a limit. */
  availableCredit: MinorUnits | null;
  overLimit: boolean;
  /** Past due and not in a dispute naming the invoice: always the sum of the past-due aging buckets (disputes.ts). */
  overdueAmount: MinorUnits;
  /** In the account's currency: open amounts of disputed invoices plus disputes given as an amount. Still in exposure. */
  disputedAmount: MinorUnits;
  /** Invoices held by open disputes (any currency). */
  disputedInvoiceIds: string[];
  /** The open disputes, oldest first. */
  disputes: DisputedItem[];
  /** overdueAmount / the open invoices not in a dispute naming them, 3 decimals; null when none is open. */
  overdueShare: number | null;
  /** Days past due of the account currency's oldest undisputed overdue invoice (other currencies: `currencies`). */
  oldestOverdueDays: number | null;
  /** Open invoices past due and not disputed, in every currency (each with its own), most days past due first. */
  overdueInvoices: OverdueInvoice[];
  aging: AgingBuckets;
  /** ADP: amount-weighted days from issue to payment over the last 12 months; null without payments. */
  averageDaysToPay: number | null;
  /** Paid DBT: amount-weighted days paid after the due date (early = 0) over the payments of the last 12 months (payment-timing.ts). */
  daysBeyondTerms: number | null;
  /** The same as `daysBeyondTerms` (kept for metrics stored before the headline became paid-only). */
  paidDaysBeyondTerms: number | null;
  /** Paid DBT over the payments of the last 90 days: how late they pay now. */
  recentDaysBeyondTerms: number | null;
  /** Countback DSO on the account currency's receivables (payment-timing.ts); null without sales. */
  dso: number | null;
  /** Best possible DSO: the countback of the current (not yet due) receivables over the same months as `dso` (≤ dso); null without sales. */
  bestPossibleDso: number | null;
  /** Every currency with rows, the account's own first. */
  currencies: CurrencyBalance[];
  /** All currencies converted into the account currency (what the score, the limit and the alerts use). */
  allCurrencies: ConvertedTotals;
  /** allCurrencies.exposure ÷ creditLimit, 3 decimals; null without a (positive) limit. */
  limitUtilisation: number | null;
  /** The 12 months ending with asOf's month, oldest first. */
  monthly: MonthlyBehaviour[];
  trend: PaymentTrend;
  trendDetail: TrendDetail;
  smallNotLarge: SmallNotLargePattern;
  purchasesVsAnticipated: PurchasesVsAnticipated | null;
  lastPaymentAt: IsoDate | null;
  otherCurrencies: CurrencyBalance[];
  /**
   * payments: cash receipts counted (ignored ones apart); paidInvoices: invoices fully settled with at least one cash
   * application, any currency, any date up to asOf (a credit note alone is no payment history).
   */
  counts: { invoices: number; openInvoices: number; payments: number; ignoredPayments: number; paidInvoices: number };
}
