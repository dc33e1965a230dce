/**
 * The follow-up e-mail to the customer after a visit (seed 004: "send a follow-up e-mail summarising what was
 * discussed and the action items"): a draft the user edits and opens in their own mail. Pure: no database.
 */
import type { VisitQuestion } from '@earshot/shared';

export interface FollowUpInput {
  /** The customer's people met. */
  contactNames: readonly string[];
  heldAt: Date | null;
  goals: string;
  questions: readonly VisitQuestion[];
  /** The notes' bodies, oldest first. */
  notes: readonly string[];
  actionItems: readonly { title: string; ownerName: string; dueOn: Date }[];
  senderName: string;
}

export const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** Non-empty trimmed lines, bullets ("-", "*", "•") removed. */
export function linesOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*[-*•]\s*/, '').trim())
    .filter(Boolean);
}

function greeting(names: readonly string[]): string {
  const firsts = names.map((n) => n.trim()).filter(Boolean);
  if (firsts.length === 0) return 'Hello,';
  if (firsts.length === 1) return `Dear ${firsts[0]},`;
  return `Dear ${firsts.slice(0, -1).join(', ')} and ${firsts.at(-1)},`;
}

export function composeFollowUp(input: FollowUpInput): { subject: string; body: string } {
  const when = input.heldAt ? ` on ${isoDay(input.heldAt)}` : '';
  const subject = `Our meeting${when}: summary and next steps`;
  const discussed = [
    ...linesOf(input.goals),
    ...input.questions.filter((q) => q.asked).map((q) => (q.answer?.trim() ? `${q.text} ${q.answer.trim()}` : q.text)),
    ...input.notes.flatMap(linesOf),
  ];
  const parts = [greeting(input.contactNames), '', `Thank you for meeting us${when}. Here is a summary of what we discussed, and the next steps we agreed.`];
  if (discussed.length) parts.push('', 'What we discussed', ...discussed.map((l) => `- ${l}`));
  if (input.actionItems.length)
    parts.push('', 'Next steps', ...input.actionItems.map((a) => `- ${a.title} (${a.ownerName}, by ${isoDay(a.dueOn)})`));
  parts.push('', 'Please let me know if I missed or misunderstood anything.', '', 'Kind regards,', input.senderName);
  return { subject, body: parts.join('\n') };
}
