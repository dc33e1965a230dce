/**
 * Risk factors from the customer's own ledger: the part of the score no good news can talk down. Each fact is
 * counted once: how late they pay (DBT), whether that is changing (the trend, of paid invoices), what is open
 * and past due now (OVERDUE, every currency), where the cash goes (small-not-large), the limit, disputes,
 * purchases. Every factor has a sentence with the figures (credit) and one in words only (sales).
 */
import type { AgingBuckets, CurrencyBalance, PaymentBehaviour } from './behaviour-types.js';
import { describeDisputed, DISPUTE_KIND_WORDS } from './disputes.js';
import { describeMoney } from './money.js';
import { capPoints, type RawFactor, sumPoints } from './risk-factor.js';
import { LEDGER_POINTS as W } from './risk-weights.js';

const pct = (share: number) => `${Math.round(share * 100)}%`;
const days = (n: number) => `${n} day${Math.abs(n) === 1 ? '' : 's'}`;

/** "14 days after the due date", "3 days before the due date", "on the due date". */
export function describeLateness(lateness: number): string {
  if (lateness === 0) return 'on the due date';
  return `${days(Math.abs(lateness))} ${lateness > 0 ? 'after' : 'before'} the due date`;
}

/** What the trend compares with, as the sentence names it (and whether like with like in size). */
export function describeBaseline(comparison: PaymentBehaviour['trendDetail']['comparison'] | undefined, bySize = false): string {
  return `${comparison === 'SAME_SEASON_LAST_YEAR' ? 'the same months last year' : 'before that'}${bySize ? ', for invoices of similar size' : ''}`;
}

const BUCKETS = ['d1_30', 'd31_60', 'd61_90', 'd90plus'] as const;
const openOf = (aging: AgingBuckets) => aging.current + BUCKETS.reduce((s, k) => s + aging[k], 0);
const pastDueOf = (aging: AgingBuckets) => BUCKETS.reduce((s, k) => s + aging[k], 0);
/** Share of the open (undisputed) amount that is past due, each bucket weighted by its age. */
const ageWeightedShare = (aging: AgingBuckets) => {
  const open = openOf(aging);
  return open > 0 ? BUCKETS.reduce((s, k) => s + aging[k] * W.overdueAgeWeights[k], 0) / open : 0;
};

/** Every currency's balance; behaviour computed before the per-currency figures has only the headline. */
function balances(b: PaymentBehaviour): CurrencyBalance[] {
  if (b.currencies?.length) return b.currencies;
  return [
    {
      currency: b.currency,
      invoiceCount: b.counts.invoices,
      openInvoiceAmount: b.openInvoiceAmount,
      creditBalance: b.creditBalance,
      exposure: b.exposure,
      overdueAmount: b.overdueAmount,
      disputedAmount: b.disputedAmount,
      aging: b.aging,
      oldestOverdueDays: b.oldestOverdueDays,
      rateToAccountCurrency: 1,
    },
  ];
}

/**
 * Open overdue in words for sales, from the overdue invoices (every currency) — or, for a currency the list
 * does not cover, its oldest overdue invoice.
 */
function overdueInWords(b: PaymentBehaviour, currencies: readonly CurrencyBalance[]): string {
  const ages = b.overdueInvoices.map((inv) => inv.daysPastDue);
  const listed = new Set(b.overdueInvoices.map((inv) => inv.currency ?? b.currency));
  for (const c of currencies) if (c.overdueAmount > 0 && !listed.has(c.currency) && c.oldestOverdueDays !== null) ages.push(c.oldestOverdueDays);
  const long = ages.filter((d) => d > W.overdueLongDays).length;
  const month = ages.filter((d) => d > 30).length;
  if (long > 1) return 'Several invoices are more than two months overdue';
  if (long === 1) return 'An invoice is more than two months overdue';
  if (month > 1) return 'Several invoices are more than a month overdue';
  if (month === 1) return 'An invoice is more than a month overdue';
  return ages.length > 1 ? 'Several invoices are overdue' : 'An invoice is overdue';
}

/**
 * OVERDUE: open undisputed past-due amounts in every currency, converted at the account's rates and weighted by
 * age. A currency without a rate cannot be summed: it is scored on its own share, and the larger score counts.
 */
