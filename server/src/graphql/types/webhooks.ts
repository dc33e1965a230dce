/**
 * Webhooks (ADMIN only): register a URL for ALERT_RAISED / ACCOUNT_UPDATED, get the signing secret once, read
 * the delivery log. Deliveries are signed the Standard Webhooks way (webhook-id, webhook-timestamp, webhook-signature) and retried with backoff by the job queue.
 */
import { deliveryOf } from '../../events/delivery.js';
import { createWebhook, deleteWebhook, WebhookUrlError } from '../../webhooks/manage.js';
import type { WebhookEventName } from '../../webhooks/payload.js';
import { type WebhookUrlPolicy, webhookUrlPolicy } from '../../webhooks/url-policy.js';
import { builder } from '../builder.js';
import type { Context } from '../context.js';
import { badInput, notFound } from '../errors.js';
import { decodeRowGlobalId } from '../ids.js';

const adminOnly = { $all: { role: ['ADMIN'], scope: 'admin' } } as const;

export const WebhookEventEnum = builder.enumType('WebhookEvent', {
  values: {
    ALERT_RAISED: { value: 'alert.raised', description: 'An alert was raised or re-opened (X-Earshot-Event: alert.raised).' },
    ACCOUNT_UPDATED: { value: 'account.updated', description: "An account's credit status was recomputed (X-Earshot-Event: account.updated)." },
  } as const,
});

const WebhookDeliveryStatusEnum = builder.enumType('WebhookDeliveryStatus', { values: ['PENDING', 'DELIVERED', 'FAILED'] as const });

const WebhookDeliveryRef = builder.prismaObject('WebhookDelivery', {
  authScopes: adminOnly,
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Sent as webhook-id (the same on every retry of this delivery).' }),
    event: t.field({ type: WebhookEventEnum, resolve: (d) => d.event as WebhookEventName }),
    status: t.field({ type: WebhookDeliveryStatusEnum, resolve: (d) => d.status as 'PENDING' | 'DELIVERED' | 'FAILED' }),
    attempts: t.exposeInt('attempts'),
    responseCode: t.exposeInt('responseCode', { nullable: true }),
    error: t.exposeString('error', { nullable: true, description: 'Why the last attempt failed.' }),
    deliveredAt: t.expose('deliveredAt', { type: 'DateTime', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    payload: t.expose('payload', { type: 'JSON', description: 'The JSON body sent: { id, event, createdAt, data }.' }),
  }),
});

export const WebhookRef = builder.prismaNode('Webhook', {
  id: { field: 'id' },
  // A well-formed id of a missing row: node(id) answers null (findUnique), not an internal error.
  nullable: true,
  authScopes: adminOnly,
  fields: (t) => ({
    url: t.exposeString('url'),
    events: t.field({ type: [WebhookEventEnum], resolve: (w) => w.events as WebhookEventName[] }),
    active: t.exposeBoolean('active'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    deliveries: t.relatedConnection('deliveries', {
      type: WebhookDeliveryRef,
      cursor: 'id',
      totalCount: true,
      description: 'The delivery log, newest first.',
      query: { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] },
    }),
  }),
});

builder.queryField('webhooks', (t) =>
  t.prismaField({
    type: [WebhookRef],
    authScopes: adminOnly,
    resolve: (query, _root, _args, ctx) => ctx.prisma.webhook.findMany({ ...query, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
  }),
);

const CreateWebhookInput = builder.inputType('CreateWebhookInput', {
  fields: (t) => ({
    url: t.string({ required: true, description: 'http(s); a public unicast address unless the server runs with EARSHOT_WEBHOOK_ALLOW_PRIVATE=true.' }),
    events: t.field({ type: [WebhookEventEnum], required: true }),
  }),
});

const CreateWebhookPayload = builder.objectRef<{ webhookId: string; secret: string }>('CreateWebhookPayload').implement({
  fields: (t) => ({
    webhook: t.prismaField({
      type: WebhookRef,
      resolve: (query, p, _args, ctx) => ctx.prisma.webhook.findUniqueOrThrow({ ...query, where: { id: p.webhookId } }),
    }),
    secret: t.exposeString('secret', { description: 'The signing secret (whsec_<base64>, Standard Webhooks). Shown only in this response: store it now.' }),
  }),
});

const DeleteWebhookPayload = builder.objectRef<{ id: string }>('DeleteWebhookPayload').implement({
  fields: (t) => ({ deletedWebhookId: t.exposeID('id') }),
});

function policyOf(ctx: Context): WebhookUrlPolicy {
  // Without the delivery runtime (some tests), the same default as the server: strict unless the env opts out.
  return deliveryOf(ctx.services.events)?.webhookPolicy ?? webhookUrlPolicy();
}

builder.mutationField('createWebhook', (t) =>
  t.field({
    type: CreateWebhookPayload,
    authScopes: adminOnly,
    args: { input: t.arg({ type: CreateWebhookInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      if (!input.events.length) throw badInput('Choose at least one event', 'input.events');
      try {
        const { id, secret } = await createWebhook(ctx.prisma, ctx.viewer, { url: input.url, events: input.events }, policyOf(ctx));
        return { webhookId: id, secret };
      } catch (err) {
        if (err instanceof WebhookUrlError) throw badInput(err.message, 'input.url');
        throw err;
      }
    },
  }),
);

builder.mutationField('deleteWebhook', (t) =>
  t.field({
    type: DeleteWebhookPayload,
    authScopes: adminOnly,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const globalId = String(args.id);
      const decoded = decodeRowGlobalId(globalId);
      if (decoded?.typename !== 'Webhook') throw badInput('id is not a Webhook id', 'id');
      if (!(await deleteWebhook(ctx.prisma, ctx.viewer, decoded.id))) throw notFound('Webhook');
      return { id: globalId };
    },
  }),
);
