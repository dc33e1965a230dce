import { useEffect, useRef, useState } from 'preact/hooks';
import type { VisitDetail } from '@/lib/workspace-visit-types';
import { formKeys } from '@/ui/hooks/form-keys';
import { runOp } from '../../op';
import { ActionItemList } from './ActionItems';
import { localDay, type Problem, ProblemText, problemOf } from './visit-parts';

/** What each side does next, by when: one of our people or one of the customer's contacts owns it. */
export function VisitActionItems({ visit, editable, reload }: { visit: VisitDetail; editable: boolean; reload: () => void }) {
  const [adding, setAdding] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  return (
    <section class="panel-card" aria-labelledby="visit-action-items" data-testid="visit-action-items">
      <h2 id="visit-action-items" class="panel-card__title">
        Action items
      </h2>
      <ActionItemList items={visit.actionItems} canChange={editable} onChanged={reload} empty="No action items yet." />
      {editable && adding ? (
        <AddActionItem
          visit={visit}
          onDone={(added) => {
            setAdding(false);
            if (added) reload();
            setTimeout(() => opener.current?.focus());
          }}
        />
      ) : null}
      {editable && !adding ? (
        <button type="button" ref={opener} class="button button--small button--fit" onClick={() => setAdding(true)} data-testid="add-action-item-open">
          Add an action item
        </button>
      ) : null}
    </section>
  );
}

function AddActionItem({ visit, onDone }: { visit: VisitDetail; onDone: (added: boolean) => void }) {
  const ours = [visit.organizer, ...visit.attendees, visit.account.accountManager].filter(
    (p, i, all): p is NonNullable<typeof p> => !!p && all.findIndex((q) => q?.id === p.id) === i,
  );
  // The customer's side: the contacts met first, then the account's other contacts.
  const theirs = [...visit.contacts, ...visit.account.contacts].filter((c, i, all) => all.findIndex((d) => d.id === c.id) === i);
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState(ours[0] ? `user:${ours[0].id}` : '');
  const [due, setDue] = useState(localDay(14));
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const submit = async () => {
    if (!title.trim()) return setProblem({ field: 'title', message: 'Say what is to be done.' });
    if (!owner) return setProblem({ field: 'owner', message: 'Pick who does it.' });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(due)) return setProblem({ field: 'dueOn', message: 'Pick the date it is due.' });
    const [kind, id] = owner.split(':') as ['user' | 'contact', string];
    setBusy(true);
    setProblem(null);
    try {
      await runOp(
        'WorkspaceAddActionItem',
        { input: { visitId: visit.id, title: title.trim(), ...(kind === 'user' ? { ownerUserId: id } : { ownerContactId: id }), dueOn: `${due}T12:00:00.000Z` } },
        visit.account.id,
      );
      onDone(true);
    } catch (error) {
      const p = problemOf(error, ['title', 'dueOn', 'ownerUserId', 'ownerContactId']);
      setProblem(p.field === 'ownerUserId' || p.field === 'ownerContactId' ? { ...p, field: 'owner' } : p);
      setBusy(false);
    }
  };
  return (
    <form class="subform" aria-label="Add an action item" {...formKeys(submit, () => onDone(false))} data-testid="add-action-item">
      <label class="field">
        <span class="field__label">What</span>
        <input ref={first} class="field__input" value={title} maxLength={500} aria-invalid={problem?.field === 'title'} onInput={(e) => setTitle(e.currentTarget.value)} />
      </label>
      <ProblemText problem={problem} field="title" />
      <div class="subform__row">
        <label class="field">
          <span class="field__label">Who</span>
          <select class="field__input" value={owner} aria-invalid={problem?.field === 'owner'} onChange={(e) => setOwner(e.currentTarget.value)} data-testid="action-item-owner">
            <option value="">Choose…</option>
            <optgroup label="Our side">
              {ours.map((p) => (
                <option key={p.id} value={`user:${p.id}`}>
                  {p.name}
                </option>
              ))}
            </optgroup>
            {theirs.length ? (
              <optgroup label={visit.account.name}>
                {theirs.map((c) => (
                  <option key={c.id} value={`contact:${c.id}`}>
                    {c.name}
                    {c.role ? ` (${c.role})` : ''}
                  </option>
                ))}
              </optgroup>
            ) : null}
          </select>
        </label>
        <label class="field field--narrow">
          <span class="field__label">Due</span>
          <input class="field__input" type="date" value={due} aria-invalid={problem?.field === 'dueOn'} onInput={(e) => setDue(e.currentTarget.value)} />
        </label>
      </div>
      <ProblemText problem={problem} field="owner" />
      <ProblemText problem={problem} field="dueOn" />
      <ProblemText problem={problem} field={null} />
      <div class="subform__actions">
        <button type="submit" class="button button--primary button--small" disabled={busy} data-testid="add-action-item-save">
          {busy ? 'Adding…' : 'Add'}
        </button>
        <button type="button" class="button button--quiet button--small" onClick={() => onDone(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