function overdueFactor(b: PaymentBehaviour): RawFactor | null {
  const currencies = balances(b);
  const converted = currencies.filter((c) => c.rateToAccountCurrency !== null);
  const unconverted = currencies.filter((c) => c.rateToAccountCurrency === null && c.overdueAmount > 0);
  const aging = b.allCurrencies?.aging ?? b.aging;
  const overdue = pastDueOf(aging);
  if (overdue === 0 && unconverted.length === 0) return null;

  const share = Math.max(ageWeightedShare(aging), ...unconverted.map((c) => ageWeightedShare(c.aging)));
  const parts: string[] = [];
  if (overdue > 0) {
    const oldest = Math.max(0, ...converted.filter((c) => c.overdueAmount > 0).map((c) => c.oldestOverdueDays ?? 0));
    const others = converted.filter((c) => c.currency !== b.currency && c.overdueAmount > 0);
    const including = others.length ? ` (including ${others.map((c) => `${describeMoney(c.overdueAmount, c.currency)} at ${c.rateToAccountCurrency}`).join(', ')})` : '';
    // "open and undisputed" only when disputed invoices were left out: otherwise the open amount reads as the exposure.
    const undisputed = converted.some((c) => c.disputedAmount > 0) ? ' and undisputed' : '';
    parts.push(`${describeMoney(overdue, b.currency)} of ${describeMoney(openOf(aging), b.currency)} open${undisputed} is past due, the oldest ${days(oldest)}${including}`);
  }
  for (const c of unconverted)
    parts.push(
      `${describeMoney(c.overdueAmount, c.currency)} of ${describeMoney(openOf(c.aging), c.currency)} open${c.disputedAmount > 0 ? ' and undisputed' : ''} is past due, the oldest ${days(c.oldestOverdueDays ?? 0)} (no ${c.currency} rate)`,
    );
  return {
    code: 'OVERDUE',
    label: 'Overdue invoices',
    group: 'LEDGER',
    points: Math.min(W.overdueMaxPoints, share * W.overduePoints),
    detail: parts.join('; '),
    salesDetail: overdueInWords(b, currencies),
  };
}

/**
 * DAYS_BEYOND_TERMS: how late they pay (paid DBT, never open invoices): the larger of the 12-month and the 90-day
 * figure, so a recent habit counts in full — except when the trend is SLIPPING. The slip then carries the recent
 * lateness (PAYMENT_SLIPPING grows with it), and DBT reads the 12 months: the same late payments counted twice
 * made an 8-month on-time payer who paid two invoices ~67 days late CRITICAL (probe P-SLIP).
 */
function daysBeyondTermsFactor(b: PaymentBehaviour): RawFactor | null {
  const year = b.paidDaysBeyondTerms;
  const recent = b.recentDaysBeyondTerms ?? null;
  if (year === null && recent === null) return null;
  const useRecent = recent !== null && (year === null || (b.trend !== 'SLIPPING' && recent > year));
  const dbt = useRecent ? recent : year!;
  const points = Math.min(W.dbtMaxPoints, Math.max(0, dbt - W.dbtGraceDays) * W.dbtPointsPerDay);
  if (points === 0) return null;
  return {
    code: 'DAYS_BEYOND_TERMS',
    label: 'Days beyond terms',
    group: 'LEDGER',
    points,
    detail: `Paid ${days(dbt)} beyond terms on average over the last ${useRecent ? '90 days' : '12 months'} (paid DBT, amount-weighted)`,
    // The window in the tense it is true in: a year's figure may be old habit (an improving payer), the 90 days' is now.
    salesDetail: useRecent
      ? dbt >= W.dbtWellAfterDays
        ? 'Pays well after the due date'
        : 'Pays somewhat after the due date'
      : dbt >= W.dbtWellAfterDays
        ? 'Has paid well after the due date over the past year'
        : 'Has paid somewhat after the due date over the past year',
  };
}

