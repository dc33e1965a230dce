/** Is there anything to seed over, and emptying every app table so `pnpm earshot seed --reset` can rebuild the demo. */
import type { PrismaClient } from '../generated/prisma/client.js';

/** No users and no accounts: a fresh database that the first start may seed. */
export async function isEmptyDatabase(prisma: PrismaClient): Promise<boolean> {
  const [users, accounts] = await Promise.all([prisma.user.count(), prisma.account.count()]);
  return users === 0 && accounts === 0;
}

/**
 * Deletes every row of every app table (users and tokens included; the migration history stays), children
 * before parents so no foreign key is ever violated. One short batch transaction: all or nothing, and on the
 * embedded PGlite nothing else waits long (STACK.md).
 */
export async function clearDemo(prisma: PrismaClient): Promise<void> {
  await prisma.$transaction([
    prisma.webhookDelivery.deleteMany(),
    prisma.webhook.deleteMany(),
    prisma.auditEvent.deleteMany(),
    prisma.adapterHealthEvent.deleteMany(),
    prisma.alert.deleteMany(),
    prisma.healthCheck.deleteMany(),
    prisma.actionItem.deleteMany(),
    prisma.visit.deleteMany(),
    prisma.distributionList.deleteMany(),
    prisma.intelRequest.deleteMany(),
    prisma.signal.deleteMany(),
    prisma.note.deleteMany(),
    prisma.dispute.deleteMany(),
    prisma.payment.deleteMany(),
    prisma.invoice.deleteMany(),
    prisma.accountMetrics.deleteMany(),
    prisma.bankDetailRecord.deleteMany(),
    prisma.creditReport.deleteMany(),
    prisma.crmLink.deleteMany(),
    prisma.accountDomain.deleteMany(),
    prisma.contact.deleteMany(),
    prisma.watch.deleteMany(),
    prisma.exchangeRate.deleteMany(),
    prisma.reviewPolicy.deleteMany(),
    prisma.workspaceSetting.deleteMany(),
    prisma.account.deleteMany(),
    prisma.apiToken.deleteMany(),
    prisma.user.deleteMany(),
  ]);
}
