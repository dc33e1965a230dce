/**
 * The internal visit report (seed 004: "a brief report … to executives, sales managers and customer service"),
 * kept in the account's credit file and e-mailed to the groups chosen. Pure: no database.
 */
import { VISIT_PURPOSE_LABEL, type ActionItemStatus, type VisitPurpose, type VisitQuestion, type VisitStatus } from '@earshot/shared';
import { dayInWords } from './calendar.js';
import { linesOf } from './visit-follow-up.js';

export interface ReportInput {
  accountName: string;
  purpose: VisitPurpose;
  status: VisitStatus;
  scheduledAt: Date;
  heldAt: Date | null;
  place: string | null;
  ours: readonly string[];
  theirs: readonly string[];
  goals: string;
  notes: readonly string[];
  questions: readonly VisitQuestion[];
  signals: readonly { label: string; severity: number; note: string | null }[];
  actionItems: readonly { title: string; ownerName: string; dueOn: Date; status: ActionItemStatus; overdue: boolean }[];
  decisions: string | null;
  followedUpAt: Date | null;
}

const list = (items: readonly string[], empty: string) => (items.length ? items.map((i) => `- ${i}`) : [empty]);

export function composeVisitReport(r: ReportInput): { subject: string; body: string } {
  const day = dayInWords(r.heldAt ?? r.scheduledAt);
  const purpose = VISIT_PURPOSE_LABEL[r.purpose];
  const subject = `Visit report: ${r.accountName}, ${purpose.toLowerCase()}, ${day}`;
  const asked = r.questions.filter((q) => q.asked);
  const body = [
    `Customer: ${r.accountName}`,
    `Purpose: ${purpose}`,
    `Date: ${day}${r.heldAt ? '' : ' (planned)'}`,
    `Place: ${r.place ?? 'not given'}`,
    `Attendees (ours): ${r.ours.join(', ') || 'none recorded'}`,
    `Attendees (theirs): ${r.theirs.join(', ') || 'none recorded'}`,
    '',
    'Goals',
    ...list(linesOf(r.goals), '- none recorded'),
    '',
    'Key points',
    ...list(r.notes.flatMap(linesOf), '- no notes taken'),
    '',
    'Questions asked',
    ...list(
      asked.map((q) => `${q.text} ${q.answer?.trim() ? `Answer: ${q.answer.trim()}` : '(no answer noted)'}`),
      '- none ticked off',
    ),
    '',
    'Signals raised',
    ...list(
      r.signals.map((s) => `${s.label} (severity ${s.severity})${s.note ? `: ${s.note}` : ''}`),
      '- none',
    ),
    '',
    'Action items',
    ...list(
      r.actionItems.map((a) => `${a.title}: ${a.ownerName}, due ${dayInWords(a.dueOn)}, ${a.overdue ? 'overdue' : a.status.toLowerCase()}`),
      '- none',
    ),
    '',
    'Decisions on terms',
    ...list(r.decisions ? linesOf(r.decisions) : [], '- none recorded'),
    '',
    `Follow-up to the customer: ${r.followedUpAt ? `recorded on ${dayInWords(r.followedUpAt)}` : 'not recorded yet'}`,
  ].join('\n');
  return { subject, body };
}
