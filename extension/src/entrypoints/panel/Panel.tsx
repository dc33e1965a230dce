import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { send } from '@/lib/send';
import { SignedOutPrompt } from '@/ui/components/SignedOutPrompt';
import { Skeleton } from '@/ui/components/Skeleton';
import { StateMessage } from '@/ui/components/StateMessage';
import { isCreditRole } from '@/ui/format/labels';
import { ViewerContext } from '@/ui/hooks/viewer';
import { MatchedAccounts } from './MatchedAccounts';
import { NotACustomer } from './NotACustomer';
import { rescueFocus } from './focus';
import { PanelBar } from './PanelBar';
import { hasCreatableCompany } from './page-company';
import { panelStateOf } from './panel-state';
import { StaleBanner } from './StaleBanner';
import { useTabState } from './use-tab-state';

/** The sidebar: everything comes from the service worker's state for this tab, never from the host page. */
export function Panel() {
  const load = useTabState();
  const { tab, busy, reload } = load;
  const state = panelStateOf(load);
  const retry = (
    <button type="button" class="button button--primary" onClick={() => !busy && reload()} aria-disabled={busy} data-testid="retry">
      {busy ? 'Retrying…' : 'Retry'}
    </button>
  );

  let body: ComponentChildren = null;
  // A view swapped under the focused control (Retry, a refresh that changed the state): focus to the main region.
  useEffect(() => rescueFocus(document), [state]);

  if (state === 'loading') {
    body = <Skeleton />;
  } else if (state === 'signed-out') {
    body = <SignedOutPrompt />;
  } else if (state === 'error') {
    body = (
      <StateMessage title="Something went wrong" tone="error" actions={retry}>
        <p>{load.failure ?? tab?.message ?? 'Earshot could not load this customer.'}</p>
      </StateMessage>
    );
  } else if (state === 'unreachable' && !tab?.matches.length) {
    body = (
      <StateMessage title="Can't reach the Earshot server" tone="warning" actions={retry}>
        <p>{tab?.message ?? 'Check your connection or VPN.'} Signals you capture are kept and sent when it is back.</p>
      </StateMessage>
    );
  } else if (state === 'empty') {
    const context = tab?.context ?? null;
    const hint = tab?.hint;
    // A record that is not a customer and shows no account (the worker's hint): say why, and what makes it known.
    body = hint ? (
      <StateMessage title={hint.kind === 'related-list' ? `No customer known for this ${hint.object} yet` : `No account on this ${hint.object}`}>
        <p data-testid="page-hint">
          {hint.kind === 'related-list'
            ? `This is a related list of ${withArticle(hint.object)}. Open the ${hint.object} itself once and Earshot will recognise its customer here.`
            : `Earshot found no account on this ${hint.object}. Once it is linked to its customer's account in your CRM, or you open a page of the ${hint.object} that shows the account, Earshot shows that customer here.`}
        </p>
      </StateMessage>
    ) : hasCreatableCompany(context) ? (
      <NotACustomer context={context} canCreate={isCreditRole(tab?.user?.role)} onCreated={reload} />
    ) : (
      <StateMessage title="No customer on this page">
        <p>Open an email thread or a CRM record of a customer to see their credit status and field notes.</p>
      </StateMessage>
    );
  } else if (tab) {
    body = (
      <>
        {state === 'unreachable' ? <StaleBanner fetchedAt={tab.fetchedAt} message={tab.message} onRetry={reload} busy={busy} /> : null}
        <MatchedAccounts matches={tab.matches} user={tab.user} sourceUrl={tab.context?.url} onChanged={reload} fetchedAt={tab.fetchedAt} pageRecord={tab.context?.crmRecord} />
      </>
    );
  }

  return (
    <ViewerContext.Provider value={tab?.user ?? null}>
      {/* No aria-busy here: it would hold back the live messages inside (the capture's "Sent"). */}
      <div class="panel" data-testid="panel-state" data-state={state}>
        <PanelBar user={tab?.user ?? null} busy={busy} onRefresh={reload} onClose={closePanel} />
        {/* Always in the document, its text changing: a live region inserted with its text is often not announced. */}
        <p class="visually-hidden" role="status" data-testid="panel-announce">
          {state === 'loading' ? 'Loading customer…' : ''}
        </p>
        <main class="panel__body" tabIndex={-1} data-focus-fallback>
          {body}
        </main>
      </div>
    </ViewerContext.Provider>
  );
}

function closePanel(): void {
  void send('panel/close', {}).catch(() => undefined);
}

/** "an opportunity", "a deal". */
function withArticle(object: string): string {
  return `${/^[aeiou]/i.test(object) ? 'an' : 'a'} ${object}`;
}
