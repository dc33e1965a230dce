/**
 * An account's explainable credit status, read from AccountMetrics (kept current by services/credit.ts).
 * SALES users see the level, trend, hold and the factors' labels; the ledger's figures, the score and the
 * factors' weights are for CREDIT and ADMIN (null for others, not an error, so one query serves every role).
 */
import type { StoredBehaviour, StoredFactor } from '../../services/credit-status.js';
import { seesCreditFigures } from '../../auth/tokens.js';
import { builder, figure } from '../builder.js';
import { PaymentTrendEnum, RiskLevelEnum } from './enums.js';

export interface CreditStatusShape {
  riskLevel: 'LOW' | 'MODERATE' | 'HIGH' | 'CRITICAL';
  riskScore: number;
  trend: 'IMPROVING' | 'STABLE' | 'SLIPPING';
  onHold: boolean;
  behaviour: StoredBehaviour;
  factors: StoredFactor[];
  computedAt: Date;
}

const creditOnly = figure;

const Factor = builder.objectRef<StoredFactor>('CreditFactor').implement({
  description: 'One reason behind the score. The weights of all factors add up to the score.',
  fields: (t) => ({
    code: t.exposeString('code'),
    label: t.exposeString('label'),
    weight: t.exposeInt('weight', { nullable: true, ...creditOnly }),
    detail: t.exposeString('detail', { nullable: true, ...creditOnly }),
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

const CurrencyExposure = builder.objectRef<StoredBehaviour['otherCurrencies'][number]>('CurrencyExposure').implement({
  description: 'Open receivables in a currency other than the account currency (never converted at a made-up rate).',
  fields: (t) => ({
    currency: t.exposeString('currency'),
    exposure: t.expose('exposure', { type: 'Decimal' }),
  }),
});

export const CreditStatusRef = builder.objectRef<CreditStatusShape>('CreditStatus').implement({
  fields: (t) => ({
    riskLevel: t.expose('riskLevel', { type: RiskLevelEnum }),
    riskScore: t.exposeInt('riskScore', { nullable: true, description: '0 (safe) to 100.', ...creditOnly }),
    factors: t.field({
      type: [Factor],
      description: 'Heaviest first for those who see the weights; by label for everyone else (the order would rank the hidden weights).',
      resolve: (s, _args, ctx) => (seesCreditFigures(ctx.viewer) ? s.factors : [...s.factors].sort((a, b) => a.label.localeCompare(b.label, 'en'))),
    }),
    trend: t.expose('trend', { type: PaymentTrendEnum }),
    onHold: t.exposeBoolean('onHold'),
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
    avgDaysToPay: t.float({ nullable: true, ...creditOnly, resolve: (s) => s.behaviour.avgDaysToPay }),
    daysBeyondTerms: t.float({ nullable: true, ...creditOnly, resolve: (s) => s.behaviour.daysBeyondTerms }),
    paymentSeries: t.field({ type: [PaymentMonth], nullable: true, ...creditOnly, resolve: (s) => s.behaviour.paymentSeries }),
    purchasesVsAnticipated: t.float({
      nullable: true,
      description: 'Average monthly purchases over the last 3 months ÷ anticipated monthly purchases (1.0 = as planned).',
      ...creditOnly,
      resolve: (s) => s.behaviour.purchasesVsAnticipated,
    }),
    lastPaymentAt: t.field({ type: 'DateTime', nullable: true, ...creditOnly, resolve: (s) => s.behaviour.lastPaymentAt }),
    otherCurrencies: t.field({ type: [CurrencyExposure], nullable: true, ...creditOnly, resolve: (s) => s.behaviour.otherCurrencies }),
    computedAt: t.expose('computedAt', { type: 'DateTime' }),
  }),
});
