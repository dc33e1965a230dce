/**
 * An account's explainable credit status, read from AccountMetrics (kept current by services/credit.ts).
 * SALES users see the level, trend, hold and the factors' labels; the ledger's figures, the score and the
 * factors' weights are for CREDIT and ADMIN (null for others, not an error, so one query serves every role).
 */
import type { PaymentTrend } from '@earshot/shared';
import { heaviestFirst, type StoredBehaviour, type StoredCurrency, type StoredFactor } from '../../domain/stored-status.js';
import { seesCreditFigures } from '../../auth/tokens.js';
import { builder, figure } from '../builder.js';
import { PaymentTrendBasisEnum, PaymentTrendEnum, RiskLevelEnum } from './enums.js';
import { describeTrend, trendBasis } from '../../domain/trend-sentence.js';
import { headroomCautionInput, orderHeadroom } from '../../domain/order-headroom.js';
import { OrderHeadroomRef } from './order-headroom.js';

export interface CreditStatusShape {
  riskLevel: 'LOW' | 'MODERATE' | 'HIGH' | 'CRITICAL';
  riskScore: number;
  trend: PaymentTrend;
  onHold: boolean;
  behaviour: StoredBehaviour;
  factors: StoredFactor[];
  computedAt: Date;
  /** The account currency (the order headroom is said in it). */
  currency: string;
}

const creditOnly = figure;

const Factor = builder.objectRef<StoredFactor>('CreditFactor').implement({
  description: 'One reason behind the score. The weights of all factors add up to the score.',
  fields: (t) => ({
    code: t.exposeString('code'),
    label: t.exposeString('label'),
    weight: t.exposeInt('weight', { nullable: true, ...creditOnly }),
    detail: t.string({
      nullable: true,
      description:
        'The reason in a sentence. The credit team reads it with its figures; everyone else reads the same reason in words, ' +
        'without amounts, days, counts or scores.',
      // Metrics stored before the sales sentences existed: the label in a sentence, still without figures.
      resolve: (f, _args, ctx) => (seesCreditFigures(ctx.viewer) ? f.detail : (f.salesDetail ?? `${f.label}. The credit team has the figures.`)),
    }),
  }),
});

const Aging = builder.objectRef<StoredBehaviour['aging']>('Aging').implement({
  description: 'Open receivables by days past due.',
  fields: (t) => ({
    current: t.expose('current', { type: 'Decimal' }),
    d1_30: t.expose('d1_30', { type: 'Decimal' }),
    d31_60: t.expose('d31_60', { type: 'Decimal' }),
    d61_90: t.expose('d61_90', { type: 'Decimal' }),
    d90plus: t.expose('d90plus', { type: 'Decimal' }),
  }),
});

const PaymentMonth = builder.objectRef<StoredBehaviour['paymentSeries'][number]>('PaymentMonth').implement({
  fields: (t) => ({
    month: t.exposeString('month', { description: 'YYYY-MM' }),
    invoiced: t.expose('invoiced', { type: 'Decimal' }),
    paid: t.expose('paid', { type: 'Decimal' }),
    avgDaysToPay: t.exposeFloat('avgDaysToPay', { nullable: true }),
    daysBeyondTerms: t.exposeFloat('daysBeyondTerms', { nullable: true }),
  }),
});

const CurrencyExposure = builder.objectRef<StoredCurrency>('CurrencyExposure').implement({
  description: 'Receivables in one currency, in that currency (the rate into the account currency is given beside, never made up).',
  fields: (t) => ({
    currency: t.exposeString('currency'),
    exposure: t.expose('exposure', { type: 'Decimal', description: 'Open invoices less unapplied credit, never below 0.' }),
    openInvoices: t.field({ type: 'Decimal', nullable: true, resolve: (c) => c.openInvoices ?? null }),
    creditBalance: t.field({ type: 'Decimal', nullable: true, description: 'Unapplied credit notes and cash.', resolve: (c) => c.creditBalance ?? null }),
    overdue: t.field({ type: 'Decimal', nullable: true, description: 'Past due and not disputed.', resolve: (c) => c.overdue ?? null }),
    disputed: t.field({ type: 'Decimal', nullable: true, resolve: (c) => c.disputed ?? null }),
    aging: t.field({ type: Aging, nullable: true, resolve: (c) => c.aging ?? null }),
    oldestOverdueDays: t.int({ nullable: true, resolve: (c) => c.oldestOverdueDays ?? null }),
    rateToAccountCurrency: t.float({
      nullable: true,
      description: 'Units of the account currency per unit of this one, from the reporting-currency rates; null when no rate is set.',
      resolve: (c) => c.rateToAccountCurrency ?? null,
    }),
  }),
});

