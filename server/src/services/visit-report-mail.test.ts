/**
 * Visit reports e-mailed through a real SMTP receiver (test-support/smtp.ts, with a user and password): the
 * message as received, retries through the job queue while the server is down or answers 4xx, FAILED after the
 * last attempt or a 5xx (the report row stays), nothing queued without SMTP_URL; and who a report may go to.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueSettings } from '../jobs/queues.js';
import { DB_KINDS } from '../test-support/databases.js';
import { type DeliveryTestServer, startDeliveryTestServer, waitFor } from '../test-support/delivery.js';
import { type SmtpReceiver, startSmtpReceiver } from '../test-support/smtp.js';
import {
  deliverVisitReportEmail,
  initialEmailStatus,
  MAX_REPORT_RECIPIENTS,
  queueVisitReportEmail,
  REPORT_HEADER,
  reportMessageId,
  resendVisitReportEmail,
  resolveReportRecipients,
} from './visit-report-mail.js';

const AUTH = { user: 'earshot-reports', password: 'smtp-test-secret-42' };
const FROM = 'Earshot Reports <reports@earshot.example>';

describe.each(DB_KINDS)('visit report e-mail through SMTP on %s', (kind) => {
  let s: DeliveryTestServer;
  let smtp: SmtpReceiver;
  let visitId: string;
  const latencies: number[] = [];

  beforeAll(async () => {
    smtp = await startSmtpReceiver({ auth: AUTH });
    // Three attempts, 1–2 s then 2–4 s apart: the retry tests stay short.
    s = await startDeliveryTestServer(kind, {
      mail: smtp.config(FROM),
      settings: queueSettings({ webhookRetryDelay: 1, recomputeRetryDelay: 1, visitReportRetryDelay: 1, visitReportRetryLimit: 2 }),
    });
    const account = await s.db.prisma.account.create({ data: { name: 'Brightwater Tiles', currency: 'EUR' } });
    const visit = await s.db.prisma.visit.create({
      data: { accountId: account.id, organizerId: s.users.CREDIT.id, purpose: 'CREDIT_TERMS_REVIEW', status: 'HELD', scheduledAt: new Date('2026-11-20T09:00:00Z'), goals: 'Review terms' },
    });
    visitId = visit.id;
    await s.db.prisma.distributionList.create({ data: { name: 'Executives', description: 'Board', addresses: ['ceo@earshot.example', 'cfo@earshot.example'] } });
    await s.db.prisma.distributionList.create({ data: { name: 'Sales managers', addresses: ['sales-lead@earshot.example', 'cfo@earshot.example'] } });
  }, 180_000);
  afterAll(async () => {
    if (latencies.length) console.info(`visit report e-mail (${kind}): queued → received in ${latencies.map((ms) => `${ms} ms`).join(', ')}`);
    await s?.close();
    await smtp?.stop();
  });

  const newReport = (subject: string, recipients = ['ceo@earshot.example', s.users.SALES.email]) =>
    s.db.prisma.visitReport.create({
      data: { visitId, sentById: s.users.CREDIT.id, recipients, groups: ['Executives'], subject, body: `${subject}\n\nKey points:\n- Trading outlook steady\n- Asked for 60 days`, emailStatus: initialEmailStatus(s.services) },
    });
  const row = (id: string) => s.db.prisma.visitReport.findUniqueOrThrow({ where: { id } });
  /** Polls the report row until its e-mail status is `status`. */
  const rowWith = (id: string, status: string, timeoutMs = 10_000) =>
    waitFor(`report ${status}`, async () => {
      const r = await row(id);
      return r.emailStatus === status ? r : null;
    }, timeoutMs);
  const received = (subject: string) => smtp.messages.filter((m) => m.mail.subject === subject);

  it('queues the report, which arrives once with its headers and body; the row says SENT', async () => {
    const report = await newReport('Visit report: Brightwater Tiles, 20 Nov 2026');
    expect(report.emailStatus).toBe('QUEUED');
    const started = Date.now();
    await queueVisitReportEmail(s.db.prisma, s.services, report.id);
    const sent = await rowWith(report.id, 'SENT');
    const [message, ...more] = received(report.subject);
    expect(more).toEqual([]);
    latencies.push(message!.at - started);
    expect(message!.user).toBe(AUTH.user);
    expect(message!.envelope).toEqual({ from: 'reports@earshot.example', to: ['ceo@earshot.example', s.users.SALES.email] });
    const mail = message!.mail;
    expect(mail.from?.value).toEqual([{ name: 'Earshot Reports', address: 'reports@earshot.example' }]);
    expect((Array.isArray(mail.to) ? mail.to : [mail.to]).flatMap((t) => t!.value.map((v) => v.address))).toEqual(['ceo@earshot.example', s.users.SALES.email]);
    expect(mail.messageId).toBe(`<${report.id}@earshot.example>`);
    expect(mail.headers.get(REPORT_HEADER.toLowerCase())).toBe(report.id);
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mail.text?.trim()).toBe(report.body);
    expect(sent).toMatchObject({ emailStatus: 'SENT', attempts: 1, lastError: null, messageId: `<${report.id}@earshot.example>` });
    expect(sent.emailedAt).toBeInstanceOf(Date);
    // Another attempt at a SENT report (a duplicate job) sends nothing.
    expect(await deliverVisitReportEmail(s.db.prisma, s.services.mail!, { reportId: report.id, final: false })).toBe('SENT');
    expect(received(report.subject)).toHaveLength(1);
  }, 30_000);

  it('while the SMTP server is down: attempts and the error recorded, still QUEUED; once it is up, delivered once', async () => {
    await smtp.stop();
    const report = await newReport('Visit report: while the mail server was down');
    const started = Date.now();
    await queueVisitReportEmail(s.db.prisma, s.services, report.id);
    const failed = await waitFor('a failed attempt recorded', async () => ((await row(report.id)).attempts >= 1 ? row(report.id) : null));
    expect(failed.emailStatus).toBe('QUEUED');
    expect(failed.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(failed.lastError).toMatch(/attempt 1; next in 1–2 s/);
    expect(failed.lastError).not.toContain(AUTH.password);
    await smtp.start();
    const sent = await rowWith(report.id, 'SENT', 15_000);
    expect(sent.attempts).toBe(2);
    expect(sent.lastError).toBeNull();
    expect(received(report.subject)).toHaveLength(1);
    latencies.push(received(report.subject)[0]!.at - started);
  }, 30_000);

  /** Queues a report while the receiver refuses with `code`, and waits until it FAILED. */
  const failedWhileRefusing = async (code: number, subject: string) => {
    smtp.refuseWith = code;
    try {
      const report = await newReport(subject);
      await queueVisitReportEmail(s.db.prisma, s.services, report.id);
      return await rowWith(report.id, 'FAILED', 20_000);
    } finally {
      smtp.refuseWith = null;
    }
  };

  it('a server answering 4xx every time: retried, then FAILED after the last attempt; the report is kept', async () => {
    const failed = await failedWhileRefusing(451, 'Visit report: the server kept deferring');
    expect(failed.attempts).toBe(3);
    expect(failed.lastError).toMatch(/451.*Try again later.*\(no attempts left\)/);
    expect(failed.emailedAt).toBeNull();
    expect(received(failed.subject)).toEqual([]);
  }, 30_000);

  it('a 5xx refusal is final at once: FAILED after one attempt, no retry; queued again, it goes out', async () => {
    const failed = await failedWhileRefusing(550, 'Visit report: refused once for good');
    expect(failed.attempts).toBe(1);
    expect(failed.lastError).toMatch(/550.*\(refused permanently\)/);
    await resendVisitReportEmail(s.db.prisma, s.services, { userId: s.users.CREDIT.id }, failed.id);
    expect(await rowWith(failed.id, 'SENT')).toMatchObject({ attempts: 2, lastError: null });
    expect(received(failed.subject)).toHaveLength(1);
  });

  it('a FAILED report (or one stored before SMTP_URL was set) can be queued again, audited; SENT and QUEUED ones cannot', async () => {
    const report = await newReport('Visit report: sent again');
    await s.db.prisma.visitReport.update({ where: { id: report.id }, data: { emailStatus: 'FAILED', attempts: 3, lastError: '451 Try again later (no attempts left)' } });
    await resendVisitReportEmail(s.db.prisma, s.services, { userId: s.users.ADMIN.id }, report.id);
    const sent = await rowWith(report.id, 'SENT');
    expect(sent).toMatchObject({ attempts: 4, lastError: null });
    expect(received(report.subject)).toHaveLength(1);
    expect(await s.db.prisma.auditEvent.count({ where: { action: 'visitReport.resend', entityId: report.id, actorId: s.users.ADMIN.id } })).toBe(1);
    await expect(resendVisitReportEmail(s.db.prisma, s.services, null, report.id)).rejects.toThrow('This report was e-mailed already.');
    const stored = await s.db.prisma.visitReport.create({ data: { visitId, recipients: ['ceo@earshot.example'], groups: [], subject: 'Stored only', body: 'b', emailStatus: 'NOT_CONFIGURED' } });
    await expect(resendVisitReportEmail(s.db.prisma, { mail: null, jobs: null }, null, stored.id)).rejects.toThrow(/E-mail is not configured on this server \(SMTP_URL\)/);
    await resendVisitReportEmail(s.db.prisma, s.services, null, stored.id);
    await rowWith(stored.id, 'SENT');
  });

  it('wrong credentials: FAILED (535), and the error names neither the password nor the user', async () => {
    const wrong = { ...s.services.mail!, password: 'not-the-password-99' };
    const report = await newReport('Visit report: wrong password');
    expect(await deliverVisitReportEmail(s.db.prisma, wrong, { reportId: report.id, final: false })).toBe('FAILED');
    const r = await row(report.id);
    expect(r.lastError).toMatch(/535/);
    expect(r.lastError).not.toContain('not-the-password-99');
    expect(r.lastError).not.toContain(AUTH.user);
  });

  it('without SMTP_URL: NOT_CONFIGURED and nothing queued; without a job queue: sent at once', async () => {
    const sent: unknown[] = [];
    const jobs = {
      send: async (...args: unknown[]) => {
        sent.push(args);
        return 'job';
      },
    };
    expect(initialEmailStatus({ mail: null })).toBe('NOT_CONFIGURED');
    expect(initialEmailStatus({})).toBe('NOT_CONFIGURED');
    await queueVisitReportEmail(s.db.prisma, { mail: null, jobs }, 'never-looked-up');
    expect(sent).toEqual([]);
    const report = await newReport('Visit report: no queue');
    await queueVisitReportEmail(s.db.prisma, { mail: s.services.mail!, jobs: null }, report.id);
    expect((await row(report.id)).emailStatus).toBe('SENT');
    expect(received(report.subject)).toHaveLength(1);
    expect(reportMessageId(report.id, s.services.mail!)).toBe(`<${report.id}@earshot.example>`);
  });

  it('recipients: lists expanded, addresses lower-cased and deduplicated; unknown lists and outside addresses refused', async () => {
    const p = s.db.prisma;
    expect(await resolveReportRecipients(p, { recipients: [' CFO@Earshot.example ', s.users.SALES.email.toUpperCase()], groups: ['executives', 'Sales managers', 'Executives'] })).toEqual({
      addresses: ['ceo@earshot.example', 'cfo@earshot.example', 'sales-lead@earshot.example', s.users.SALES.email],
      groups: ['Executives', 'Sales managers'],
    });
    await expect(resolveReportRecipients(p, { recipients: [], groups: ['Board'] })).rejects.toThrow(
      'There is no distribution list called "Board" (the lists are "Executives", "Sales managers").',
    );
    await expect(resolveReportRecipients(p, { recipients: ['buyer@brightwater.example'], groups: [] })).rejects.toThrow(
      "buyer@brightwater.example is neither an active user's e-mail nor on a distribution list: visit reports go to colleagues only.",
    );
    await expect(resolveReportRecipients(p, { recipients: ['not an address'], groups: [] })).rejects.toThrow('"not an address" is not a valid e-mail address.');
    await expect(resolveReportRecipients(p, { recipients: [], groups: [] })).rejects.toThrow('Choose at least one recipient or distribution list');
    // A deactivated user is outside.
    const gone = await p.user.create({ data: { email: 'left-the-company@earshot.example', name: 'Former Colleague', role: 'SALES', active: false } });
    await expect(resolveReportRecipients(p, { recipients: [gone.email], groups: [] })).rejects.toThrow(/left-the-company@earshot.example is neither/);
    const err = (await resolveReportRecipients(p, { recipients: [gone.email], groups: [] }).catch((e: unknown) => e)) as { extensions: Record<string, unknown> };
    expect(err.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.recipients' });
  });

  it(`recipients: at most ${MAX_REPORT_RECIPIENTS} addresses once the lists are expanded`, async () => {
    const p = s.db.prisma;
    const many = Array.from({ length: MAX_REPORT_RECIPIENTS }, (_, i) => `staff-${i}@earshot.example`);
    await p.distributionList.create({ data: { name: 'Everyone', addresses: many } });
    expect((await resolveReportRecipients(p, { recipients: [], groups: ['Everyone'] })).addresses).toHaveLength(MAX_REPORT_RECIPIENTS);
    await expect(resolveReportRecipients(p, { recipients: [], groups: ['Everyone', 'Executives'] })).rejects.toThrow(
      `A report goes to at most ${MAX_REPORT_RECIPIENTS} addresses; these recipients and lists make ${MAX_REPORT_RECIPIENTS + 2}.`,
    );
  });
});
