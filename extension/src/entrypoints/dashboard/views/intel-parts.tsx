import { intelQuestionChoices } from '@earshot/shared';
import type { IntelRequestData } from '@/lib/workspace-types';
import { RelativeTime } from '@/ui/components/RelativeTime';
import { formatDay } from '../parts';

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
  return (
    <span class="list__meta">
      {showAssignee ? `To ${request.assignedTo?.name ?? 'nobody'} · ` : ''}
      asked <RelativeTime iso={request.createdAt} />
      {request.requestedBy ? ` by ${request.requestedBy.name}` : ''}
      {request.dueAt ? ` · due ${formatDay(request.dueAt)}` : ''}
      {request.reminderCount ? ` · reminded ${request.reminderCount === 1 ? 'once' : `${request.reminderCount} times`}` : ''}
      {request.overdue ? <span class="tag tag--hold">Overdue</span> : null}
      {request.status !== 'OPEN' ? <span class="tag">{request.status.toLowerCase()}</span> : null}
    </span>
  );
}
