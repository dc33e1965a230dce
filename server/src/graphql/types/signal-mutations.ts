import { SIGNAL_TYPE_INFO } from '@earshot/shared';
import { addNote, createSignal, updateSignalStatus } from '../../services/signals.js';
import { builder } from '../builder.js';
import { accountIdFrom, idOf } from '../ids.js';
import { NoteVisibilityEnum, SignalStatusEnum, SignalTypeEnum } from './enums.js';
import { NoteRef } from './note.js';
import { SignalRef } from './signal.js';
import { recomputeAfterCommit } from '../../services/index.js';

// The payload (Signal, Note) needs accounts:read: asked before writing, so a token that could not read the
// answer is refused with nothing written (a retried write would otherwise duplicate it).
const signalWrite = { $all: { writer: true, scopes: ['signals:write', 'accounts:read'] } } as const;

builder.relayMutationField(
  'createSignal',
  {
    inputFields: (t) => ({
      accountId: t.id({ required: true }),
      type: t.field({ type: SignalTypeEnum, required: true }),
      severity: t.int({ required: false, description: '1 worth knowing, 2 concerning, 3 act now (default: the type’s usual severity)' }),
      note: t.string({ required: false }),
      observedAt: t.field({ type: 'DateTime', required: false, description: 'When it was seen (default: now).' }),
      sourceUrl: t.string({ required: false }),
      idempotencyKey: t.string({
        required: false,
        description: 'Client-chosen key; sending the same key again returns the first signal instead of creating another.',
      }),
    }),
  },
  {
    authScopes: signalWrite,
    description: `Records a dated, attributed observation about a customer. Types: ${Object.values(SIGNAL_TYPE_INFO)
      .filter((i) => i.capturable)
      .map((i) => i.type)
      .join(', ')}.`,
    resolve: async (_root, { input }, ctx) => {
      const { accountId: gid, ...rest } = input;
      const accountId = accountIdFrom(String(gid), 'input.accountId');
      const { signal, created } = await createSignal(ctx.prisma, ctx.viewer, accountId, rest);
      if (created) await recomputeAfterCommit(ctx.services, signal.accountId, 'signal.create');
      return { signalId: signal.id, created };
    },
  },
  {
    outputFields: (t) => ({
      signal: t.prismaField({
        type: SignalRef,
        resolve: (query, p, _a, ctx) => ctx.prisma.signal.findUniqueOrThrow({ ...query, where: { id: p.signalId } }),
      }),
      created: t.exposeBoolean('created', { description: 'False when the idempotency key matched an earlier signal.' }),
    }),
  },
);

builder.relayMutationField(
  'updateSignalStatus',
  {
    inputFields: (t) => ({
      id: t.id({ required: true }),
      status: t.field({ type: SignalStatusEnum, required: true }),
    }),
  },
  {
    authScopes: signalWrite,
    resolve: async (_root, { input }, ctx) => {
      const signal = await updateSignalStatus(ctx.prisma, ctx.viewer, idOf('Signal', input.id, 'input.id')!, input.status);
      await recomputeAfterCommit(ctx.services, signal.accountId, 'signal.status');
      return { signalId: signal.id };
    },
  },
  {
    outputFields: (t) => ({
      signal: t.prismaField({
        type: SignalRef,
        resolve: (query, p, _a, ctx) => ctx.prisma.signal.findUniqueOrThrow({ ...query, where: { id: p.signalId } }),
      }),
    }),
  },
);

builder.relayMutationField(
  'addNote',
  {
    inputFields: (t) => ({
      accountId: t.id({ required: true }),
      body: t.string({ required: true }),
      visibility: t.field({ type: NoteVisibilityEnum, required: false, description: 'ALL (default) or CREDIT_ONLY (credit team only).' }),
    }),
  },
  {
    authScopes: { $all: { writer: true, scopes: ['notes:write', 'accounts:read'] } },
    resolve: async (_root, { input }, ctx) => {
      const note = await addNote(ctx.prisma, ctx.viewer, accountIdFrom(String(input.accountId), 'input.accountId'), {
        body: input.body,
        visibility: input.visibility ?? undefined,
      });
      return { noteId: note.id };
    },
  },
  {
    outputFields: (t) => ({
      note: t.prismaField({
        type: NoteRef,
        resolve: (query, p, _a, ctx) => ctx.prisma.note.findUniqueOrThrow({ ...query, where: { id: p.noteId } }),
      }),
    }),
  },
);
