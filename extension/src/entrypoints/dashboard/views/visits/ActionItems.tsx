import { useState } from 'preact/hooks';
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

/** Action items after a visit: who does what by when; overdue ones first and said in words, not colour alone. */
export function ActionItemList({ items, canChange, onChanged, showAccount = false, empty = 'No open action items.' }: Props) {
  if (!items.length) return <p class="muted">{empty}</p>;
  return (
    <ul class="inbox" data-testid="action-items">
      {sortActionItems(items).map((item) => (
        <ActionItemRow key={item.id} item={item} canChange={canChange} onChanged={onChanged} showAccount={showAccount} />
      ))}
    </ul>
  );
}

function ActionItemRow({ item, canChange, onChanged, showAccount }: { item: ActionItem; canChange: boolean; onChanged: () => void; showAccount: boolean }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const set = async (status: 'DONE' | 'CANCELLED') => {
    setBusy(true);
    setProblem(null);
    try {
      await runOp('WorkspaceUpdateActionItem', { input: { actionItemId: item.id, status } }, item.account.id);
      onChanged();
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
            <button type="button" class="button button--small" disabled={busy} onClick={() => void set('DONE')} aria-label={`Done: ${item.title}`}>
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
