import type { Prisma } from '../../generated/prisma/client.js';
import { resolveAccounts } from '../../services/resolve.js';
import { readOwnDomains } from '../../services/workspace-settings.js';
import { seesCreditFigures } from '../../auth/tokens.js';
import { builder, readAccounts } from '../builder.js';
import { badInput, forbidden } from '../errors.js';
import { accountIdFrom, idOf } from '../ids.js';
import { AccountRef } from './account.js';
import { CrmSystemEnum, MatchedByEnum, RiskLevelEnum } from './enums.js';


const AccountFilter = builder.inputType('AccountFilter', {
  fields: (t) => ({
    search: t.string({ required: false, description: 'Matches name, domain or external id (case-insensitive).' }),
    riskLevel: t.field({ type: [RiskLevelEnum], required: false }),
    accountManagerId: t.id({ required: false }),
    creditOwnerId: t.id({ required: false }),
    industry: t.string({ required: false }),
    country: t.string({ required: false }),
    onHold: t.boolean({ required: false }),
    mine: t.boolean({ required: false, description: 'Only accounts the viewer owns (credit owner) or manages (account manager).' }),
  }),
});

const AccountOrderField = builder.enumType('AccountOrderField', {
  values: {
    NAME: {},
    RISK_SCORE: { description: 'Only for those who see credit figures (FORBIDDEN otherwise: the order would reveal the scores).' },
    EXPOSURE: { description: 'Only for those who see credit figures (FORBIDDEN otherwise: the order would reveal the exposures).' },
    UPDATED_AT: {},
  } as const,
});
/** Orders that sort by a figure the viewer may not see would reveal it: refused, naming the field. */
const FIGURE_ORDERS: ReadonlySet<string> = new Set(['RISK_SCORE', 'EXPOSURE']);
const OrderDirection = builder.enumType('OrderDirection', { values: ['ASC', 'DESC'] as const });
const AccountOrder = builder.inputType('AccountOrder', {
  fields: (t) => ({
    field: t.field({ type: AccountOrderField, required: true }),
    direction: t.field({ type: OrderDirection, required: false, defaultValue: 'ASC' }),
  }),
});

builder.queryField('accounts', (t) =>
  t.prismaConnection({
    type: 'Account',
    cursor: 'id',
    authScopes: readAccounts,
    maxSize: 100,
    defaultSize: 25,
    totalCount: (_parent, args, ctx) => ctx.prisma.account.count({ where: accountWhere(args.filter, ctx.viewer?.userId) }),
    args: {
      filter: t.arg({ type: AccountFilter, required: false }),
      orderBy: t.arg({ type: AccountOrder, required: false }),
    },
    resolve: (query, _root, args, ctx) => {
      if (args.orderBy && FIGURE_ORDERS.has(args.orderBy.field) && !seesCreditFigures(ctx.viewer)) {
        const err = forbidden(`orderBy.field: ordering by ${args.orderBy.field} needs the credit team's figures`);
        err.extensions.field = 'orderBy.field';
        throw err;
      }
      const dir = args.orderBy?.direction === 'DESC' ? 'desc' : 'asc';
      const order: Prisma.AccountOrderByWithRelationInput[] = (() => {
        switch (args.orderBy?.field) {
          case 'RISK_SCORE':
            return [{ metrics: { riskScore: dir } }];
          case 'EXPOSURE':
            return [{ metrics: { exposure: dir } }];
          case 'UPDATED_AT':
            return [{ updatedAt: dir }];
          default:
            return [{ name: dir }];
        }
      })();
      return ctx.prisma.account.findMany({ ...query, where: accountWhere(args.filter, ctx.viewer?.userId), orderBy: [...order, { id: 'asc' }] });
    },
  }),
);

type FilterArg = {
  search?: string | null;
  riskLevel?: ('LOW' | 'MODERATE' | 'HIGH' | 'CRITICAL')[] | null;
  accountManagerId?: string | number | null;
  creditOwnerId?: string | number | null;
  industry?: string | null;
  country?: string | null;
  onHold?: boolean | null;
  mine?: boolean | null;
} | null | undefined;