export const CreditStatusRef = builder.objectRef<CreditStatusShape>('CreditStatus').implement({
  fields: (t) => ({
    riskLevel: t.expose('riskLevel', { type: RiskLevelEnum }),
    riskScore: t.exposeInt('riskScore', { nullable: true, description: '0 (safe) to 100.', ...creditOnly }),
    factors: t.field({
      type: [Factor],
      description:
        'Heaviest first for every role, so the first reasons are the ones that weigh most; those who do not see the weights read the ' +
        'order and the words, never the points.',
      resolve: (s) => heaviestFirst(s.factors),
    }),
    trend: t.expose('trend', {
      type: PaymentTrendEnum,
      description: 'Paying later or earlier than their own norm; NO_HISTORY while there is too little payment history to tell.',
    }),
    trendBasis: t.field({
      type: PaymentTrendBasisEnum,
      nullable: true,
      description:
        'What `trend` compared the last 90 days with: the same months last year, or the months before. Null with NO_HISTORY, and for a ' +
        'status stored before the basis was kept (until its next recompute).',
      resolve: (s) => trendBasis(s.trend, s.behaviour.trendDetail),
    }),
    trendSimilarSize: t.boolean({
      nullable: true,
      description:
        'True when each recent invoice was compared with earlier invoices of similar size (the mix of sizes differs), not with the whole ' +
        'baseline. Null when `trendBasis` is.',
      resolve: (s) => (trendBasis(s.trend, s.behaviour.trendDetail) === null ? null : (s.behaviour.trendDetail?.bySize ?? false)),
    }),
    trendSentence: t.string({
      description:
        'The trend in a sentence that names what it compared ("No change in payment timing against the same months last year, for ' +
        'invoices of similar size"). The credit team reads it with the per-invoice averages compared; everyone else in words, without ' +
        'days or counts.',
      resolve: (s, _args, ctx) => describeTrend(s.trend, s.behaviour.trendDetail, seesCreditFigures(ctx.viewer)),
    }),
    trendRecentLateness: t.float({
      nullable: true,
      ...creditOnly,
      description:
        'What the trend compares: the average days from due date to payment per invoice paid in the last 90 days (not amount-weighted; ' +
        'negative = early). For a customer who stopped paying, the days past due so far of the invoices that fell due.',
      resolve: (s) => (trendBasis(s.trend, s.behaviour.trendDetail) === null ? null : (s.behaviour.trendDetail?.recentLateness ?? null)),
    }),
    trendBaselineLateness: t.float({
      nullable: true,
      ...creditOnly,
      description: 'The same average over the baseline (`trendBasis`), per recent invoice against earlier ones of similar size when `trendSimilarSize`.',
      resolve: (s) => (trendBasis(s.trend, s.behaviour.trendDetail) === null ? null : (s.behaviour.trendDetail?.baselineLateness ?? null)),
    }),
    onHold: t.exposeBoolean('onHold'),
    orderHeadroom: t.field({
      type: OrderHeadroomRef,
      description:
        'Does another order fit? In words and, where the policy allows, a rounded-down amount, for everyone who may read the ' +
        'account (SALES included); the exact figures stay with the credit team. A hold, or CRITICAL risk, gives no amount.',
      resolve: (s) =>
        orderHeadroom({
          onHold: s.onHold,
          available: s.behaviour.available,
          currency: s.currency,
          riskLevel: s.riskLevel,
          ...headroomCautionInput(s),
        }),
    }),
    exposure: t.field({ type: 'Decimal', nullable: true, ...creditOnly, resolve: (s) => s.behaviour.exposure }),
    available: t.field({ type: 'Decimal', nullable: true, ...creditOnly, resolve: (s) => s.behaviour.available }),
    overdue: t.field({
      type: 'Decimal',
      nullable: true,
      ...creditOnly,
      description: 'Past due and not disputed (aging leaves disputed invoices out too).',
      resolve: (s) => s.behaviour.overdue,
    }),
    disputed: t.field({
      type: 'Decimal',
      nullable: true,
      ...creditOnly,
      description: 'Held by open disputes, in the account currency: still in exposure, not in overdue or aging.',
      resolve: (s) => s.behaviour.disputed ?? '0.00',
    }),
    aging: t.field({ type: Aging, nullable: true, ...creditOnly, resolve: (s) => s.behaviour.aging }),
    creditBalance: t.field({
      type: 'Decimal',
      nullable: true,
      ...creditOnly,
      description: 'Credit notes and cash not yet used up by open invoices, in the account currency (the customer is owed this).',
      resolve: (s) => s.behaviour.creditBalance ?? null,
    }),
    avgDaysToPay: t.float({
      nullable: true,
      ...creditOnly,
      description: 'ADP: average days from issue to payment, weighted by amount, over the last 12 months of payments.',
      resolve: (s) => s.behaviour.avgDaysToPay,
    }),
    daysBeyondTerms: t.float({
      nullable: true,
      ...creditOnly,
      description: 'Paid DBT: average days paid after the due date (early counts as 0), weighted by amount, over the last 12 months of payments. The same quantity as `paymentSeries.daysBeyondTerms`.',
      resolve: (s) => s.behaviour.daysBeyondTerms,
    }),
    recentDaysBeyondTerms: t.float({
      nullable: true,
      ...creditOnly,
      description: 'Paid DBT over the last 90 days of payments.',
      resolve: (s) => s.behaviour.recentDaysBeyondTerms ?? null,
    }),
    dso: t.float({
      nullable: true,
      ...creditOnly,
      description: 'Countback DSO: the days of the most recent sales that the open receivables (account currency) represent.',
      resolve: (s) => s.behaviour.dso ?? null,
    }),
    bestPossibleDso: t.float({
      nullable: true,
      ...creditOnly,
      description: 'Best possible DSO: the countback of the current (not yet due) receivables over the same months as dso, so never above it. DSO − this = days lost to late payment.',
      resolve: (s) => s.behaviour.bestPossibleDso ?? null,
    }),
    limitUtilisation: t.float({
      nullable: true,
      ...creditOnly,
      description: 'Exposure in all currencies (converted) ÷ credit limit; 0.92 = 92% of the limit in use. Null without a limit.',
      resolve: (s) => s.behaviour.limitUtilisation ?? null,
    }),
    totalExposure: t.field({
      type: 'Decimal',
      nullable: true,
      ...creditOnly,
      description: 'Exposure in every currency converted into the account currency; currencies without a rate are left out (see unconvertedCurrencies).',
      resolve: (s) => s.behaviour.totalExposure ?? s.behaviour.exposure,
    }),
    totalOverdue: t.field({
      type: 'Decimal',
      nullable: true,
      ...creditOnly,
      description: 'Overdue in every currency converted into the account currency; currencies without a rate are left out.',
      resolve: (s) => s.behaviour.totalOverdue ?? s.behaviour.overdue,
    }),
    unconvertedCurrencies: t.stringList({
      nullable: true,
      ...creditOnly,
      description: 'Currencies with receivables but no exchange rate: in `currencies` on their own, not in the totals.',
      // Metrics stored before issue 10 never converted: every other currency with receivables was left out.
      resolve: (s) => s.behaviour.unconvertedCurrencies ?? s.behaviour.otherCurrencies.filter((c) => Number(c.exposure) !== 0).map((c) => c.currency),
    }),
    currencies: t.field({
      type: [CurrencyExposure],
      nullable: true,
      ...creditOnly,
      description: 'Every currency with receivables, the account currency first, each in its own currency.',
      resolve: (s) => s.behaviour.currencies ?? [],
    }),
    paymentSeries: t.field({ type: [PaymentMonth], nullable: true, ...creditOnly, resolve: (s) => s.behaviour.paymentSeries }),
    purchasesVsAnticipated: t.float({
      nullable: true,
      description: 'Average monthly purchases over the last 3 months ÷ anticipated monthly purchases (1.0 = as planned).',
      ...creditOnly,
      resolve: (s) => s.behaviour.purchasesVsAnticipated,
    }),
    lastPaymentAt: t.field({ type: 'DateTime', nullable: true, ...creditOnly, resolve: (s) => s.behaviour.lastPaymentAt }),
    paidInvoices: t.int({
      nullable: true,
      ...creditOnly,
      description: 'Invoices fully paid so far: with too few, `trend` is NO_HISTORY.',
      resolve: (s) => s.behaviour.paidInvoices ?? null,
    }),
    otherCurrencies: t.field({ type: [CurrencyExposure], nullable: true, ...creditOnly, resolve: (s) => s.behaviour.otherCurrencies }),
    computedAt: t.expose('computedAt', { type: 'DateTime' }),
  }),
});
