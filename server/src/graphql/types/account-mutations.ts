import { type AccountDomainResult, addAccountDomain, addAccountDomains, createAccount, createContact, linkCrmRecord, updateAccount, updateContact } from '../../services/accounts.js';
import { builder, type InputFields, readAccounts } from '../builder.js';
import { AccountRef } from './account.js';
import { accountIdFrom, idOf } from '../ids.js';
import { ContactRef } from './contact.js';
import { ContactChannelEnum, ContactToneEnum, CrmSystemEnum } from './enums.js';
import { recomputeAfterCommit } from '../../services/index.js';

// A mutation asks, before it writes, for every scope its payload needs to be read (accounts:read for the
// Account or Contact it returns): a token that could not read the answer is refused with nothing written.
const creditWrite = { $all: { role: ['ADMIN', 'CREDIT'], scopes: ['accounts:write', 'accounts:read'] } } as const;
const anyWrite = { $all: { writer: true, scopes: ['accounts:write', 'accounts:read'] } } as const;

/** GraphQL gives null for absent optional input fields; on create, the services treat both as "not given". */
function present<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null && v !== undefined)) as Partial<T>;
}

/** On update, only fields the client sent change; an explicit null clears an optional field. */
function withUserIds<T extends Record<string, unknown>>(input: T): T {
  const out: Record<string, unknown> = { ...input };
  for (const k of ['accountManagerId', 'creditOwnerId']) {
    if (k in input && input[k] !== undefined) out[k] = idOf('User', input[k] as string | null, `input.${k}`);
  }
  return out as T;
}

export const AccountPayload = builder.objectRef<{ accountId: string }>('AccountPayload').implement({
  fields: (t) => ({
    account: t.prismaField({
      type: AccountRef,
      resolve: (query, p, _a, ctx) => ctx.prisma.account.findUniqueOrThrow({ ...query, where: { id: p.accountId } }),
    }),
  }),
});

const ContactPayload = builder.objectRef<{ contactId: string }>('ContactPayload').implement({
  fields: (t) => ({
    contact: t.prismaField({
      type: ContactRef,
      resolve: (query, p, _a, ctx) => ctx.prisma.contact.findUniqueOrThrow({ ...query, where: { id: p.contactId } }),
    }),
  }),
});

function accountInputFields(t: InputFields, create: boolean) {
  return {
    name: t.string({ required: create }),
    externalId: t.string({ required: false, description: 'The id of this customer in the ERP / AR system (unique).' }),
    description: t.string({ required: false }),
    industry: t.string({ required: false }),
    country: t.string({ required: false, description: 'ISO 3166-1 alpha-2' }),
    website: t.string({ required: false }),
    businessUnit: t.string({ required: false }),
    creditLimit: t.field({ type: 'Decimal', required: false }),
    currency: t.string({ required: false, description: 'ISO 4217 (default EUR)' }),
    paymentTermsDays: t.int({ required: false, description: 'Default 30' }),
    onHold: t.boolean({ required: false }),
    holdReason: t.string({ required: false }),
    whyTheyBuy: t.stringList({ required: false }),
    ourValue: t.string({ required: false }),
    alternatives: t.string({ required: false }),
    contactFrequencyDays: t.int({ required: false }),
    anticipatedMonthlyPurchases: t.field({ type: 'Decimal', required: false }),
    lastContactAt: t.field({ type: 'DateTime', required: false }),
    accountManagerId: t.id({ required: false }),
    creditOwnerId: t.id({ required: false }),
  };
}

const CrmLinkInput = builder.inputType('CrmLinkInput', {
  fields: (t) => ({
    system: t.field({ type: CrmSystemEnum, required: true }),
    objectType: t.string({ required: true }),
    recordId: t.string({ required: true }),
    url: t.string({ required: false }),
  }),
});

const CreateAccountInput = builder.inputType('CreateAccountInput', {
  fields: (t) => ({
    ...accountInputFields(t, true),
    domains: t.stringList({ required: false }),
    crmLinks: t.field({ type: [CrmLinkInput], required: false, description: 'CRM records of this customer (e.g. the record the user was on).' }),
  }),
});
const UpdateAccountInput = builder.inputType('UpdateAccountInput', {
  fields: (t) => ({ id: t.id({ required: true }), ...accountInputFields(t, false) }),
});

