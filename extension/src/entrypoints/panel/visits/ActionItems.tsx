import { useState } from 'preact/hooks';
import type { SessionUser } from '@/lib/messages';
import { runOp } from '@/lib/run-op';
import type { ActionItemData } from '@/lib/visit-types';
import { dueDay } from '@/ui/visits/visit-words';

interface Props {
  accountId: string;
  items: ActionItemData[];
  user: SessionUser | null;
}

/**
 * The account's open action items (agreed at visits or not), soonest due first: who owns each, when it is due,
 * and "Overdue" in words. The viewer marks their own done here; everything else is on the workspace page.
 */
export function ActionItems({ accountId, items, user }: Props) {
  const [done, setDone] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [problem, setProblem] = useState<{ id: string; message: string } | null>(null);
  const open = items.filter((i) => i.status === 'OPEN' && !done.has(i.id));

  const markDone = async (item: ActionItemData) => {
    if (busy) return;
    setBusy(item.id);
    setProblem(null);
    const outcome = await runOp('PanelUpdateActionItem', { input: { actionItemId: item.id, status: 'DONE' } }, accountId);
    setBusy(null);
    if (!outcome.ok) return setProblem({ id: item.id, message: outcome.error });
    setDone((d) => new Set(d).add(item.id));
    setAnnouncement(`Done: ${item.title}.`);
  };

  return (
    <>
      <h4 class="visits__subtitle">Open action items</h4>
      {open.length ? (
        <ul class="list" aria-label="Open action items" data-testid="action-items">
          {open.map((item) => (
            <li key={item.id} class="list__item" data-testid="action-item" data-overdue={item.overdue ? 'true' : undefined}>
              <div class="list__main">
                <span>{item.title}</span>
                <span class="list__meta">
                  {item.ownerName} ·{' '}
                  {item.overdue ? (
                    <>
                      <span class="tag tag--overdue">Overdue</span> (was due {dueDay(item.dueOn)})
                    </>
                  ) : (
                    `due ${dueDay(item.dueOn)}`
                  )}
                </span>
                {problem?.id === item.id ? (
                  <span class="capture__problem" role="alert">
                    Not marked done: {problem.message}
                  </span>
                ) : null}
              </div>
              {user && item.ownerUser?.id === user.id ? (
                <button
                  type="button"
                  class="button button--small"
                  data-testid="action-item-done"
                  aria-label={`Mark done: ${item.title}`}
                  disabled={busy === item.id}
                  onClick={() => void markDone(item)}
                >
                  {busy === item.id ? 'Saving…' : 'Done'}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">No open action items.</p>
      )}
      <p class="intel-announcement" role="status" data-testid="action-items-announcement">
        {announcement}
      </p>
    </>
  );
}
