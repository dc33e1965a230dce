/**
 * Health-check reviews for the demo (seed 002), so the workspace's review page has something to show: this month's
 * plan, as a credit team would lay it out by hand: the 8 accounts due soonest (the overdue one first; the demo has
 * only one due this month, so the others are taken a little ahead of their date), two of them already started (one
 * asking its account manager for their view), and exchange rates into the reporting currency (EUR).
 */
import { SALES_VIEW_QUESTION_TEXT } from '@earshot/shared';
import type { PrismaClient } from '../generated/prisma/client.js';
import { DAY_MS } from './credit-file.js';
import type { DemoPlan } from './plan.js';

export const DEMO_REVIEWS = 8;
export const DEMO_REVIEWS_STARTED = 2;
/** Rates into EUR for the demo's other currencies. */
export const DEMO_RATES: Readonly<Record<string, string>> = { GBP: '1.1700000000', USD: '0.9200000000' };

export async function writeReviews(prisma: PrismaClient, plan: DemoPlan, users: Map<string, string>, accounts: Map<string, string>, now: Date): Promise<number> {
  const month = now.toISOString().slice(0, 7);
  const due = [...plan.accounts]
    .sort((a, b) => a.nextReviewAt.getTime() - b.nextReviewAt.getTime() || a.externalId.localeCompare(b.externalId))
    .slice(0, DEMO_REVIEWS);
  const latestScore = (externalId: string) =>
    plan.creditReports.filter((r) => r.accountExternalId === externalId).sort((a, b) => b.reportedAt.getTime() - a.reportedAt.getTime())[0]?.score ?? null;
  const startedAt = new Date(now.getTime() - 2 * DAY_MS);
  const rows = await prisma.healthCheck.createManyAndReturn({
    data: due.map((a, i) => ({
      accountId: accounts.get(a.externalId)!,
      reviewerId: users.get(a.creditOwner)!,
      status: i < DEMO_REVIEWS_STARTED ? ('IN_PROGRESS' as const) : ('PLANNED' as const),
      plannedMonth: month,
      dueAt: a.nextReviewAt,
      startedAt: i < DEMO_REVIEWS_STARTED ? startedAt : null,
      scoreBefore: i < DEMO_REVIEWS_STARTED ? latestScore(a.externalId) : null,
      createdAt: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1, 5)),
    })),
    select: { id: true, accountId: true, status: true },
  });
  const first = due[0];
  if (first && rows[0]) {
    await prisma.intelRequest.create({
      data: {
        accountId: rows[0].accountId,
        requestedById: users.get(first.creditOwner)!,
        assignedToId: users.get(first.accountManager)!,
        questions: [{ id: 'view', kind: 'SALES_VIEW', text: SALES_VIEW_QUESTION_TEXT }],
        message: 'Routine health check: your view of the customer helps the review.',
        dueAt: new Date(startedAt.getTime() + 5 * DAY_MS),
        healthCheckId: rows[0].id,
        createdAt: startedAt,
      },
    });
  }
  await prisma.exchangeRate.createMany({
    data: Object.entries(DEMO_RATES).map(([currency, rate]) => ({ base: 'EUR', currency, rate, asOf: new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS - DAY_MS) })),
  });
  return rows.length;
}
