import { useRef, useState } from 'preact/hooks';
import type { SessionUser } from '@/lib/messages';
import { runOp } from '@/lib/run-op';
import type { ActionItemData } from '@/lib/visit-types';
import { isViewer } from '@/ui/format/people';
import { dueDay } from '@/ui/visits/visit-words';

interface Props {
  accountId: string;
  items: ActionItemData[];
  user: SessionUser | null;
}

/** Who may mark an item done (the contract): credit, its owner, whoever wrote it down, the visit's people. */
export function mayComplete(item: ActionItemData, user: SessionUser | null): boolean {
  if (!user || user.role === 'VIEWER') return false;
  return user.role === 'CREDIT' || user.role === 'ADMIN' || item.ownerUser?.id === user.id || item.createdBy?.id === user.id || item.visit?.viewerCanEdit === true;
}

/**
 * The account's open action items (agreed at visits or not), soonest due first: who owns each, when it is due,
 * and "Overdue" in words. Whoever may change one marks it done here (the focus goes on to the next one, else to the
 * heading; "Marked done" is announced); everything else is on the workspace page.
 */
export function ActionItems({ accountId, items, user }: Props) {
  const [done, setDone] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [problem, setProblem] = useState<{ id: string; message: string } | null>(null);
  const open = items.filter((i) => i.status === 'OPEN' && !done.has(i.id));
  const listRef = useRef<HTMLUListElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const markDone = async (item: ActionItemData) => {
    if (busy) return;
    setBusy(item.id);
    setProblem(null);
    const outcome = await runOp('PanelUpdateActionItem', { input: { actionItemId: item.id, status: 'DONE' } }, accountId);
    setBusy(null);
    if (!outcome.ok) return setProblem({ id: item.id, message: outcome.error });
    // The row goes: the focus moves to the next item's Done (else the one before), else to the list's heading.
    const buttons = [...(listRef.current?.querySelectorAll<HTMLButtonElement>('[data-testid="action-item-done"]') ?? [])];
    const at = buttons.findIndex((b) => b.dataset.item === item.id);
    const next = buttons[at + 1] ?? buttons[at - 1] ?? null;
    setDone((d) => new Set(d).add(item.id));
    setAnnouncement(`Marked done: ${item.title}.`);
    setTimeout(() => (next?.isConnected ? next : heading.current)?.focus());
  };

  return (
    <>
      <h4 class="visits__subtitle" tabIndex={-1} ref={heading}>
        Open action items
      </h4>
      {open.length ? (
        <ul class="list" aria-label="Open action items" ref={listRef} data-testid="action-items">
          {open.map((item) => (
            <li key={item.id} class="list__item" data-testid="action-item" data-overdue={item.overdue ? 'true' : undefined}>
              <div class="list__main">
                <span>{item.title}</span>
                <span class="list__meta">
                  {isViewer(item.ownerUser, user) ? 'You' : item.ownerName} ·{' '}
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
              {mayComplete(item, user) ? (
                <button
                  type="button"
                  class="button button--small"
                  data-testid="action-item-done"
                  data-item={item.id}
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
