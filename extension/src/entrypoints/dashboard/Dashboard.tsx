import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Protocol, SessionUser } from '@/lib/messages';
import { onBroadcast, send } from '@/lib/send';
import { StateMessage } from '@/ui/components/StateMessage';
import { runOp } from './op';
import { Loading } from './parts';
import { href, type Route, type ViewName } from './route';
import { ViewerContext } from '@/ui/hooks/viewer';
import { type Abilities, abilitiesOf } from './session';
import { SignedOut } from './SignedOut';
import { useHashRoute } from './use-hash-route';
import { useQuery } from './use-query';
import { FocusOnArrival, ViewHeading } from './parts';
import { AccountPage } from './views/AccountPage';
import { AlertsInbox } from './views/AlertsInbox';
import { IntelRequests } from './views/IntelRequests';
import { NewIntelRequest } from './views/NewIntelRequest';
import { Portfolio } from './views/Portfolio';
import { Review } from './views/Review';
import { Reviews } from './views/Reviews';
import { SalesRequests } from './views/SalesRequests';
import { PlanVisit } from './views/visits/PlanVisit';
import { Visit } from './views/visits/Visit';
import { VisitBriefingPage } from './views/visits/VisitBriefingPage';
import { Visits } from './views/visits/Visits';
import { Watches } from './views/Watches';

type Status = Protocol['auth/status']['res'];
type Load = { phase: 'loading' } | { phase: 'failed'; message: string } | { phase: 'ready'; status: Status };

interface NavItem {
  view: ViewName;
  label: string;
  to: string;
  /** How many wait there (requests to answer), when known. */
  count?: number | null;
}

function navFor(can: Abilities, waiting: number | null): NavItem[] {
  if (can.credit) {
    return [
      { view: 'portfolio', label: 'Portfolio', to: href.portfolio() },
      { view: 'alerts', label: 'Alerts', to: href.alerts() },
      { view: 'reviews', label: 'Reviews', to: href.reviews() },
      { view: 'intel', label: 'Intel requests', to: href.intel() },
      { view: 'visits', label: 'Visits', to: href.visits() },
      { view: 'watches', label: 'Watch lists', to: href.watches() },
    ];
  }
  if (can.sales) {
    return [
      { view: 'portfolio', label: 'My accounts', to: href.portfolio() },
      { view: 'intel', label: 'Requests to answer', to: href.intel(), count: waiting },
      { view: 'visits', label: 'Visits', to: href.visits() },
      { view: 'alerts', label: 'Alerts', to: href.alerts() },
    ];
  }
  return [
    { view: 'portfolio', label: 'Portfolio', to: href.portfolio() },
    { view: 'alerts', label: 'Alerts', to: href.alerts() },
    { view: 'visits', label: 'Visits', to: href.visits() },
    { view: 'watches', label: 'Watch lists', to: href.watches() },
  ];
}

/** Which nav entry a route belongs to (a review belongs to Reviews, a new request to Intel requests). */
function sectionOf(route: Route): ViewName {
  if (route.view === 'home') return 'portfolio';
  if (route.view === 'review') return 'reviews';
  if (route.view === 'intel-new') return 'intel';
  if (route.view === 'visit' || route.view === 'visit-new' || route.view === 'visit-briefing') return 'visits';
  return route.view;
}

function ViewFor({ route, can }: { route: Route; can: Abilities }) {
  switch (route.view) {
    case 'home':
      return <Portfolio can={can} query={new URLSearchParams()} />;
    case 'portfolio':
      return <Portfolio can={can} query={route.query} />;
    case 'alerts':
      return <AlertsInbox can={can} />;
    case 'reviews':
      return can.credit ? <Reviews can={can} month={route.month} /> : <CreditOnly what="Review planning" />;
    case 'review':
      return <Review can={can} id={route.id} />;
    case 'intel':
      if (can.credit) return <IntelRequests can={can} />;
      if (can.sales) return <SalesRequests can={can} />;
      return <CreditOnly what="Intel requests" />;
    case 'intel-new':
      return can.credit ? <NewIntelRequest accountId={route.accountId} /> : <CreditOnly what="Sending intel requests" />;
    case 'watches':
      return <Watches can={can} />;
    case 'account':
      return <AccountPage can={can} id={route.id} />;
    case 'visits':
      return <Visits can={can} />;
    case 'visit-new':
      return can.write ? <PlanVisit can={can} accountId={route.accountId} /> : <WritersOnly what="Planning a visit" />;
    case 'visit':
      return <Visit can={can} id={route.id} />;
    case 'visit-briefing':
      return <VisitBriefingPage id={route.id} />;
    default:
      return (
        <NoView title="Nothing here" actions={<a href={href.home()}>Go to the start page</a>}>
          <p>The address “{route.path}” is not a page of the workspace.</p>
        </NoView>
      );
  }
}

/**
 * A view that is not there (unknown address, not for this role): still a view, with its h1 (which takes the focus
 * after a navigation, as every view's does) and the way back.
 */
function NoView({ title, children, actions }: { title: string; children: ComponentChildren; actions: ComponentChildren }) {
  return (
    <section class="view" data-testid="no-view">
      <ViewHeading>{title}</ViewHeading>
      <div class="state-message">
        <div class="state-message__body">{children}</div>
        <div class="state-message__actions">{actions}</div>
      </div>
    </section>
  );
}

