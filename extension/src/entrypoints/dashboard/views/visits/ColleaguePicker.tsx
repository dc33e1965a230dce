import { useRef, useState } from 'preact/hooks';
import { useDebounced } from '@/ui/hooks/use-debounced';
import { describeFailure, runOp } from '../../op';
import { useQuery } from '../../use-query';

/** Someone to tick: from `colleagues` (with an e-mail) or from the account (the account manager: id and name). */
export interface Person {
  id: string;
  name: string;
  email?: string;
}

/** A person offered without searching (the account manager, the people on the visit), with why in words. */
export interface Suggested {
  person: Person;
  note?: string;
}

interface Props {
  /** Names the search box ("Add a colleague who goes", "Add a colleague to send it to"). */
  searchLabel: string;
  suggested: Suggested[];
  /** The people ticked, in the order they were added. */
  picked: Person[];
  onChange: (next: Person[]) => void;
  /** Never offered (the organizer: the viewer). */
  exclude?: string[];
  testId: string;
}

/**
 * Colleagues from the `colleagues` query (active users but viewers): the suggested ones as checkboxes, then a search
 * box whose matches are buttons ("Add Sam Sales"); an added colleague becomes a ticked checkbox, the focus goes
 * back to the search box and a polite status says who was added. All of it works from the keyboard (Tab, Space).
 */
export function ColleaguePicker({ searchLabel, suggested, picked, onChange, exclude = [], testId }: Props) {
  const [text, setText] = useState('');
  const [said, setSaid] = useState('');
  const search = useDebounced(text.trim(), 250);
  const box = useRef<HTMLInputElement>(null);
  const found = useQuery(async () => (search ? (await runOp('WorkspaceColleagues', { search, first: 10 })).colleagues : []), search);
  const shown: Suggested[] = [...suggested, ...picked.filter((p) => !suggested.some((s) => s.person.id === p.id)).map((person) => ({ person }))].filter((s) => !exclude.includes(s.person.id));
  const isPicked = (id: string) => picked.some((p) => p.id === id);
  const toggle = (person: Person, on: boolean) => onChange(on ? [...picked.filter((p) => p.id !== person.id), person] : picked.filter((p) => p.id !== person.id));
  const matches = found.phase === 'ready' ? found.data.filter((c) => !exclude.includes(c.id) && !isPicked(c.id)) : [];
  const add = (person: Person) => {
    toggle(person, true);
    setText('');
    setSaid(`Added ${person.name}.`);
    box.current?.focus();
  };
  return (
    <div class="colleague-picker" data-testid={testId}>
      {shown.map(({ person, note }) => (
        <label key={person.id} class="confirm__box">
          <input type="checkbox" checked={isPicked(person.id)} onChange={(e) => toggle(person, e.currentTarget.checked)} data-testid={`${testId}-person`} /> {person.name}
          {note ? ` (${note})` : ''}
        </label>
      ))}
      <label class="field">
        <span class="field__label">{searchLabel}</span>
        <input
          ref={box}
          class="field__input"
          type="search"
          value={text}
          placeholder="Name or e-mail"
          autocomplete="off"
          onInput={(e) => {
            setText(e.currentTarget.value);
            setSaid('');
          }}
          onKeyDown={(e) => {
            // Enter adds the only match instead of submitting the form.
            if (e.key !== 'Enter') return;
            e.preventDefault();
            if (matches.length === 1 && matches[0]) add(matches[0]);
          }}
          data-testid={`${testId}-search`}
        />
      </label>
      {search && found.phase === 'failed' ? <p class="form-error">Could not search colleagues: {describeFailure(found.error)}</p> : null}
      {search && found.phase === 'ready' ? (
        matches.length ? (
          <ul class="colleague-picker__matches" aria-label={`Colleagues matching “${search}”`}>
            {matches.map((c) => (
              <li key={c.id}>
                <button type="button" class="button button--small button--quiet" onClick={() => add(c)} data-testid={`${testId}-match`}>
                  Add {c.name}
                </button>{' '}
                <span class="muted">{c.email}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">No other colleague matches “{search}”.</p>
        )
      ) : null}
      <p class="visually-hidden" role="status">
        {said}
      </p>
    </div>
  );
}
