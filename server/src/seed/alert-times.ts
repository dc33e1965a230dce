/**
 * Demo alerts are raised when the seed scores the accounts, so every one of them would say "raised just now". A real
 * alert is raised on the day its condition first held: this dates each demo alert back to that day where the
 * evidence tells it (an invoice crossing the overdue threshold), and otherwise to a day of the last three weeks
 * picked from the alert's own id (the same alert always gets the same day), in working hours.
 */
import type { PrismaClient } from '../generated/prisma/client.js';
import { DEFAULT_ALERT_SETTINGS } from '../domain/alert-rules.js';
import { DAY_MS } from './credit-file.js';

/** A stable number 0…n-1 from a string (FNV-1a). */
function pick(text: string, n: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h % n;
}

/** When the alert's condition began, as far as the seed can tell: a Date before `asOf`. */
export function raisedAt(alert: { id: string; rule: string; evidence: unknown }, asOf: Date): Date {
  const metrics = (alert.evidence as { metrics?: Record<string, unknown> } | null)?.metrics ?? {};
  const oldest = metrics.oldestDaysPastDue;
  let daysAgo = 1 + pick(alert.id, 21);
  if (alert.rule === 'OVERDUE' && typeof oldest === 'number' && oldest > DEFAULT_ALERT_SETTINGS.overdueDays) {
    daysAgo = Math.max(0, oldest - DEFAULT_ALERT_SETTINGS.overdueDays);
  }
  const day = new Date(asOf.getTime() - daysAgo * DAY_MS);
  // Raised by the nightly or morning recompute: between 06:00 and 10:59 UTC.
  day.setUTCHours(6 + pick(`${alert.id}:h`, 5), pick(`${alert.id}:m`, 60), 0, 0);
  return day.getTime() > asOf.getTime() ? new Date(asOf.getTime() - 3600_000) : day;
}

/** Dates the alerts of these accounts back to when their conditions began (see above). */
export async function spreadAlertTimes(prisma: PrismaClient, accountIds: readonly string[], asOf: Date): Promise<number> {
  const alerts = await prisma.alert.findMany({ where: { accountId: { in: [...accountIds] } }, select: { id: true, rule: true, evidence: true } });
  for (const a of alerts) await prisma.alert.update({ where: { id: a.id }, data: { createdAt: raisedAt(a, asOf) } });
  return alerts.length;
}
