/**
 * E-mailing internal visit reports through SMTP (SMTP_URL), with retries through the job queue.
 * STUB — the mail branch implements it.
 */
import type { VisitReportEmailStatus } from '@earshot/shared';
import type { Prisma } from '../db/client.js';

/**
 * Expands distribution-list names and checks the addresses (active users' e-mails or members of a list):
 * throws badInput for an unknown list or an address outside both.
 */
export async function resolveReportRecipients(
  _prisma: Prisma,
  input: { recipients: readonly string[]; groups: readonly string[] },
): Promise<{ addresses: string[]; groups: string[] }> {
  return { addresses: [...input.recipients], groups: [...input.groups] };
}

/** The e-mail status a new report starts with: NOT_CONFIGURED without SMTP_URL, else QUEUED. */
export function initialEmailStatus(): VisitReportEmailStatus {
  return 'NOT_CONFIGURED';
}

/** After the report row committed: queue its e-mail (no-op when NOT_CONFIGURED). */
export async function queueVisitReportEmail(_reportId: string): Promise<void> {}