function accountWhere(filter: FilterArg, viewerId: string | undefined): Prisma.AccountWhereInput {
  if (!filter) return {};
  const and: Prisma.AccountWhereInput[] = [];
  const search = filter.search?.trim();
  if (search) {
    if (search.length > 200) throw badInput('filter.search must be at most 200 characters', 'filter.search');
    and.push({
      OR: [
        { name: { contains: search, mode: 'insensitive' } },
        { externalId: { equals: search } },
        { domains: { some: { domain: { startsWith: search.toLowerCase() } } } },
      ],
    });
  }
  if (filter.riskLevel?.length) and.push({ metrics: { riskLevel: { in: filter.riskLevel } } });
  if (filter.accountManagerId) and.push({ accountManagerId: idOf('User', filter.accountManagerId, 'filter.accountManagerId')! });
  if (filter.creditOwnerId) and.push({ creditOwnerId: idOf('User', filter.creditOwnerId, 'filter.creditOwnerId')! });
  if (filter.industry) and.push({ industry: { equals: filter.industry, mode: 'insensitive' } });
  if (filter.country) and.push({ country: filter.country.toUpperCase() });
  if (filter.onHold !== null && filter.onHold !== undefined) and.push({ onHold: filter.onHold });
  // A token without a user (none today) owns nothing: mine matches no account rather than every one.
  if (filter.mine) and.push(viewerId ? { OR: [{ creditOwnerId: viewerId }, { accountManagerId: viewerId }] } : { id: { in: [] } });
  return { AND: and };
}

builder.queryField('account', (t) =>
  t.prismaField({
    type: 'Account',
    nullable: true,
    authScopes: readAccounts,
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, args, ctx) => ctx.prisma.account.findUnique({ ...query, where: { id: accountIdFrom(String(args.id)) } }),
  }),
);

const CrmRecordInput = builder.inputType('CrmRecordInput', {
  fields: (t) => ({
    system: t.field({ type: CrmSystemEnum, required: true }),
    objectType: t.string({ required: true }),
    recordId: t.string({ required: true }),
  }),
});

const PageContextInput = builder.inputType('PageContextInput', {
  description: 'What a site adapter saw on a page: addresses, domains, a CRM record.',
  fields: (t) => ({
    emails: t.stringList({ required: false }),
    domains: t.stringList({ required: false }),
    crmRecord: t.field({ type: CrmRecordInput, required: false }),
    linkedRecords: t.field({
      type: [CrmRecordInput],
      required: false,
      description: "Records the page's record belongs to (an opportunity's account, a deal's company), matched after it; at most 10.",
    }),
    url: t.string({ required: false }),
  }),
});

interface MatchShape {
  accountId: string;
  matchedBy: 'CONTACT_EMAIL' | 'DOMAIN' | 'CRM_RECORD';
  matchedValue: string;
}

const AccountMatch = builder.objectRef<MatchShape>('AccountMatch').implement({
  fields: (t) => ({
    matchedBy: t.expose('matchedBy', { type: MatchedByEnum }),
    matchedValue: t.exposeString('matchedValue'),
    account: t.prismaField({
      type: AccountRef,
      resolve: (query, match, _args, ctx) => ctx.prisma.account.findUniqueOrThrow({ ...query, where: { id: match.accountId } }),
    }),
  }),
});

builder.queryField('resolveAccounts', (t) =>
  t.field({
    type: [AccountMatch],
    authScopes: readAccounts,
    description:
      "The accounts a page is about: CRM record (the page's, then the records it belongs to), then contact e-mail, then domain (sub-domains match; free-mail domains and the company's own domains never do). Strongest match first.",
    args: { context: t.arg({ type: PageContextInput, required: true }) },
    resolve: async (_root, args, ctx) => resolveAccounts(ctx.prisma, args.context, await readOwnDomains(ctx.prisma)),
  }),
);
