/** Small pieces the visit views share: dates with times, status in words, a refusal shown where it belongs. */
import { VISIT_PURPOSE_LABEL, VISIT_STATUS_LABEL, type VisitReportEmailStatus, type VisitStatus } from '@earshot/shared';
import { useEffect, useRef } from 'preact/hooks';
import type { ActionItem, VisitReport } from '@/lib/workspace-visit-types';
import { formatWeekdayDateTime } from '@/ui/format/dates';
import { describeFailure, failureField } from '../../op';

/** "Thu 10 Dec 2026, 10:30" in the user's time zone (a visit happens at a local time). */
export const formatWhen = formatWeekdayDateTime;

/** `<input type="datetime-local">`'s value for a moment (local time), and back. */
export function toLocalInput(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function fromLocalInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** Today (local) as YYYY-MM-DD, `days` ahead. */
export function localDay(days = 0): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function StatusTag({ status }: { status: VisitStatus }) {
  return (
    <span class={`tag tag--visit-${status.toLowerCase()}`} data-testid="visit-status" data-status={status}>
      {VISIT_STATUS_LABEL[status]}
    </span>
  );
}

export const purposeLabel = (purpose: keyof typeof VISIT_PURPOSE_LABEL) => VISIT_PURPOSE_LABEL[purpose];

/** What became of a report's e-mail, in words (the report itself is always kept in the credit file). */
export function emailStatusText(report: Pick<VisitReport, 'emailStatus' | 'recipients' | 'lastError'>, listed = report.recipients.length): string {
  const status: VisitReportEmailStatus = report.emailStatus;
  switch (status) {
    case 'SENT':
      return `E-mailed to ${listed} ${listed === 1 ? 'person' : 'people'}`;
    case 'QUEUED':
      return 'Queued: will be e-mailed when the mail server answers';
    case 'NOT_CONFIGURED':
      return 'Stored in the credit file; e-mail is not set up on this server (SMTP_URL)';
    case 'FAILED':
      return `Could not be e-mailed: ${report.lastError ?? 'the mail server refused it'}`;
  }
}

/** Open items, overdue first (flagged in words), then by due date. */
export function sortActionItems(items: ActionItem[]): ActionItem[] {
  return [...items].sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueOn.localeCompare(b.dueOn));
}

export interface Problem {
  field: string | null;
  message: string;
}

/** A refusal as a `Problem`: the field it names when the form shows that field, else the form's own (null). */
export function problemOf(error: unknown, fields: readonly string[]): Problem {
  const field = failureField(error);
  return { field: field && fields.includes(field) ? field : null, message: describeFailure(error) };
}

/**
 * The refusal beside the field it names (or under the form when `field` is null): an alert, focused (tabindex -1)
 * so a keyboard user lands next to what to fix.
 */
export function ProblemText({ problem, field = null, testId = 'visit-error' }: { problem: Problem | null; field?: string | null; testId?: string }) {
  const ref = useRef<HTMLParagraphElement>(null);
  const shown = problem && problem.field === field ? problem : null;
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [shown]);
  if (!shown) return null;
  return (
    <p class="form-error" role="alert" tabIndex={-1} ref={ref} data-testid={testId} data-field={field ?? undefined}>
      {shown.message}
    </p>
  );
}
