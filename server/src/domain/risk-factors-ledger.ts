/** Risk factors from the customer's own ledger: the part of the score no good news can talk down. */
import type { PaymentBehaviour } from './behaviour-types.js';
import { describeDisputed } from './disputes.js';
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

export function ledgerFactors(b: PaymentBehaviour): RawFactor[] {
  const factors: RawFactor[] = [];
  const add = (code: string, label: string, points: number, detail: string) => {
    if (points !== 0) factors.push({ code, label, group: 'LEDGER', points, detail });
  };
  const money = (amount: number) => describeMoney(amount, b.currency);

  if (b.daysBeyondTerms !== null)
    add(
      'DAYS_BEYOND_TERMS',
      'Days beyond terms',
      Math.min(W.dbtMaxPoints, Math.max(0, b.daysBeyondTerms - W.dbtGraceDays) * W.dbtPointsPerDay),
      `Paying on average ${days(b.daysBeyondTerms)} beyond terms (amount-weighted, last 12 months, open overdue invoices included)`,
    );
  if (b.overdueShare !== null && b.overdueAmount > 0)
    add('OVERDUE_SHARE', 'Overdue invoices', b.overdueShare * W.overdueShareMaxPoints, `${pct(b.overdueShare)} of open invoices are past due (${money(b.overdueAmount)})`);
  const severe = b.aging.d61_90 + b.aging.d90plus;
  if (severe > 0 && b.openInvoiceAmount > 0)
    add('SEVERELY_OVERDUE', 'More than 60 days overdue', (severe / b.openInvoiceAmount) * W.severeOverdueMaxPoints, `${money(severe)} is more than 60 days past due`);

  const t = b.trendDetail;
  const norm = () =>
    `last ${t.recentDays} days: ${describeLateness(t.recentLateness ?? 0)}, before that ${describeLateness(t.baselineLateness ?? 0)}`;
  if (b.trend === 'SLIPPING')
    add('PAYMENT_SLIPPING', 'Paying later', W.slippingPoints, `Paying ${days(t.change ?? 0)} later than their own norm (${norm()})`);
  if (b.trend === 'IMPROVING')
    add('PAYMENT_IMPROVING', 'Paying earlier', W.improvingPoints, `Paying ${days(-(t.change ?? 0))} earlier than their own norm (${norm()})`);

  const snl = b.smallNotLarge;
  if (snl.detected)
    add(
      'SMALL_INVOICES_ONLY',
      'Paying small invoices only',
      W.smallNotLargePoints,
      `Paid ${snl.smallPaidInvoiceIds.length} smaller, later invoices while ${snl.largeUnpaidInvoiceIds.length} large one(s) stay unpaid`,
    );

  if (b.overLimit && b.creditLimit !== null) {
    const overage = b.creditLimit > 0 ? (b.exposure - b.creditLimit) / b.creditLimit : 1;
    add(
      'OVER_LIMIT',
      'Over credit limit',
      Math.min(W.overLimitMaxPoints, W.overLimitBasePoints + overage * W.overLimitPointsPerOverage),
      `Exposure ${money(b.exposure)} is ${b.creditLimit > 0 ? pct(overage) : 'entirely'} over the ${money(b.creditLimit)} credit limit`,
    );
  }

  // Held up by a dispute, not paying late (seed 001): its own reason, in words a credit manager writes.
  // Behaviour stored before disputes existed has no `disputes`.
  const disputes = b.disputes ?? [];
  if (disputes.length > 0) {
    const share = b.openInvoiceAmount > 0 ? Math.min(1, b.disputedAmount / b.openInvoiceAmount) : 1;
    add(
      'DISPUTED',
      disputes.length === 1 ? 'Dispute open' : `${disputes.length} disputes open`,
      W.disputeBasePoints + share * W.disputeShareMaxPoints,
      disputes.map(describeDisputed).join('; '),
    );
  }

  const plan = b.purchasesVsAnticipated;
  if (plan && plan.ratio < W.purchasesBelowRatio)
    add(
      'PURCHASES_BELOW_PLAN',
      'Buying less than anticipated',
      W.purchasesBelowPoints,
      `Buying ${pct(plan.ratio)} of the anticipated ${money(plan.anticipatedMonthly)} a month (${plan.months[0]} to ${plan.months.at(-1)})`,
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
