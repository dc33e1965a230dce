import { seesCreditFigures } from '../../auth/tokens.js';
import type { StoredBehaviour, StoredFactor } from '../../domain/stored-status.js';
import { builder, figure, readAccounts } from '../builder.js';
import { CreditStatusRef } from './credit-status.js';
import { AlertStatusEnum, CrmSystemEnum, SignalStatusEnum } from './enums.js';

const CrmLinkRef = builder.prismaObject('CrmLink', {
  // Select mode: the columns of the fields asked for (issue 12).
  select: { id: true },
  fields: (t) => ({
    system: t.expose('system', { type: CrmSystemEnum }),
    objectType: t.exposeString('objectType'),
    recordId: t.exposeString('recordId'),
    url: t.exposeString('url', { nullable: true }),
  }),
});

export const AccountRef = builder.prismaNode('Account', {
  id: { field: 'id' },
  // A well-formed id of a missing row: node(id) answers null (findUnique), not an internal error.
  nullable: true,
  authScopes: readAccounts,
  fields: (t) => ({
    name: t.exposeString('name'),
    externalId: t.exposeString('externalId', { nullable: true, description: 'The id of this customer in the ERP / AR system.' }),
    description: t.exposeString('description', { nullable: true, description: 'What the customer does.' }),
    domains: t.stringList({
      select: { domains: { select: { domain: true }, orderBy: { domain: 'asc' } } },
      resolve: (a) => a.domains.map((d) => d.domain),
    }),
    crmLinks: t.relation('crmLinks', { type: CrmLinkRef }),
    industry: t.exposeString('industry', { nullable: true }),
    country: t.exposeString('country', { nullable: true, description: 'ISO 3166-1 alpha-2' }),
    website: t.exposeString('website', { nullable: true }),
    businessUnit: t.exposeString('businessUnit', { nullable: true }),
    accountManager: t.relation('accountManager', { nullable: true }),
    creditOwner: t.relation('creditOwner', { nullable: true }),
    creditLimit: t.expose('creditLimit', { type: 'Decimal', nullable: true, ...figure, description: 'A ledger figure: null unless the viewer sees credit figures.' }),
    currency: t.exposeString('currency'),
    paymentTermsDays: t.exposeInt('paymentTermsDays'),
    onHold: t.exposeBoolean('onHold'),
    holdReason: t.exposeString('holdReason', { nullable: true }),
    whyTheyBuy: t.exposeStringList('whyTheyBuy', { description: 'Why they buy from us (up to three reasons matter most).' }),
    ourValue: t.exposeString('ourValue', { nullable: true, description: 'Our value to them: sole source? price position?' }),
    alternatives: t.exposeString('alternatives', { nullable: true }),
    contactFrequencyDays: t.exposeInt('contactFrequencyDays', { nullable: true }),
    anticipatedMonthlyPurchases: t.expose('anticipatedMonthlyPurchases', { type: 'Decimal', nullable: true }),
    lastContactAt: t.expose('lastContactAt', { type: 'DateTime', nullable: true }),
    lastReviewedAt: t.expose('lastReviewedAt', { type: 'DateTime', nullable: true }),
    nextReviewAt: t.expose('nextReviewAt', { type: 'DateTime', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    contacts: t.relation('contacts', { query: { orderBy: { name: 'asc' } } }),
    creditStatus: t.field({
      type: CreditStatusRef,
      nullable: true,
      select: { onHold: true, metrics: true, currency: true },
      resolve: (a) =>
        a.metrics
          ? {
              riskLevel: a.metrics.riskLevel,
              riskScore: a.metrics.riskScore,
              trend: a.metrics.trend,
              onHold: a.onHold,
              behaviour: a.metrics.behaviour as unknown as StoredBehaviour,
              factors: a.metrics.factors as unknown as StoredFactor[],
              computedAt: a.metrics.computedAt,
              currency: a.currency,
            }
          : null,
    }),
    signals: t.relatedConnection('signals', {
      cursor: 'id',
      totalCount: true,
      args: { status: t.arg({ type: SignalStatusEnum, required: false }) },
      query: (args) => ({
        where: args.status ? { status: args.status } : {},
        orderBy: [{ observedAt: 'desc' }, { id: 'desc' }],
      }),
    }),
    notes: t.relatedConnection('notes', {
      cursor: 'id',
      totalCount: true,
      // CREDIT_ONLY notes are not even counted for sales users.
      query: (_args, ctx) => ({
        where: seesCreditFigures(ctx.viewer) ? {} : { visibility: 'ALL' },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      }),
    }),
    alerts: t.relatedConnection('alerts', {
      cursor: 'id',
      totalCount: true,
      // One status or several (OPEN and ACKNOWLEDGED: the alerts still standing); a single value still reads as before.
      args: { status: t.arg({ type: [AlertStatusEnum], required: false }) },
      query: (args) => ({ where: args.status?.length ? { status: { in: args.status } } : {}, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }),
    }),
  }),
});
