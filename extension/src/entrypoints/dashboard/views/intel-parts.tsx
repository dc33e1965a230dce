import { intelQuestionChoices } from '@earshot/shared';
import type { IntelRequestData } from '@/lib/workspace-types';
import { RelativeTime } from '@/ui/components/RelativeTime';
import { formatDay } from '../parts';
import { nameFor } from '@/ui/format/people';
import { useViewer } from '@/ui/hooks/viewer';

/** Overdue first, then by due date (earliest first), then the ones without a due date; otherwise as the server sent them. */
export function byUrgency(a: IntelRequestData, b: IntelRequestData): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  if (a.dueAt && b.dueAt) return Date.parse(a.dueAt) - Date.parse(b.dueAt);
  if (a.dueAt || b.dueAt) return a.dueAt ? -1 : 1;
  return 0;
}

/**
 * The requests grouped by assignee: each group overdue first (`byUrgency`), the groups by their number of overdue
 * requests, then by how many are open (as the server's `intelRequestAssignees` orders them).
 */
export function groupByAssignee(requests: IntelRequestData[]): { key: string; name: string; items: IntelRequestData[] }[] {
  const groups = new Map<string, { key: string; name: string; items: IntelRequestData[] }>();
  for (const r of requests) {
    const key = r.assignedTo?.id ?? '';
    const group = groups.get(key) ?? { key, name: r.assignedTo?.name ?? 'Nobody assigned', items: [] };
    group.items.push(r);
    groups.set(key, group);
  }
  const overdueIn = (g: { items: IntelRequestData[] }) => g.items.filter((r) => r.overdue).length;
  const openIn = (g: { items: IntelRequestData[] }) => g.items.filter((r) => r.status === 'OPEN').length;
  return [...groups.values()]
    .map((g) => ({ ...g, items: [...g.items].sort(byUrgency) }))
    .sort((a, b) => overdueIn(b) - overdueIn(a) || openIn(b) - openIn(a) || b.items.length - a.items.length || a.name.localeCompare(b.name));
}

/** The questions of a request with the answers given (or "not answered"). */
export function QuestionsAndAnswers({ request }: { request: IntelRequestData }) {
  return (
    <ol class="qa">
      {request.questions.map((q) => {
        const a = request.answers.find((x) => x.questionId === q.id);
        const choice = a?.choice ? (intelQuestionChoices(q).find((c) => c.key === a.choice)?.label ?? a.choice) : null;
        return (
          <li key={q.id} class="qa__item">
            <span>{q.text}</span>
            {a ? (
              <span class="qa__answer">
                {a.dontKnow ? "Doesn't know" : choice}
                {a.note ? `${a.dontKnow || choice ? ' — ' : ''}${a.note}` : ''}
              </span>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}

/** "Asked 3 days ago by Carla · due 12 Dec · overdue · reminded twice". */
export function RequestMeta({ request, showAssignee }: { request: IntelRequestData; showAssignee?: boolean }) {
  const viewer = useViewer();
  return (
    <span class="list__meta">
      {showAssignee ? `To ${nameFor(request.assignedTo, viewer, { fallback: 'nobody' })} · ` : ''}
      asked <RelativeTime iso={request.createdAt} withDate />
      {request.requestedBy ? ` by ${nameFor(request.requestedBy, viewer)}` : ''}
      {request.dueAt ? ` · due ${formatDay(request.dueAt)}` : ''}
      {request.reminderCount ? ` · reminded ${request.reminderCount === 1 ? 'once' : `${request.reminderCount} times`}` : ''}
      {request.overdue ? <span class="tag tag--hold">Overdue</span> : null}
      {request.status !== 'OPEN' ? <span class="tag">{request.status.toLowerCase()}</span> : null}
    </span>
  );
}
