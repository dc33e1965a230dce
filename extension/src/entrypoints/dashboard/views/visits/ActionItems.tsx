import { useRef, useState } from 'preact/hooks';
import type { ActionItem } from '@/lib/workspace-visit-types';
import { describeFailure, runOp } from '../../op';
import { formatDay } from '../../parts';
import { href } from '../../route';
import { purposeLabel, sortActionItems } from './visit-parts';

interface Props {
  items: ActionItem[];
  /** Done / Cancel buttons (the server checks who may). */
  canChange: boolean;
  onChanged: () => void;
  /** Show which customer and visit each item belongs to (lists across accounts). */
  showAccount?: boolean;
  empty?: string;
}

/**
 * Action items after a visit: who does what by when; overdue ones first and said in words, not colour alone.
 * After Done or Cancel the focus goes on to the next item's Done (else the one before, else the heading of the
 * section the list is in) and "Marked done" is announced in a polite live region.
 */
export function ActionItemList({ items, canChange, onChanged, showAccount = false, empty = 'No open action items.' }: Props) {
  const [said, setSaid] = useState('');
  const wrap = useRef<HTMLDivElement>(null);
  const changed = (item: ActionItem, status: 'DONE' | 'CANCELLED') => {
    const buttons = [...(wrap.current?.querySelectorAll<HTMLButtonElement>('[data-action="done"]') ?? [])];
    const at = buttons.findIndex((b) => b.dataset.item === item.id);
    const next = buttons[at + 1] ?? buttons[at - 1] ?? null;
    setSaid(`${status === 'DONE' ? 'Marked done' : 'Cancelled'}: ${item.title}.`);
    const section = wrap.current?.closest('[aria-labelledby]');
    const heading = section ? document.getElementById(section.getAttribute('aria-labelledby') ?? '') : null;
    if (next) next.focus();
    else if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    }
    onChanged();
  };
  return (
    <div ref={wrap}>
      {items.length ? (
        <ul class="inbox" data-testid="action-items">
          {sortActionItems(items).map((item) => (
            <ActionItemRow key={item.id} item={item} canChange={canChange} onChanged={changed} showAccount={showAccount} />
          ))}
        </ul>
      ) : (
        <p class="muted">{empty}</p>
      )}
      <p class="visually-hidden" role="status" data-testid="action-items-said">
        {said}
      </p>
    </div>
  );
}

function ActionItemRow({
  item,
  canChange,
  onChanged,
  showAccount,
}: { item: ActionItem; canChange: boolean; onChanged: (item: ActionItem, status: 'DONE' | 'CANCELLED') => void; showAccount: boolean }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const set = async (status: 'DONE' | 'CANCELLED') => {
    setBusy(true);
    setProblem(null);
    try {
      await runOp('WorkspaceUpdateActionItem', { input: { actionItemId: item.id, status } }, item.account.id);
      onChanged(item, status);
    } catch (error) {
      setProblem(describeFailure(error));
    } finally {
      setBusy(false);
    }
  };
  const open = item.status === 'OPEN';
  return (
    <li class="inbox__item" data-testid="action-item" data-overdue={item.overdue ? 'true' : undefined}>
      <div class="inbox__line">
        <div class="list__main">
          <span>
            <strong>{item.title}</strong>
            {item.overdue && open ? <span class="tag tag--overdue">Overdue</span> : null}
            {!open ? <span class="tag">{item.status === 'DONE' ? 'Done' : 'Cancelled'}</span> : null}
          </span>
          <span class="muted">
            {item.ownerName}
            {item.ownerContact ? ' (customer)' : ''} · due {formatDay(item.dueOn)}
            {showAccount ? (
              <>
                {' · '}
                <a href={href.account(item.account.id)}>{item.account.name}</a>
                {item.visit ? (
                  <>
                    {' · '}
                    <a href={href.visit(item.visit.id)}>{purposeLabel(item.visit.purpose).toLowerCase()} visit</a>
                  </>
                ) : null}
              </>
            ) : null}
          </span>
        </div>
        {canChange && open ? (
          <div class="inbox__actions">
            <button type="button" class="button button--small" disabled={busy} onClick={() => void set('DONE')} aria-label={`Done: ${item.title}`} data-action="done" data-item={item.id}>
              Done
            </button>
            <button type="button" class="button button--small button--quiet" disabled={busy} onClick={() => void set('CANCELLED')} aria-label={`Cancel: ${item.title}`}>
              Cancel
            </button>
          </div>
        ) : null}
      </div>
      {problem ? (
        <p class="form-error" role="alert">
          {problem}
        </p>
      ) : null}
    </li>
  );
}
