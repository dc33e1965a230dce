import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Protocol } from '@/lib/messages';
import { send } from '@/lib/send';
import { type CaptureAccount, CaptureForm } from '@/ui/capture/CaptureForm';
import { SignedOutPrompt } from '@/ui/components/SignedOutPrompt';
import { StateMessage } from '@/ui/components/StateMessage';
import { AccountPicker } from './AccountPicker';
import { IntelInbox } from './IntelInbox';
import { PendingList } from './PendingList';
import { TodaysVisits } from './TodaysVisits';
import { WorkspaceLink } from './WorkspaceLink';

type PopupState = Protocol['popup/state']['res'];

type Load = { phase: 'loading' } | { phase: 'failed'; message: string } | { phase: 'ready'; state: PopupState };

/** Quick capture: the active tab's customer pre-selected, a signal in a few key presses. */
export function Popup() {
  const [load, setLoad] = useState<Load>({ phase: 'loading' });
  const [account, setAccount] = useState<CaptureAccount | null>(null);
  const title = useRef<HTMLHeadingElement>(null);
  // Retry removes itself while loading: once the new view is there, focus goes to its heading unless the view
  // already put it somewhere (the signal chips, the search field).
  // (The state Retry was pressed in: its own effect may still be pending and must not count as the new view.)
  const retriedFrom = useRef<Load | null>(null);
  useEffect(() => {
    if (!retriedFrom.current || retriedFrom.current === load || load.phase === 'loading') return;
    retriedFrom.current = null;
    const active = document.activeElement;
    if (!active || active === document.body || !active.isConnected) title.current?.focus();
  }, [load]);

  const fetchState = () => {
    setLoad({ phase: 'loading' });
    send('popup/state', {}).then(
      (state) => {
        setLoad({ phase: 'ready', state });
        const only = state.matches.length === 1 ? state.matches[0]?.account : undefined;
        setAccount(only ? { id: only.id, name: only.name } : null);
      },
      (error: unknown) => setLoad({ phase: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
  };
  useEffect(fetchState, []);

  let body: ComponentChildren;
  if (load.phase === 'loading') {
    body = (
      <p class="muted popup__loading" role="status">
        Loading…
      </p>
    );
  } else if (load.phase === 'failed' || load.state.connection === 'error') {
    body = (
      <StateMessage
        title="Something went wrong"
        tone="error"
        actions={
          <button
            type="button"
            class="button button--primary"
            onClick={() => {
              retriedFrom.current = load;
              fetchState();
            }}
          >
            Retry
          </button>
        }
      >
        <p>{load.phase === 'failed' ? load.message : (load.state.message ?? 'Earshot could not start.')}</p>
      </StateMessage>
    );
  } else if (load.state.connection === 'signed-out') {
    body = <SignedOutPrompt />;
  } else {
    const { state } = load;
    body = (
      <>
        {state.connection === 'unreachable' ? (
          <p class="banner banner--stale" role="status">
            <strong>Offline.</strong> What you capture and your visit notes are saved and sent when the server is back.
          </p>
        ) : null}
        {state.user ? <TodaysVisits userId={state.user.id} /> : null}
        <IntelInbox onPickAccount={setAccount} />
        <CaptureForm
          account={account}
          accountField={<AccountPicker matches={state.matches} value={account} onChange={setAccount} />}
          sourceUrl={state.context?.url}
          focusChipsKey={account?.id ?? null}
        />
        <PendingList />
      </>
    );
  }

  const connection = load.phase === 'ready' ? load.state.connection : undefined;
  return (
    <main class="popup" data-state={load.phase === 'ready' ? connection : load.phase}>
      <h1 class="popup__title" tabIndex={-1} ref={title}>
        <span class="brand-mark" aria-hidden="true" /> Quick capture
      </h1>
      {body}
      <WorkspaceLink />
    </main>
  );
}