builder.mutationField('createAccount', (t) =>
  t.field({
    type: AccountPayload,
    authScopes: creditWrite,
    args: { input: t.arg({ type: CreateAccountInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const account = await createAccount(ctx.prisma, ctx.viewer, withUserIds(present(input)) as never);
      await recomputeAfterCommit(ctx.services, account.id, 'account.create');
      return { accountId: account.id };
    },
  }),
);

builder.mutationField('updateAccount', (t) =>
  t.field({
    type: AccountPayload,
    authScopes: creditWrite,
    description: 'Changes the fields sent; fields left out stay as they are; null clears an optional field.',
    args: { input: t.arg({ type: UpdateAccountInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const { id, ...rest } = input;
      const accountId = accountIdFrom(String(id), 'input.id');
      await updateAccount(ctx.prisma, ctx.viewer, accountId, withUserIds(rest));
      await recomputeAfterCommit(ctx.services, accountId, 'account.update');
      return { accountId };
    },
  }),
);

const AddAccountDomainInput = builder.inputType('AddAccountDomainInput', {
  fields: (t) => ({ accountId: t.id({ required: true }), domain: t.string({ required: true }) }),
});

builder.mutationField('addAccountDomain', (t) =>
  t.field({
    type: AccountPayload,
    authScopes: creditWrite,
    args: { input: t.arg({ type: AddAccountDomainInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const accountId = accountIdFrom(String(input.accountId), 'input.accountId');
      await addAccountDomain(ctx.prisma, ctx.viewer, accountId, input.domain);
      return { accountId };
    },
  }),
);

const AccountDomainOutcomeEnum = builder.enumType('AccountDomainOutcome', {
  values: {
    ADDED: { description: 'Added to the account.' },
    ALREADY_ON_ACCOUNT: { description: 'The account had it already: nothing to do.' },
    REFUSED: { description: 'Not added: see `refusal`.' },
  } as const,
});

const AccountDomainRefusalEnum = builder.enumType('AccountDomainRefusal', {
  values: {
    INVALID: { description: 'Not a domain (expected e.g. acme.example), a free e-mail provider (gmail.com) or a bare public suffix (co.uk); see reason.' },
    OWN_DOMAIN: { description: 'One of the company’s own domains, under one, or holding one (workspace setting ownDomains): never a customer’s.' },
    OTHER_ACCOUNT: {
      description:
        'Another account has it, a parent of it, or a sub-domain of it (see `otherAccount` and `reason`): mail would match both. Move it there first if it is wrong.',
    },
    ACCOUNT_FULL: { description: 'The account has the most domains an account may have (50).' },
  } as const,
});

const AccountDomainResultRef = builder.objectRef<AccountDomainResult>('AccountDomainResult').implement({
  description: 'What became of one domain sent to addAccountDomains.',
  fields: (t) => ({
    domain: t.exposeString('domain', { description: 'As stored (lower case), or as sent (shortened) when it is not a domain.' }),
    outcome: t.field({ type: AccountDomainOutcomeEnum, resolve: (r) => r.outcome }),
    refusal: t.field({ type: AccountDomainRefusalEnum, nullable: true, resolve: (r) => r.refusal }),
    reason: t.string({
      nullable: true,
      description:
        'Why it was refused, for the user: for INVALID, not a domain, a free e-mail provider, or a bare public suffix; for OTHER_ACCOUNT ' +
        'held through a parent or a sub-domain, which one ("under acme.example, which belongs to another account", "eu.acme.example, under ' +
        'it, belongs to another account: mail from eu.acme.example would match both").',
      resolve: (r) => r.reason ?? null,
    }),
    otherAccount: t.prismaField({
      type: AccountRef,
      nullable: true,
      description: 'The account that has the domain (OTHER_ACCOUNT); null for a viewer who may not read accounts.',
      authScopes: readAccounts,
      unauthorizedResolver: () => null,
      resolve: (query, r, _a, ctx) => (r.otherAccountId ? ctx.prisma.account.findUnique({ ...query, where: { id: r.otherAccountId } }) : null),
    }),
  }),
});

const AddAccountDomainsPayload = builder.objectRef<{ accountId: string; results: AccountDomainResult[] }>('AddAccountDomainsPayload').implement({
  fields: (t) => ({
    account: t.prismaField({
      type: AccountRef,
      resolve: (query, p, _a, ctx) => ctx.prisma.account.findUniqueOrThrow({ ...query, where: { id: p.accountId } }),
    }),
    results: t.field({
      type: [AccountDomainResultRef],
      description: 'One per domain sent (duplicates once), in the order sent.',
      resolve: (p) => p.results,
    }),
  }),
});

const AddAccountDomainsInput = builder.inputType('AddAccountDomainsInput', {
  fields: (t) => ({ accountId: t.id({ required: true }), domains: t.stringList({ required: true, description: 'At most 20.' }) }),
});

builder.mutationField('addAccountDomains', (t) =>
  t.field({
    type: AddAccountDomainsPayload,
    authScopes: creditWrite,
    description:
      'Adds domains to an account, each on its own merits: those that can be added are added (together), and `results` says of each domain whether it was added, was there already, or was refused and why. An error (nothing written) only for an account that does not exist or an empty or over-long list.',
    args: { input: t.arg({ type: AddAccountDomainsInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const accountId = accountIdFrom(String(input.accountId), 'input.accountId');
      const results = await addAccountDomains(ctx.prisma, ctx.viewer, accountId, input.domains);
      return { accountId, results };
    },
  }),
);

const LinkCrmRecordInput = builder.inputType('LinkCrmRecordInput', {
  fields: (t) => ({
    accountId: t.id({ required: true }),
    system: t.field({ type: CrmSystemEnum, required: true }),
    objectType: t.string({ required: true, description: 'e.g. Account (Salesforce), company (HubSpot), account (Dynamics), organization (Pipedrive)' }),
    recordId: t.string({ required: true }),
    url: t.string({ required: false }),
  }),
});

builder.mutationField('linkCrmRecord', (t) =>
  t.field({
    type: AccountPayload,
    authScopes: anyWrite,
    args: { input: t.arg({ type: LinkCrmRecordInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const { accountId: gid, ...rest } = input;
      const accountId = accountIdFrom(String(gid), 'input.accountId');
      await linkCrmRecord(ctx.prisma, ctx.viewer, accountId, rest);
      return { accountId };
    },
  }),
);

function contactInputFields(t: InputFields, create: boolean) {
  return {
    name: t.string({ required: create }),
    email: t.string({ required: false }),
    role: t.string({ required: false }),
    phone: t.string({ required: false }),
    preferredChannel: t.field({ type: ContactChannelEnum, required: false }),
    preferredTone: t.field({ type: ContactToneEnum, required: false }),
    notes: t.string({ required: false }),
  };
}

const CreateContactInput = builder.inputType('CreateContactInput', {
  fields: (t) => ({ accountId: t.id({ required: true }), ...contactInputFields(t, true) }),
});
const UpdateContactInput = builder.inputType('UpdateContactInput', {
  fields: (t) => ({ id: t.id({ required: true }), ...contactInputFields(t, false) }),
});

builder.mutationField('createContact', (t) =>
  t.field({
    type: ContactPayload,
    authScopes: anyWrite,
    args: { input: t.arg({ type: CreateContactInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const { accountId: gid, ...rest } = input;
      const contact = await createContact(ctx.prisma, ctx.viewer, accountIdFrom(String(gid), 'input.accountId'), present(rest));
      return { contactId: contact.id };
    },
  }),
);

builder.mutationField('updateContact', (t) =>
  t.field({
    type: ContactPayload,
    authScopes: anyWrite,
    args: { input: t.arg({ type: UpdateContactInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const { id, ...rest } = input;
      const contactId = idOf('Contact', id, 'input.id')!;
      await updateContact(ctx.prisma, ctx.viewer, contactId, rest);
      return { contactId };
    },
  }),
);