/** PAYMENT_SLIPPING grows with the size of the change; PAYMENT_IMPROVING is a fixed reduction. */
function trendFactor(b: PaymentBehaviour): RawFactor | null {
  const t = b.trendDetail;
  if (t.change === null || t.threshold === null) return null;
  const before = describeBaseline(t.comparison, t.bySize);
  const windows = `average lateness per invoice, not amount-weighted, last ${t.recentDays} days: ${describeLateness(t.recentLateness ?? 0)}; ${before}: ${describeLateness(t.baselineLateness ?? 0)}`;
  // In words for sales, against what the trend compared: last year's same months are not "a few months ago".
  const ago = t.comparison === 'SAME_SEASON_LAST_YEAR' ? 'in the same months last year' : 'a few months ago';
  if (b.trend === 'SLIPPING') {
    const points = Math.min(W.slippingMaxPoints, W.slippingBasePoints + W.slippingPointsPerDay * Math.max(0, t.change - t.threshold));
    return t.stoppedPaying
      ? {
          code: 'PAYMENT_SLIPPING',
          label: 'Stopped paying',
          group: 'LEDGER',
          points,
          detail: `Nothing paid in the last ${t.recentDays} days while ${t.recentInvoiceCount} invoices fell due, now ${days(t.recentLateness ?? 0)} past due on average (${before}, they paid ${describeLateness(t.baselineLateness ?? 0)} per invoice)`,
          salesDetail: 'Has stopped paying in recent months',
        }
      : {
          code: 'PAYMENT_SLIPPING',
          label: 'Paying later',
          group: 'LEDGER',
          points,
          detail: `Paying ${days(t.change)} later than their own norm (${windows})`,
          salesDetail: `Pays noticeably later than ${ago}`,
        };
  }
  if (b.trend === 'IMPROVING')
    return {
      code: 'PAYMENT_IMPROVING',
      label: 'Paying earlier',
      group: 'LEDGER',
      points: W.improvingPoints,
      detail: `Paying ${days(-t.change)} earlier than their own norm (${windows})`,
      salesDetail: `Pays sooner than ${ago}`,
    };
  return null;
}

/**
 * The limit as the factors and the OVER_LIMIT alert read it: exposure in every currency (converted) and the
 * share of the limit it uses (null without a positive limit).
 */
export function limitUse(b: PaymentBehaviour): { exposure: number; used: number | null; over: boolean } {
  const exposure = b.allCurrencies?.exposure ?? b.exposure;
  const limit = b.creditLimit;
  if (limit === null) return { exposure, used: null, over: false };
  if (limit <= 0) return { exposure, used: null, over: exposure > 0 };
  const used = b.limitUtilisation ?? exposure / limit;
  return { exposure, used, over: used > 1 };
}

/**
 * How far over the limit, said the way a credit manager reads it: a share while it is less than the limit again
 * ("Exposure EUR 10,000.00 is 25% over the EUR 8,000.00 credit limit"), then the amount over and how many times the
 * limit the exposure is ("Exposure EUR 7,827.90 is EUR 7,818.90 over the EUR 9.00 credit limit (870 times the limit)"):
 * "86877% over" says nothing a reader can use.
 */
function overLimitDetail(exposure: string, over: string, limit: string, used: number): string {
  if (used < 2) return `Exposure ${exposure} is ${pct(used - 1)} over the ${limit} credit limit`;
  const times = used < 10 ? String(Math.round(used * 10) / 10) : Math.round(used).toLocaleString('en-GB');
  return `Exposure ${exposure} is ${over} over the ${limit} credit limit (${times} times the limit)`;
}

