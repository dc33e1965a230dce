/**
 * E-mailing internal visit reports through SMTP (SMTP_URL), with retries through the job queue.
 *
 * The report row is stored first (the credit file keeps it whatever happens to the mail): its emailStatus starts
 * NOT_CONFIGURED without SMTP_URL, else QUEUED. After the row commits, `queueVisitReportEmail` enqueues a
 * `visit-report-email` job; the worker calls `deliverVisitReportEmail`, one SMTP conversation per attempt:
 * SENT on success; on a temporary failure (connection refused, 4xx) attempts + lastError and QUEUED, and the
 * thrown error makes pg-boss retry with backoff (jobs/queues.ts); FAILED after the last attempt or at once on a
 * permanent refusal (5xx). The Message-ID is the report's own (`<report-id@from-domain>`): a retry after a lost
 * answer carries the same id, so mail clients thread it as one message.
 */
import type { VisitReportEmailStatus } from '@earshot/shared';
import nodemailer from 'nodemailer';
import type { SmtpConfig } from '../config.js';
import type { Prisma } from '../db/client.js';
import { consoleLog } from '../events/log.js';
import { badInput, notFound } from '../graphql/errors.js';
import { QUEUES } from '../jobs/queues.js';
import { audit } from './audit.js';
import type { Services } from './index.js';
import { emailAddress } from './validation.js';

/** Addresses one report may go to, lists expanded (issue 9: "≤ 50"). */
export const MAX_REPORT_RECIPIENTS = 50;
export const REPORT_HEADER = 'X-Earshot-Visit-Report';
const MAX_ERROR_LENGTH = 500;

/**
 * Expands distribution-list names and checks the addresses (active users' e-mails or members of a list):
 * throws badInput for an unknown list or an address outside both. No open relay: whoever may send a report
 * cannot make the server mail a stranger.
 */
export async function resolveReportRecipients(
  prisma: Prisma,
  input: { recipients: readonly string[]; groups: readonly string[] },
): Promise<{ addresses: string[]; groups: string[] }> {
  const lists = await prisma.distributionList.findMany({ select: { name: true, addresses: true }, orderBy: { name: 'asc' } });
  const byName = new Map(lists.map((l) => [l.name.toLowerCase(), l]));
  const groups: string[] = [];
  const addresses = new Set<string>();
  for (const raw of input.groups) {
    const list = byName.get(raw.trim().toLowerCase());
    if (!list) {
      const known = lists.length ? `the lists are ${lists.map((l) => `"${l.name}"`).join(', ')}` : 'an admin has not set up any yet';
      throw badInput(`There is no distribution list called "${raw.trim()}" (${known}).`, 'input.groups');
    }
    if (groups.includes(list.name)) continue;
    groups.push(list.name);
    for (const a of list.addresses) addresses.add(a.toLowerCase());
  }
  const listed = new Set(lists.flatMap((l) => l.addresses.map((a) => a.toLowerCase())));
  const wanted: string[] = [];
  for (const raw of input.recipients) {
    const address = emailAddress(raw);
    if (!address) throw badInput(`"${raw}" is not a valid e-mail address.`, 'input.recipients');
    wanted.push(address);
  }
  const users = wanted.length ? await prisma.user.findMany({ where: { active: true, email: { in: wanted } }, select: { email: true } }) : [];
  const colleagues = new Set(users.map((u) => u.email.toLowerCase()));
  for (const address of wanted) {
    if (!colleagues.has(address) && !listed.has(address)) {
      throw badInput(`${address} is neither an active user's e-mail nor on a distribution list: visit reports go to colleagues only.`, 'input.recipients');
    }
    addresses.add(address);
  }
  if (!addresses.size) throw badInput('Choose at least one recipient or distribution list for the report.', 'input.recipients');
  if (addresses.size > MAX_REPORT_RECIPIENTS) {
    throw badInput(`A report goes to at most ${MAX_REPORT_RECIPIENTS} addresses; these recipients and lists make ${addresses.size}.`, 'input.recipients');
  }
  return { addresses: [...addresses], groups };
}

/** The e-mail status a new report starts with: NOT_CONFIGURED without SMTP_URL, else QUEUED. */
export function initialEmailStatus(services: Pick<Services, 'mail'>): VisitReportEmailStatus {
  return services.mail ? 'QUEUED' : 'NOT_CONFIGURED';
}

/**
 * After the report row committed: queue its e-mail (no-op when NOT_CONFIGURED). Without a job queue (the CLI,
 * some tests) it makes one attempt now, and a failure is final (FAILED; an admin may resend it). Never throws:
 * the report is stored either way, and its row says what became of the mail.
 */