function CreditOnly({ what }: { what: string }) {
  return (
    <NoView title="For the credit team" actions={<a href={href.home()}>Go to the start page</a>}>
      <p>{what} is part of the credit team's workspace.</p>
    </NoView>
  );
}

function WritersOnly({ what }: { what: string }) {
  return (
    <NoView title="Read-only access" actions={<a href={href.visits()}>Back to the visits</a>}>
      <p>{what} needs a credit, sales or admin role; yours can read only.</p>
    </NoView>
  );
}

function SearchBox() {
  const [text, setText] = useState('');
  return (
    <form
      class="workspace__search"
      aria-label="Search accounts"
      onSubmit={(e) => {
        e.preventDefault();
        const q = text.trim();
        location.hash = href.portfolio(q ? new URLSearchParams({ q }) : undefined);
      }}
    >
      <label class="visually-hidden" for="workspace-search">
        Search accounts
      </label>
      <input
        id="workspace-search"
        class="field__input"
        type="search"
        placeholder="Search accounts…"
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
        data-testid="workspace-search"
      />
    </form>
  );
}

function Frame({ children, nav }: { children: ComponentChildren; nav?: ComponentChildren }) {
  return (
    <div class="workspace">
      <header class="workspace__bar">
        <p class="workspace__brand">
          <span class="brand-mark" aria-hidden="true" /> Earshot workspace
        </p>
        {nav}
      </header>
      {children}
    </div>
  );
}

/** The workspace page: each role's work across accounts, one view at a time, addressed by the URL hash. */
export function Dashboard() {
  const [load, setLoad] = useState<Load>({ phase: 'loading' });
  const { route, hash, navigations } = useHashRoute();
  const fetchStatus = () =>
    send('auth/status', {}).then(
      (status) => setLoad({ phase: 'ready', status }),
      (error: unknown) => setLoad({ phase: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );

  useEffect(() => {
    void fetchStatus();
    // A sign-in or sign-out anywhere (the options page, this page's company sign-in, an expired session).
    return onBroadcast((message) => {
      if (message.type === 'broadcast/auth-changed') void fetchStatus();
    });
  }, []);

  if (load.phase === 'loading') {
    return (
      <Frame>
        <main class="workspace__main">
          <Loading what="your workspace" />
        </main>
      </Frame>
    );
  }
  if (load.phase === 'failed') {
    return (
      <Frame>
        <main class="workspace__main">
          <StateMessage title="Something went wrong" tone="error">
            <p>{load.message}</p>
          </StateMessage>
        </main>
      </Frame>
    );
  }
  const { user, connection } = load.status;
  if (!user || connection === 'signed-out') {
    return (
      <Frame>
        <main class="workspace__main" data-testid="signed-out">
          <SignedOut serverUrl={load.status.serverUrl} onSignedIn={() => void fetchStatus()} />
        </main>
      </Frame>
    );
  }

  return <SignedIn status={{ ...load.status, user }} route={route} hash={hash} navigations={navigations} />;
}

function SignedIn({ status, route, hash, navigations }: { status: Status & { user: SessionUser }; route: Route; hash: string; navigations: number }) {
  const { user, connection } = status;
  const can = abilitiesOf(user);
  const current = sectionOf(route);
  // Sales: the number of requests waiting for an answer, beside "Requests to answer" (fetched again on each navigation).
  const open = useQuery(
    async () => (can.sales ? (await runOp('WorkspaceIntelRequests', { first: 1, filter: { status: ['OPEN'], assignedToMe: true } })).intelRequests.totalCount : null),
    `${user.id}|${navigations}`,
  );
  const waiting = open.phase === 'ready' ? open.data : null;
  // A link inside the old view (a row, "Back to …") went away with it: until the new view's heading takes the
  // focus (ViewHeading, once loaded), it waits on the view's region rather than falling to the page.
  const main = useRef<HTMLElement>(null);
  useEffect(() => {
    if (navigations === 0) return;
    const active = document.activeElement;
    if (!active || active === document.body || !active.isConnected) main.current?.focus();
  }, [navigations]);
  const nav = (
    <>
      <nav class="workspace__nav" aria-label="Workspace">
        <ul>
          {navFor(can, waiting).map((item) => (
            <li key={item.view}>
              <a href={item.to} aria-current={item.view === current ? 'page' : undefined}>
                {item.label}
                {item.count ? (
                  <span class="nav-count" data-testid="nav-count">
                    {item.count}
                    <span class="visually-hidden"> waiting</span>
                  </span>
                ) : null}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <SearchBox />
      <p class="workspace__user muted" data-testid="workspace-user" data-role={user.role}>
        {user.name} · {user.role.toLowerCase()}
      </p>
    </>
  );
  return (
    <Frame nav={nav}>
      {connection === 'unreachable' ? (
        <p class="banner banner--stale" role="status">
          <strong>Can't reach the Earshot server.</strong> What you see may fail to load; try again once you are back online.
        </p>
      ) : null}
      <main ref={main} class="workspace__main" data-view={route.view} tabIndex={-1}>
        <FocusOnArrival.Provider value={navigations > 0}>
          <ViewerContext.Provider value={user}>
            <ViewFor key={hash} route={route} can={can} />
          </ViewerContext.Provider>
        </FocusOnArrival.Provider>
      </main>
    </Frame>
  );
}
