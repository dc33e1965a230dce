import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AccountMatchData } from '@/lib/messages';
import type { CaptureAccount } from '@/ui/capture/CaptureForm';
import { AccountSearch } from './AccountSearch';

interface Props {
  matches: AccountMatchData[];
  value: CaptureAccount | null;
  onChange: (account: CaptureAccount | null) => void;
}

/**
 * Which customer the capture is about: the tab's match, pre-selected; a choice when the page has several;
 * a type-ahead search when it has none (or the user wants another).
 */
export function AccountPicker({ matches, value, onChange }: Props) {
  const [searching, setSearching] = useState(false);
  const choices = useRef<HTMLDivElement>(null);
  const field = useRef<HTMLFieldSetElement>(null);
  const choosing = !searching && !value && matches.length > 1;
  // Several customers on the page and none chosen yet: the first thing to do is choose, so focus goes there.
  useEffect(() => {
    if (choosing) choices.current?.querySelector('input')?.focus();
  }, [choosing]);
  // Back (and a pick that leaves the customer as it was) removes the focused control with the search: focus goes
  // to what replaced it — the chosen customer's radio, or Change — instead of falling to the page.
  const refocus = useRef(false);
  useEffect(() => {
    if (searching || !refocus.current) return;
    refocus.current = false;
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    field.current?.querySelector<HTMLElement>('input:checked, .picker__current button, input')?.focus();
  });
  const fromPage = matches.map((m) => ({ id: m.account.id, name: m.account.name }));
  const pick = (account: CaptureAccount) => {
    refocus.current = true;
    setSearching(false);
    onChange(account);
  };

  let body: ComponentChildren;
  if (searching || (!value && fromPage.length === 0)) {
    body = (
      <>
        <AccountSearch onPick={pick} autoFocus />
        {value || fromPage.length ? (
          <button type="button" class="button button--quiet button--small" onClick={() => {
              refocus.current = true;
              setSearching(false);
            }}
          >
            Back
          </button>
        ) : null}
      </>
    );
  } else if (fromPage.length > 1) {
    body = (
      <div ref={choices} class="picker__choices" role="radiogroup" aria-label="Customers on this page">
        {fromPage.map((a) => (
          <label key={a.id} class="picker__choice">
            <input type="radio" name="capture-account" value={a.id} checked={value?.id === a.id} onChange={() => pick(a)} /> {a.name}
          </label>
        ))}
        <button type="button" class="button button--quiet button--small" onClick={() => setSearching(true)}>
          Another customer…
        </button>
      </div>
    );
  } else {
    body = (
      <div class="picker__current">
        <strong class="picker__name">{value?.name ?? fromPage[0]?.name}</strong>
        <button type="button" class="button button--quiet button--small" onClick={() => setSearching(true)}>
          Change
        </button>
      </div>
    );
  }

  return (
    <fieldset ref={field} class="picker" data-testid="capture-account" data-account-id={value?.id ?? ''}>
      <legend class="field__label">Customer</legend>
      {body}
    </fieldset>
  );
}