/** LIMIT_NEARLY_USED from 75% in use, OVER_LIMIT beyond 100%: exposure in every currency (converted). */
function limitFactor(b: PaymentBehaviour): RawFactor | null {
  const limit = b.creditLimit;
  if (limit === null) return null;
  const { exposure, used } = limitUse(b);
  const money = (amount: number) => describeMoney(amount, b.currency);
  if (used === null)
    return exposure > 0
      ? {
          code: 'OVER_LIMIT',
          label: 'Over credit limit',
          group: 'LEDGER',
          points: W.overLimitMaxPoints,
          detail: `Exposure ${money(exposure)} against a credit limit of ${money(limit)}`,
          salesDetail: 'Over its credit limit',
        }
      : null;
  if (used > 1)
    return {
      code: 'OVER_LIMIT',
      label: 'Over credit limit',
      group: 'LEDGER',
      points: Math.min(W.overLimitMaxPoints, W.overLimitBasePoints + (used - 1) * W.overLimitPointsPerOverage),
      detail: overLimitDetail(money(exposure), money(exposure - limit), money(limit), used),
      salesDetail: 'Over its credit limit',
    };
  if (used >= W.limitNearlyUsedFrom) {
    const points = ((used - W.limitNearlyUsedFrom) / (1 - W.limitNearlyUsedFrom)) * W.limitNearlyUsedMaxPoints;
    if (points > 0)
      return {
        code: 'LIMIT_NEARLY_USED',
        label: 'Credit limit nearly used',
        group: 'LEDGER',
        points,
        detail: `${pct(used)} of the ${money(limit)} credit limit in use (exposure ${money(exposure)})`,
        salesDetail: 'Close to its credit limit',
      };
  }
  return null;
}

export function ledgerFactors(b: PaymentBehaviour): RawFactor[] {
  const factors: RawFactor[] = [daysBeyondTermsFactor(b), trendFactor(b), overdueFactor(b), limitFactor(b)].filter((f) => f !== null);
  const add = (code: string, label: string, points: number, detail: string, salesDetail: string) => {
    if (points !== 0) factors.push({ code, label, group: 'LEDGER', points, detail, salesDetail });
  };
  const money = (amount: number) => describeMoney(amount, b.currency);

  const snl = b.smallNotLarge;
  if (snl.detected)
    add(
      'SMALL_INVOICES_ONLY',
      'Paying small invoices only',
      W.smallNotLargePoints,
      `Paid ${countOf(snl.smallPaidInvoiceIds.length, 'smaller invoice')} issued after the large ones, while ${largeUnpaid(snl.largeUnpaidInvoiceIds.length)}`,
      'Pays the small invoices while large ones stay unpaid',
    );

  // Held up by a dispute, not paying late (seed 001): its own reason, in words a credit manager writes.
  // Behaviour stored before disputes existed has no `disputes`.
  const disputes = b.disputes ?? [];
  if (disputes.length > 0) {
    const share = b.openInvoiceAmount > 0 ? Math.min(1, b.disputedAmount / b.openInvoiceAmount) : 1;
    add(
      'DISPUTED',
      // No count in the label: SALES reads it too (the credit sentence lists each dispute).
      disputes.length === 1 ? 'Dispute open' : 'Disputes open',
      W.disputeBasePoints + share * W.disputeShareMaxPoints,
      disputes.map(describeDisputed).join('; '),
      disputes.map((d) => `A ${DISPUTE_KIND_WORDS[d.kind]} is holding up payment, owner: ${d.ownerTeam}`).join('; '),
    );
  }

  const plan = b.purchasesVsAnticipated;
  if (plan && plan.ratio < W.purchasesBelowRatio)
    add(
      'PURCHASES_BELOW_PLAN',
      'Buying less than anticipated',
      W.purchasesBelowPoints,
      `Buying ${pct(plan.ratio)} of the anticipated ${money(plan.anticipatedMonthly)} a month (${plan.months[0]} to ${plan.months.at(-1)})`,
      'Buying well below what was anticipated',
    );

  // The improving trend may offset other ledger points but never push the ledger part below zero.
  const positive = capPoints(
    factors.filter((f) => f.points > 0),
    W.ledgerMaxPoints,
  );
  const negative = factors.filter((f) => f.points < 0);
  const reduction = -sumPoints(negative);
  const allowed = Math.min(reduction, sumPoints(positive));
  const bounded = negative.map((f) => ({ ...f, points: (f.points * allowed) / reduction }));
  return [...positive, ...bounded.filter((f) => f.points !== 0)];
}

/** "1 smaller invoice", "6 smaller invoices": a count with its noun in the right number. */
export function countOf(n: number, noun: string): string {
  return `${n} ${n === 1 ? noun : `${noun}s`}`;
}

/** "1 large one stays unpaid", "3 large ones stay unpaid". */
export function largeUnpaid(n: number): string {
  return n === 1 ? '1 large one stays unpaid' : `${n} large ones stay unpaid`;
}
