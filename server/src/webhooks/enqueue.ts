/**
 * Turns an event into webhook deliveries: one WebhookDelivery row (PENDING) and one `deliver-webhook` job per
 * active webhook subscribed to it, written in one transaction (pg-boss through `fromPrisma(tx)`), so there is
 * never a row without its job or a job without its row. The HTTP calls happen later, in the worker.
 */
import { fromPrisma, type PgBoss } from 'pg-boss';
import type { Prisma } from '../db/client.js';
import type { Prisma as P } from '../generated/prisma/client.js';
import { QUEUES } from '../jobs/queues.js';
import { envelope, type WebhookEventName } from './payload.js';

export async function enqueueWebhookDeliveries(
  prisma: Prisma,
  boss: PgBoss,
  event: WebhookEventName,
  data: () => Promise<Record<string, unknown>>,
): Promise<string[]> {
  const hooks = await prisma.webhook.findMany({ where: { active: true, events: { has: event } }, select: { id: true } });
  if (!hooks.length) return [];
  const payload = envelope(event, await data()) as unknown as P.InputJsonValue;
  return prisma.$transaction(async (tx) => {
    const ids: string[] = [];
    for (const hook of hooks) {
      const delivery = await tx.webhookDelivery.create({ data: { webhookId: hook.id, event, payload, status: 'PENDING' }, select: { id: true } });
      await boss.send(QUEUES.deliverWebhook, { deliveryId: delivery.id }, { db: fromPrisma(tx) });
      ids.push(delivery.id);
    }
    return ids;
  });
}
