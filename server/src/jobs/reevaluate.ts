/**
 * The daily re-evaluation: invoices age and reviews fall due with time alone, so every account is recomputed
 * once a day even when no data arrives. This job only pages through the ids and enqueues `recompute-accounts`
 * jobs of 50 (services.accountsChanged), so it stays short and the recomputes spread over the workers.
 */
import type { Prisma } from '../db/client.js';
import type { Services } from '../services/index.js';

const PAGE = 1000;

export async function reevaluateAll(prisma: Prisma, services: Services): Promise<number> {
  let after: string | undefined;
  let total = 0;
  for (;;) {
    const page = await prisma.account.findMany({
      select: { id: true },
      orderBy: { id: 'asc' },
      take: PAGE,
      ...(after ? { cursor: { id: after }, skip: 1 } : {}),
    });
    if (!page.length) return total;
    await services.accountsChanged(
      page.map((a) => a.id),
      'daily-reevaluation',
    );
    total += page.length;
    after = page[page.length - 1]!.id;
    if (page.length < PAGE) return total;
  }
}
