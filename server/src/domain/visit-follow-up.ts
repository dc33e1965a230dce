/**
 * The follow-up e-mail to the customer after a visit (seed 004: "send a follow-up e-mail summarising what was
 * discussed and the action items"): a draft the user edits and opens in their own mail. Pure: no database.
 *
 * Written to the customer, so it holds only what was said with them: the questions asked and the answers typed,
 * and the open action items. Never the goals or the raw notes (internal: "decide whether to cut the limit",
 * exposure and score seen in the briefing), and no figure of ours: nothing here is computed from the credit file.
 */
import type { VisitQuestion } from '@earshot/shared';

export interface FollowUpInput {
  /** The customer's people met. */
  contactNames: readonly string[];
  heldAt: Date | null;
  questions: readonly VisitQuestion[];
  /** The open action items (the service leaves out DONE and CANCELLED ones). */
  actionItems: readonly { title: string; ownerName: string; dueOn: Date }[];
  senderName: string;
}

/** The line left for the user when no question was ticked as asked. */
export const ADD_DISCUSSED = '[Add what you discussed]';


const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

/** "Friday 20 December 2026" (the UTC calendar day: due dates are stored as UTC days). */
export function readableDay(d: Date): string {
  return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** Non-empty trimmed lines, bullets ("-", "*", "•") removed. */
export function linesOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*[-*•]\s*/, '').trim())
    .filter(Boolean);
}

/** Each line once, the first kept: compared without case, spacing and final punctuation. */
export function uniqueLines(lines: readonly string[]): string[] {
  const seen = new Set<string>();
  return lines.filter((l) => {
    const key = l.toLowerCase().replace(/\s+/g, ' ').replace(/[\s.!?;:,]+$/, '').trim();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function greeting(names: readonly string[]): string {
  const firsts = names.map((n) => n.trim()).filter(Boolean);
  if (firsts.length === 0) return 'Hello,';
  if (firsts.length === 1) return `Dear ${firsts[0]},`;
  return `Dear ${firsts.slice(0, -1).join(', ')} and ${firsts.at(-1)},`;
}

/** A question asked, with what the customer answered (as typed), on one line. */
function discussedLine(q: VisitQuestion): string {
  const text = q.text.replace(/\s+/g, ' ').trim();
  const answer = q.answer?.replace(/\s+/g, ' ').trim();
  return answer ? `${text} ${answer}` : text;
}

export function composeFollowUp(input: FollowUpInput): { subject: string; body: string } {
  const when = input.heldAt ? ` on ${readableDay(input.heldAt)}` : '';
  const subject = `Our meeting${when}: summary and next steps`;
  const discussed = uniqueLines(input.questions.filter((q) => q.asked).map(discussedLine));
  const steps = uniqueLines(input.actionItems.map((a) => `${a.title.trim()} (${a.ownerName}, by ${readableDay(a.dueOn)})`));
  const intro = steps.length ? 'Here is a summary of what we discussed, and the next steps we agreed.' : 'Here is a summary of what we discussed.';
  const parts = [greeting(input.contactNames), '', `Thank you for meeting us${when}. ${intro}`];
  parts.push('', 'What we discussed', ...(discussed.length ? discussed : [ADD_DISCUSSED]).map((l) => `- ${l}`));
  if (steps.length) parts.push('', 'Next steps', ...steps.map((l) => `- ${l}`));
  parts.push('', 'Please let me know if I missed or misunderstood anything.', '', 'Kind regards,', input.senderName);
  return { subject, body: parts.join('\n') };
}
