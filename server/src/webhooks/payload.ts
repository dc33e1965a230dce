/**
 * What a webhook receives: `{ id, event, createdAt, data }`. `id` names the event (the same for every webhook
 * it goes to); the `webhook-id` header names one delivery to one webhook (the same on its retries).
 * Ids inside `data` are the GraphQL global ids, so a receiver can ask the API about them.
 */
import { randomUUID } from 'node:crypto';
import { encodeGlobalID } from '@pothos/plugin-relay';
import type { Prisma } from '../db/client.js';
import type { AlertEvent } from '../services/index.js';

export const WEBHOOK_EVENTS = ['alert.raised', 'account.updated'] as const;
export type WebhookEventName = (typeof WEBHOOK_EVENTS)[number];

export interface WebhookEnvelope {
  id: string;
  event: WebhookEventName;
  createdAt: string;
  data: Record<string, unknown>;
}

export function envelope(event: WebhookEventName, data: Record<string, unknown>, at = new Date()): WebhookEnvelope {
  return { id: randomUUID(), event, createdAt: at.toISOString(), data };
}

export async function alertRaisedData(prisma: Prisma, alert: AlertEvent): Promise<Record<string, unknown>> {
  const account = await prisma.account.findUnique({ where: { id: alert.accountId }, select: { name: true } });
  return {
    alert: { id: encodeGlobalID('Alert', alert.id), rule: alert.rule, severity: alert.severity, title: alert.title, status: alert.status },
    account: { id: encodeGlobalID('Account', alert.accountId), name: account?.name ?? null },
  };
}

export async function accountUpdatedData(prisma: Prisma, accountId: string): Promise<Record<string, unknown>> {
  const account = await prisma.account.findUnique({
    where: { id: accountId },
    select: { name: true, onHold: true, metrics: { select: { riskLevel: true, riskScore: true, trend: true, computedAt: true } } },
  });
  return {
    account: {
      id: encodeGlobalID('Account', accountId),
      name: account?.name ?? null,
      onHold: account?.onHold ?? null,
      riskLevel: account?.metrics?.riskLevel ?? null,
      riskScore: account?.metrics?.riskScore ?? null,
      trend: account?.metrics?.trend ?? null,
      computedAt: account?.metrics?.computedAt.toISOString() ?? null,
    },
  };
}
