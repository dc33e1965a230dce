/**
 * Live updates over Server-Sent Events (POST or GET /graphql with `accept: text/event-stream`). The event only
 * carries ids: the Alert or Account is loaded from the database when it arrives, through the same types as
 * queries, so type-level authorization applies to every event. Subscribing needs `accounts:read`
 * (scope-auth's authorizeOnSubscribe checks it before the stream opens).
 */
import { GraphQLError } from 'graphql';
import { filter, pipe, Repeater } from 'graphql-yoga';
import { deliveryOf } from '../../events/delivery.js';
import type { AccountUpdatedEvent, LivePubSub } from '../../events/pubsub.js';
import { countedUserStream } from '../../events/stream-limit.js';
import { endWhenRevoked } from '../../security/revocation.js';
import type { AlertEvent } from '../../services/index.js';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { badInput, notFound } from '../errors.js';
import { AccountRef } from './account.js';
import { accountIdFrom } from '../ids.js';
import { AlertRef } from './alert.js';

const readAccounts = { $all: { signedIn: true, scope: 'accounts:read' } } as const;

/** How many accounts one `accountsUpdated` stream may watch: the extension's lookup cache holds at most 100 answers. */
export const MAX_WATCHED_ACCOUNTS = 100;

function livePubSub(ctx: Context): LivePubSub {
  const delivery = deliveryOf(ctx.services.events);
  if (!delivery) throw new GraphQLError('Live events are not enabled on this server', { extensions: { code: 'UNAVAILABLE' } });
  return delivery.channel.pubsub;
}

/**
 * A subscription's stream as every field here opens it: counted against the viewer's token and user (at most
 * MAX_STREAMS_PER_TOKEN per token and MAX_STREAMS_PER_USER over all the user's tokens open at once on this
 * instance: TOO_MANY_SUBSCRIPTIONS beyond) and ended when the token is
 * revoked or expires (endWhenRevoked).
 */
function liveStream<T>(ctx: Context, make: (pubsub: LivePubSub) => AsyncIterable<T>): AsyncIterable<T> {
  const pubsub = livePubSub(ctx);
  const viewer = { userId: ctx.viewer?.userId ?? '', tokenId: ctx.viewer?.tokenId ?? '' };
  return countedUserStream(pubsub, viewer, () => endWhenRevoked(ctx, make(pubsub)));
}

/** The row ids of `ids` (global Account ids), each once; more than MAX_WATCHED_ACCOUNTS or a malformed one: BAD_USER_INPUT. */
function watchedAccountIds(ids: readonly (string | number)[]): string[] {
  if (ids.length === 0) throw badInput('ids must name at least one account', 'ids');
  if (ids.length > MAX_WATCHED_ACCOUNTS) throw badInput(`ids must name at most ${MAX_WATCHED_ACCOUNTS} accounts (got ${ids.length})`, 'ids');
  return [...new Set(ids.map((id, i) => accountIdFrom(String(id), `ids.${i}`)))];
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
      return liveStream(ctx, (pubsub) => {
        const events = pubsub.subscribe('alertRaised');
        return accountId ? pipe(events, filter((e: AlertEvent) => e.accountId === accountId)) : events;
      });
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
    subscribe: (_root, args, ctx) => {
      const id = accountIdFrom(String(args.id));
      return liveStream(ctx, (pubsub) => pubsub.subscribe('accountUpdated', id));
    },
    resolve: (query, event, _args, ctx) => loadAccount(query, event as AccountUpdatedEvent, ctx),
  }),
);

builder.subscriptionField('accountsUpdated', (t) =>
  t.prismaField({
    type: AccountRef,
    description:
      `Any of these accounts (at most ${MAX_WATCHED_ACCOUNTS}, each id once) each time it changes on the server, as accountUpdated, ` +
      'on one stream: a client watching the accounts it has cached holds one connection, not one per account. ' +
      'Every event is loaded through Account, so its authorization applies per event (figures null for SALES). ' +
      'A malformed id, none, or more than the maximum: BAD_USER_INPUT before the stream opens. ' +
      'An account removed since: that event carries NOT_FOUND and no data.',
    authScopes: readAccounts,
    args: { ids: t.arg.idList({ required: true }) },
    subscribe: (_root, args, ctx) => {
      const ids = watchedAccountIds(args.ids);
      // Each account's own topic (accountUpdated:<id>, through Redis across instances), merged into one stream.
      return liveStream(ctx, (pubsub) => Repeater.merge(ids.map((id) => pubsub.subscribe('accountUpdated', id))));
    },
    resolve: (query, event, _args, ctx) => loadAccount(query, event as AccountUpdatedEvent, ctx),
  }),
);

async function loadAccount<Q extends object>(query: Q, event: AccountUpdatedEvent, ctx: Context) {
  const account = await ctx.prisma.account.findUnique({ ...query, where: { id: event.accountId } });
  if (!account) throw notFound('Account');
  return account;
}
