/**
 * Watch lists (seed 003): struggling industries and unstable countries. Adding a watch raises a system signal
 * on every account in it (so it shows in their feeds) and re-scores those accounts (WATCHLIST factor + alert).
 */
import { z } from 'zod';
import { audit } from '../../services/audit.js';
import { countrySchema, nonEmpty, validate } from '../../services/validation.js';
import { builder, readAccounts } from '../builder.js';
import { notFound } from '../errors.js';
import { idOf } from '../ids.js';

const WatchKindEnum = builder.enumType('WatchKind', { values: ['INDUSTRY', 'COUNTRY'] as const });

const WatchRef = builder.prismaNode('Watch', {
  id: { field: 'id' },
  // A well-formed id of a missing row: node(id) answers null (findUnique), not an internal error.
  nullable: true,
  authScopes: readAccounts,
  fields: (t) => ({
    kind: t.expose('kind', { type: WatchKindEnum }),
    value: t.exposeString('value'),
    reason: t.exposeString('reason'),
    active: t.exposeBoolean('active'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    accountCount: t.int({
      resolve: (w, _a, ctx) =>
        ctx.prisma.account.count({ where: w.kind === 'COUNTRY' ? { country: w.value } : { industry: { equals: w.value, mode: 'insensitive' } } }),
    }),
  }),
});

builder.queryField('watches', (t) =>
  t.prismaField({
    type: [WatchRef],
    authScopes: readAccounts,
    resolve: (query, _r, _a, ctx) => ctx.prisma.watch.findMany({ ...query, where: { active: true }, orderBy: [{ kind: 'asc' }, { value: 'asc' }] }),
  }),
);

const watchSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('INDUSTRY'), value: nonEmpty(100), reason: nonEmpty(500) }),
  z.object({ kind: z.literal('COUNTRY'), value: countrySchema, reason: nonEmpty(500) }),
]);

const AddWatchInput = builder.inputType('AddWatchInput', {
  fields: (t) => ({
    kind: t.field({ type: WatchKindEnum, required: true }),
    value: t.string({ required: true, description: 'An industry as written on accounts, or an ISO 3166-1 alpha-2 country code.' }),
    reason: t.string({ required: true }),
  }),
});
const WatchPayload = builder.objectRef<{ watchId: string; signalsRaised: number }>('WatchPayload').implement({
  fields: (t) => ({
    watch: t.prismaField({ type: WatchRef, resolve: (q, p, _a, ctx) => ctx.prisma.watch.findUniqueOrThrow({ ...q, where: { id: p.watchId } }) }),
    signalsRaised: t.exposeInt('signalsRaised'),
  }),
});

builder.mutationField('addWatch', (t) =>
  t.field({
    type: WatchPayload,
    authScopes: { $all: { role: ['ADMIN', 'CREDIT'], scopes: ['accounts:write', 'accounts:read'] } },
    args: { input: t.arg({ type: AddWatchInput, required: true }) },
    resolve: async (_r, { input }, ctx) => {
      const w = validate(watchSchema, input);
      const where = w.kind === 'COUNTRY' ? { country: w.value } : { industry: { equals: w.value, mode: 'insensitive' as const } };
      const accounts = await ctx.prisma.account.findMany({ where, select: { id: true } });
      const now = new Date();
      const watch = await ctx.prisma.$transaction(async (tx) => {
        const row = await tx.watch.upsert({
          where: { kind_value: { kind: w.kind, value: w.value } },
          create: { kind: w.kind, value: w.value, reason: w.reason, createdById: ctx.viewer!.userId },
          update: { reason: w.reason, active: true },
        });
        await tx.signal.createMany({
          data: accounts.map((a) => ({
            accountId: a.id,
            type: w.kind === 'COUNTRY' ? ('COUNTRY_RISK' as const) : ('INDUSTRY_DOWNTURN' as const),
            severity: w.kind === 'COUNTRY' ? 2 : 1,
            sentiment: 'NEGATIVE' as const,
            source: 'SYSTEM' as const,
            observedAt: now,
            note: `On the ${w.kind === 'COUNTRY' ? 'country' : 'industry'} watch list (${w.value}): ${w.reason}`,
            // One watch-list signal per account and watch, however often the watch is re-added.
            idempotencyKey: `watch:${row.id}:${a.id}:${row.createdAt.getTime()}`,
          })),
          skipDuplicates: true,
        });
        await audit(tx, ctx.viewer, 'watch.add', 'Watch', row.id, { kind: w.kind, value: w.value, accounts: accounts.length });
        return row;
      });
      await ctx.services.accountsChanged(
        accounts.map((a) => a.id),
        'watch.add',
      );
      return { watchId: watch.id, signalsRaised: accounts.length };
    },
  }),
);

builder.mutationField('removeWatch', (t) =>
  t.field({
    type: WatchPayload,
    authScopes: { $all: { role: ['ADMIN', 'CREDIT'], scopes: ['accounts:write', 'accounts:read'] } },
    args: { input: t.arg({ type: builder.inputType('RemoveWatchInput', { fields: (f) => ({ id: f.id({ required: true }) }) }), required: true }) },
    resolve: async (_r, { input }, ctx) => {
      const id = idOf('Watch', input.id, 'input.id')!;
      const watch = await ctx.prisma.watch.findUnique({ where: { id } });
      if (!watch) throw notFound('Watch');
      await ctx.prisma.$transaction(async (tx) => {
        await tx.watch.update({ where: { id }, data: { active: false } });
        await audit(tx, ctx.viewer, 'watch.remove', 'Watch', id, { kind: watch.kind, value: watch.value });
      });
      const accounts = await ctx.prisma.account.findMany({
        where: watch.kind === 'COUNTRY' ? { country: watch.value } : { industry: { equals: watch.value, mode: 'insensitive' } },
        select: { id: true },
      });
      await ctx.services.accountsChanged(
        accounts.map((a) => a.id),
        'watch.remove',
      );
      return { watchId: id, signalsRaised: 0 };
    },
  }),
);
