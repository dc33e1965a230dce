/**
 * A customer visit's life (seed 004): PLANNED → BRIEFED (briefing prepared) → HELD (met; the first notes do it
 * too) → FOLLOWED_UP (the follow-up e-mail opened in the user's own mail). PLANNED or BRIEFED → CANCELLED.
 * What each step may do, and the sentence a refused step answers with. Pure: no database.
 */
import type { ActionItemStatus, VisitStatus } from '@earshot/shared';

export const VISIT_TRANSITIONS: Readonly<Record<VisitStatus, readonly VisitStatus[]>> = {
  PLANNED: ['BRIEFED', 'HELD', 'CANCELLED'],
  BRIEFED: ['HELD', 'CANCELLED'],
  HELD: ['FOLLOWED_UP'],
  FOLLOWED_UP: [],
  CANCELLED: [],
};

export function canTransition(from: VisitStatus, to: VisitStatus): boolean {
  return VISIT_TRANSITIONS[from].includes(to);
}

/** What a user asks of a visit; each needs the visit in certain statuses. */
export type VisitAction = 'edit' | 'brief' | 'hold' | 'cancel' | 'followUp' | 'report';

const CANCELLED = 'This visit is cancelled; nothing can be added to it.';

/** Why the action is refused in this status (a sentence for the user), or null when it may go ahead. */
export function visitActionRefusal(status: VisitStatus, action: VisitAction): string | null {
  if (status === 'CANCELLED') return CANCELLED;
  switch (action) {
    case 'edit':
      return null;
    case 'brief':
      // Re-preparing later keeps the status and adds a new snapshot.
      return null;
    case 'hold':
      return status === 'PLANNED' || status === 'BRIEFED' ? null : 'This visit is already held.';
    case 'cancel':
      return status === 'PLANNED' || status === 'BRIEFED' ? null : 'This visit has been held; a held visit cannot be cancelled.';
    case 'followUp':
    case 'report':
      return status === 'HELD' || status === 'FOLLOWED_UP' ? null : 'This visit has not been held yet: mark it held (or add notes) first.';
  }
}

/** The status after preparing a briefing: PLANNED becomes BRIEFED; later statuses stay. */
export function statusAfterBriefing(status: VisitStatus): VisitStatus {
  return status === 'PLANNED' ? 'BRIEFED' : status;
}

/** The status after notes are added: the first notes mean the meeting took place. */
export function statusAfterNotes(status: VisitStatus): VisitStatus {
  return status === 'PLANNED' || status === 'BRIEFED' ? 'HELD' : status;
}

/** The start of `now`'s day in UTC. */
export function startOfUtcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** An action item is overdue while open and its due date is before today (UTC). */
export function isActionItemOverdue(item: { status: ActionItemStatus; dueOn: Date }, now: Date): boolean {
  return item.status === 'OPEN' && item.dueOn.getTime() < startOfUtcDay(now).getTime();
}

/** completedAt after a status change: set when it becomes DONE, cleared when it opens again. */
export function completedAtAfter(previous: { status: ActionItemStatus; completedAt: Date | null }, next: ActionItemStatus, now: Date): Date | null {
  if (next === 'DONE') return previous.status === 'DONE' ? previous.completedAt : now;
  return null;
}
