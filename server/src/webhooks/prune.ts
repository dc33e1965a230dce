/** Keeps the delivery log bounded: finished deliveries (DELIVERED or FAILED) are dropped after a while. */
import type { Prisma } from '../db/client.js';

export async function pruneDeliveries(prisma: Prisma, olderThanDays: number, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - olderThanDays * 86400_000);
  const { count } = await prisma.webhookDelivery.deleteMany({ where: { status: { in: ['DELIVERED', 'FAILED'] }, createdAt: { lt: cutoff } } });
  return count;
}
