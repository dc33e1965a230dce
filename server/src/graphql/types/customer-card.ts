/**
 * The customer card and credit's actions on Account (seed 001): card fields any writer edits, collection (credit),
 * "I spoke to them" (recordContact), and credit's actions in words for everyone who reads the account.
 */
import { creditActions } from '../../domain/credit-actions.js';
import { daysPastCadence } from '../../domain/contact-cadence.js';
import { recordContact, setCollectionStatus, updateCustomerCard } from '../../services/customer-card.js';
import { recomputeAfterCommit } from '../../services/index.js';
import { builder } from '../builder.js';
import { accountIdFrom } from '../ids.js';
import { AccountPayload } from './account-mutations.js';
import { CollectionStatusEnum } from './dispute.js';
import { ContactChannelEnum, ContactToneEnum } from './enums.js';

const creditWrite = { $all: { role: ['ADMIN', 'CREDIT'], scopes: ['accounts:write', 'accounts:read'] } } as const;
const anyWrite = { $all: { writer: true, scopes: ['accounts:write', 'accounts:read'] } } as const;

const CreditActionKindEnum = builder.enumType('CreditActionKind', { values: ['ON_HOLD', 'COLLECTION', 'REVIEW_IN_PROGRESS', 'DISPUTE_OPEN'] as const });

const CreditActionRef = builder.objectRef<ReturnType<typeof creditActions>[number]>('CreditAction').implement({
  description: 'Something the credit team is doing on the account, in words (no figures).',
  fields: (t) => ({
    kind: t.expose('kind', { type: CreditActionKindEnum }),
    text: t.exposeString('text', {
      description:
        'The action in words, without its date (that is `since`): "On hold: <reason>", "In collection (reminders)", "Review in progress", ' +
        '"Disputed, with sales", "Delivery problem, with logistics".',
    }),
    since: t.expose('since', { type: 'DateTime', nullable: true }),
  }),
});

builder.prismaObjectFields('Account', (t) => ({
  keyAccount: t.exposeBoolean('keyAccount'),
  preferredChannel: t.expose('preferredChannel', { type: ContactChannelEnum, nullable: true }),
  preferredTone: t.expose('preferredTone', { type: ContactToneEnum, nullable: true }),
  collectionStatus: t.expose('collectionStatus', { type: CollectionStatusEnum, nullable: true }),
  collectionSince: t.expose('collectionSince', { type: 'DateTime', nullable: true }),
  collectionNote: t.exposeString('collectionNote', { nullable: true }),
  creditActions: t.field({
    type: [CreditActionRef],
    description: 'Credit’s actions in words, for everyone who reads the account.',
    select: {
      onHold: true,
      holdReason: true,
      collectionStatus: true,
      collectionSince: true,
      healthChecks: { where: { status: 'IN_PROGRESS' }, select: { startedAt: true }, orderBy: [{ startedAt: 'desc' }], take: 1 },
      // Through the second relation to the same rows: `disputes` here would clash with the `disputes` connection the
      // card also asks (other filter and order), and Prisma would need a second statement for one of them (issue 12).
      disputesForCreditActions: {
        where: { status: 'OPEN' },
        select: { kind: true, ownerTeam: true, openedAt: true },
        orderBy: [{ openedAt: 'asc' }, { id: 'asc' }],
      },
    },
    resolve: (a) =>
      creditActions(
        {
          onHold: a.onHold,
          holdReason: a.holdReason,
          collectionStatus: a.collectionStatus,
          collectionSince: a.collectionSince,
          reviewsInProgress: a.healthChecks,
          openDisputes: a.disputesForCreditActions,
      }),
  }),
  contactOverdue: t.boolean({
    description: 'A key account quiet for longer than its contact cadence.',
    select: { keyAccount: true, contactFrequencyDays: true, lastContactAt: true, createdAt: true },
    resolve: (a) => daysPastCadence(a, new Date()) !== null,
  }),
}));

const UpdateCustomerCardInput = builder.inputType('UpdateCustomerCardInput', {
  fields: (t) => ({
    accountId: t.id({ required: true }),
    description: t.string({ required: false, description: 'What they do.' }),
    whyTheyBuy: t.stringList({ required: false, description: 'Why they buy from us: at most 3 reasons (empty ones are dropped).' }),
    ourValue: t.string({ required: false }),
    alternatives: t.string({ required: false }),
    preferredChannel: t.field({ type: ContactChannelEnum, required: false }),
    preferredTone: t.field({ type: ContactToneEnum, required: false }),
    contactFrequencyDays: t.int({ required: false, description: 'Contact cadence in days (null clears it).' }),
    keyAccount: t.boolean({ required: false }),
  }),
});

builder.mutationField('updateCustomerCard', (t) =>
  t.field({
    type: AccountPayload,
    authScopes: anyWrite,
    description: 'The customer card, for anyone who writes. Fields left out stay; null clears an optional one. Credit fields stay with updateAccount.',
    args: { input: t.arg({ type: UpdateCustomerCardInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const { accountId: gid, ...rest } = input;
      const accountId = accountIdFrom(String(gid), 'input.accountId');
      await updateCustomerCard(ctx.prisma, ctx.viewer, accountId, rest);
      await recomputeAfterCommit(ctx.services, accountId, 'account.updateCustomerCard');
      return { accountId };
    },
  }),
);

const SetCollectionStatusInput = builder.inputType('SetCollectionStatusInput', {
  fields: (t) => ({
    accountId: t.id({ required: true }),
    status: t.field({ type: CollectionStatusEnum, required: false, description: 'null ends collection.' }),
    note: t.string({ required: false }),
  }),
});

builder.mutationField('setCollectionStatus', (t) =>
  t.field({
    type: AccountPayload,
    authScopes: creditWrite,
    description: 'Starts, changes or (status null) ends collection. Shown to everyone in words (Account.creditActions).',
    args: { input: t.arg({ type: SetCollectionStatusInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const accountId = accountIdFrom(String(input.accountId), 'input.accountId');
      await setCollectionStatus(ctx.prisma, ctx.viewer, accountId, { status: input.status, note: input.note });
      await recomputeAfterCommit(ctx.services, accountId, 'account.setCollectionStatus');
      return { accountId };
    },
  }),
);

const RecordContactInput = builder.inputType('RecordContactInput', {
  fields: (t) => ({
    accountId: t.id({ required: true }),
    at: t.field({ type: 'DateTime', required: false, description: 'When (default now; never in the future). An earlier date than the last contact changes nothing.' }),
    channel: t.field({ type: ContactChannelEnum, required: false }),
  }),
});

builder.mutationField('recordContact', (t) =>
  t.field({
    type: AccountPayload,
    authScopes: anyWrite,
    description: '"I spoke to them": moves lastContactAt forward, which clears a contact-cadence alert.',
    args: { input: t.arg({ type: RecordContactInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const accountId = accountIdFrom(String(input.accountId), 'input.accountId');
      await recordContact(ctx.prisma, ctx.viewer, accountId, { at: input.at, channel: input.channel });
      await recomputeAfterCommit(ctx.services, accountId, 'account.recordContact');
      return { accountId };
    },
  }),
);
