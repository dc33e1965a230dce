/**
 * Live updates over Server-Sent Events (POST or GET /graphql with `accept: text/event-stream`). The event only
 * carries ids: the Alert or Account is loaded from the database when it arrives, through the same types as
 * queries, so type-level authorization applies to every event. Subscribing needs `accounts:read`
 * (scope-auth's authorizeOnSubscribe checks it before the stream opens).
 */
import { GraphQLError } from 'graphql';
import { filter, pipe } from 'graphql-yoga';
import { deliveryOf } from '../../events/delivery.js';
import type { LivePubSub } from '../../events/pubsub.js';
import { endWhenRevoked } from '../../security/revocation.js';
import type { AlertEvent } from '../../services/index.js';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { notFound } from '../errors.js';
import { AccountRef } from './account.js';
import { accountIdFrom } from '../ids.js';
import { AlertRef } from './alert.js';

const readAccounts = { $all: { signedIn: true, scope: 'accounts:read' } } as const;

function livePubSub(ctx: Context): LivePubSub {
  const delivery = deliveryOf(ctx.services.events);
  if (!delivery) throw new GraphQLError('Live events are not enabled on this server', { extensions: { code: 'UNAVAILABLE' } });
  return delivery.channel.pubsub;
}

builder.subscriptionType({});

builder.subscriptionField('alertRaised', (t) =>
  t.prismaField({
    type: AlertRef,
    description: 'Each newly raised (or re-opened) alert, optionally for one account only.',
    authScopes: readAccounts,
    args: { accountId: t.arg.id({ required: false }) },
    subscribe: (_root, args, ctx) => {
      const accountId = args.accountId ? accountIdFrom(String(args.accountId), 'accountId') : null;
      const events = livePubSub(ctx).subscribe('alertRaised');
      return endWhenRevoked(ctx, accountId ? pipe(events, filter((e: AlertEvent) => e.accountId === accountId)) : events);
    },
    resolve: async (query, event, _args, ctx) => {
      const alert = await ctx.prisma.alert.findUnique({ ...query, where: { id: (event as AlertEvent).id } });
      if (!alert) throw notFound('Alert');
      return alert;
    },
  }),
);

builder.subscriptionField('accountUpdated', (t) =>
  t.prismaField({
    type: AccountRef,
    description: "The account each time its credit status is recomputed (new data, or the daily re-evaluation).",
    authScopes: readAccounts,
    args: { id: t.arg.id({ required: true }) },
    subscribe: (_root, args, ctx) => endWhenRevoked(ctx, livePubSub(ctx).subscribe('accountUpdated', accountIdFrom(String(args.id)))),
    resolve: async (query, event, _args, ctx) => {
      const account = await ctx.prisma.account.findUnique({ ...query, where: { id: (event as { accountId: string }).accountId } });
      if (!account) throw notFound('Account');
      return account;
    },
  }),
);