export async function queueVisitReportEmail(prisma: Prisma, services: Pick<Services, 'mail' | 'jobs' | 'log'>, reportId: string): Promise<void> {
  if (!services.mail) return;
  const log = services.log ?? consoleLog;
  try {
    // No singletonKey: a resend after a failed job must queue again; resend refuses a report that is still QUEUED.
    if (services.jobs) await services.jobs.send(QUEUES.visitReportEmail, { reportId });
    else await deliverVisitReportEmail(prisma, services.mail, { reportId, final: true });
  } catch (err) {
    // The row stays QUEUED: resendVisitReport (or the next attempt) picks it up.
    log(`visit report ${reportId}: could not queue its e-mail`, err);
  }
}

/**
 * Queues a report's e-mail again: one that FAILED, or one stored while SMTP_URL was not set (NOT_CONFIGURED) now
 * that it is. Who may is the caller's check (credit or admin). Audited; the e-mail is queued after the commit.
 */
export async function resendVisitReportEmail(
  prisma: Prisma,
  services: Pick<Services, 'mail' | 'jobs' | 'log'>,
  viewer: { userId: string; tokenId?: string | null } | null,
  reportId: string,
): Promise<void> {
  if (!services.mail) throw badInput('E-mail is not configured on this server (SMTP_URL): the report is kept but cannot be e-mailed.');
  await prisma.$transaction(async (tx) => {
    const report = await tx.visitReport.findUnique({ where: { id: reportId }, select: { emailStatus: true } });
    if (!report) throw notFound('Visit report');
    if (report.emailStatus === 'SENT') throw badInput('This report was e-mailed already.', 'input.reportId');
    if (report.emailStatus === 'QUEUED') throw badInput('This report is queued already; it goes out as soon as the mail server takes it.', 'input.reportId');
    await tx.visitReport.update({ where: { id: reportId }, data: { emailStatus: 'QUEUED' } });
    await audit(tx, viewer, 'visitReport.resend', 'VisitReport', reportId, { from: report.emailStatus });
  });
  await queueVisitReportEmail(prisma, services, reportId);
}

export interface MailAttempt {
  reportId: string;
  /** No retry follows this attempt. */
  final: boolean;
  /** Appended to lastError when another attempt follows, e.g. "attempt 1; next in 30–60 s". */
  retryNote?: string;
}

export class MailFailed extends Error {}

/** Seconds; one attempt stays far below the queue's expireInSeconds (jobs/queues.ts). */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/** One attempt at e-mailing one report (the `visit-report-email` worker). Idempotent: a SENT report is left alone. */
export async function deliverVisitReportEmail(
  prisma: Prisma,
  smtp: SmtpConfig,
  attempt: MailAttempt,
  now: () => Date = () => new Date(),
): Promise<VisitReportEmailStatus | 'GONE'> {
  const report = await prisma.visitReport.findUnique({ where: { id: attempt.reportId } });
  // Deleted with its visit, or sent by an attempt whose answer was lost: nothing to do.
  if (!report) return 'GONE';
  if (report.emailStatus === 'SENT') return 'SENT';
  const messageId = reportMessageId(report.id, smtp);
  let error: string;
  let permanent = false;
  try {
    const transport = nodemailer.createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      requireTLS: smtp.starttls === 'required',
      ignoreTLS: smtp.starttls === 'off',
      ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
      ...TIMEOUTS,
    });
    try {
      await transport.sendMail({
        from: smtp.from,
        to: report.recipients,
        subject: report.subject,
        text: report.body,
        messageId,
        headers: { [REPORT_HEADER]: report.id, 'Auto-Submitted': 'auto-generated' },
      });
    } finally {
      transport.close();
    }
    await prisma.visitReport.update({
      where: { id: report.id },
      data: { emailStatus: 'SENT', attempts: { increment: 1 }, emailedAt: now(), messageId, lastError: null },
    });
    return 'SENT';
  } catch (err) {
    const code = (err as { responseCode?: number }).responseCode;
    // 5xx: the server refused for good (unknown mailbox, authentication): retrying the same would fail the same.
    permanent = typeof code === 'number' && code >= 500 && code < 600;
    error = describeMailError(err, smtp);
  }
  const final = attempt.final || permanent;
  const note = final ? (permanent ? ' (refused permanently)' : ' (no attempts left)') : attempt.retryNote ? ` (${attempt.retryNote})` : '';
  await prisma.visitReport.update({
    where: { id: report.id },
    data: { emailStatus: final ? 'FAILED' : 'QUEUED', attempts: { increment: 1 }, lastError: `${error.slice(0, MAX_ERROR_LENGTH)}${note}` },
  });
  if (final) return 'FAILED';
  throw new MailFailed(error);
}

/** `<report-id@domain of SMTP_FROM>`: stable per report, so a repeated send threads as the same message. */
export function reportMessageId(reportId: string, smtp: Pick<SmtpConfig, 'fromAddress'>): string {
  return `<${reportId}@${smtp.fromAddress.split('@')[1]}>`;
}

/** The server's answer or the network error, one line, never the password or the user name of SMTP_URL. */
function describeMailError(err: unknown, smtp: SmtpConfig): string {
  let text = (err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ').trim() || 'unknown error';
  for (const secret of [smtp.password, smtp.user]) if (secret) text = text.split(secret).join('***');
  return text;
}
