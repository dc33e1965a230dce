import { useState } from 'preact/hooks';
import type { AccountCardData } from '@/lib/types';
import type { AccountWork } from '@/lib/workspace-types';
import { Section } from '@/ui/components/Section';
import { webHref } from '@/ui/format/links';
import { AccountActions } from '../../panel/account/AccountActions';
import { AlertList } from '../../panel/account/AlertList';
import { Contacts } from '../../panel/account/Contacts';
import { CreditFigures } from '../../panel/account/CreditFigures';
import { NextReview } from '../../panel/account/NextReview';
import { NoteList } from '../../panel/account/NoteList';
import { CreditActions } from '../../panel/account/CreditActions';
import { OnHoldBanner } from '../../panel/account/OnHoldBanner';
import { PaymentTrend } from '../../panel/account/PaymentTrend';
import { People } from '../../panel/account/People';
import { Relationship } from '../../panel/account/Relationship';
import { RiskSummary } from '../../panel/account/RiskSummary';
import { SignalList } from '../../panel/account/SignalList';
import { Disputes } from '../../panel/disputes/Disputes';
import { IntelRequests } from '../../panel/intel/IntelRequests';
import { describeFailure, runOp } from '../op';
import { Empty, Failure, formatDay, Loading, ViewHeading } from '../parts';
import { href } from '../route';
import type { Abilities } from '../session';
import { useBroadcast } from '@/ui/hooks/use-broadcast';
import { useQuery } from '../use-query';
import { RequestMeta } from './intel-parts';
import { AccountVisits } from './visits/AccountVisits';
import { OUTCOME_LABEL, STATUS_LABEL } from './review-labels';

/** One customer's full card on the page: the panel's sections, plus their reviews and intel requests. */
export function AccountPage({ can, id }: { can: Abilities; id: string }) {
  const card = useQuery(async () => (await runOp('AccountCard', { id })).account, id);
  const work = useQuery(async () => (await runOp('WorkspaceAccountWork', { id })).account, id);
  const reload = () => {
    card.reload();
    work.reload();
  };
  // A change made on this page by the panel's own components (a dispute, the customer card, an answer) comes back
  // as the worker's broadcast: the card is fetched again, kept on screen meanwhile.
  useBroadcast(['broadcast/account-changed'], (message) => {
    if (message.type === 'broadcast/account-changed' && message.accountId === id) reload();
  });
  const title = card.phase === 'ready' && card.data ? card.data.name : 'Account';
  return (
    <section class="view" aria-labelledby="account-title">
      <ViewHeading>
        <span id="account-title" data-testid="account-name">
          {title}
        </span>
      </ViewHeading>
      {card.phase === 'loading' ? <Loading what="the account" /> : null}
      {card.phase === 'failed' ? <Failure error={card.error} onRetry={card.reload} title="Could not load the account" /> : null}
      {card.phase === 'ready' && !card.data ? (
        <Empty title="No such account" actions={<a href={href.portfolio()}>Back to the accounts</a>}>
          <p>This account does not exist, or you cannot see it.</p>
        </Empty>
      ) : null}
      {card.phase === 'ready' && card.data ? (
        <div class="account-page">
          <div class="account-page__main account">
            <AccountCard account={card.data} can={can} onChanged={reload} />
          </div>
          <aside class="account-page__side" aria-label="Reviews, requests and visits">
            {work.phase === 'loading' ? <Loading what="reviews and requests" /> : null}
            {work.phase === 'failed' ? <Failure error={work.error} onRetry={work.reload} title="Could not load reviews and requests" /> : null}
            {work.phase === 'ready' && work.data ? <AccountWorkPanel work={work.data} account={card.data} can={can} /> : null}
            <AccountVisits can={can} accountId={card.data.id} />
          </aside>
        </div>
      ) : null}
    </section>
  );
}

/** The panel's account view, section for section (AccountView), under the page's own heading instead of "matched by". */
function AccountCard({ account, can, onChanged }: { account: AccountCardData; can: Abilities; onChanged: () => void }) {
  const status = account.creditStatus;
  const onHold = account.onHold || status?.onHold === true;
  const holdAction = account.creditActions.find((a) => a.kind === 'ON_HOLD');
  const about = [account.industry, account.country].filter(Boolean).join(' · ');
  const crm = account.crmLinks.flatMap((l) => {
    const link = webHref(l.url);
    return link ? [{ ...l, link }] : [];
  });
  return (
    <>
      {about || crm.length ? (
        <p class="muted">
          {about}
          {crm.map((l) => (
            <span key={`${l.system}:${l.recordId}`}>
              {' · '}
              <a href={l.link} target="_blank" rel="noopener noreferrer">
                Open in CRM ({l.system.toLowerCase()})
              </a>
            </span>
          ))}
        </p>
      ) : null}
      {/* The panel's sections are h3s under its h2 account name; here they sit under the page's h1 (axe heading-order). */}
      <h2 class="visually-hidden">Credit file</h2>
      <IntelRequests accountId={account.id} requests={account.intelRequests.edges.map((e) => e.node)} user={can.user} />
      {onHold ? <OnHoldBanner creditOwner={account.creditOwner} reason={holdAction?.text} user={can.user} /> : null}
      <CreditActions actions={account.creditActions.filter((a) => !(onHold && a.kind === 'ON_HOLD'))} nextReviewAt={account.nextReviewAt} />
      <RiskSummary status={status} />
      <NextReview nextReviewAt={account.nextReviewAt} reviewInProgress={account.creditActions.some((a) => a.kind === 'REVIEW_IN_PROGRESS')} />
      <AlertList alerts={(account.standingAlerts ?? account.alerts).edges.map((e) => e.node)} totalCount={(account.standingAlerts ?? account.alerts).totalCount} user={can.write ? can.user : null} currency={account.currency} onChanged={onChanged} />
      <CreditFigures account={account} status={status} />
      <Disputes account={account} user={can.user} />
      <PaymentTrend series={status?.paymentSeries ?? null} />
      {can.write ? <AccountActions account={account} user={can.user} sourceUrl={undefined} onChanged={onChanged} /> : null}
      <SignalList signals={account.signals?.edges.map((e) => e.node) ?? []} totalCount={account.signals?.totalCount ?? 0} />
      <NoteList notes={account.notes.edges.map((e) => e.node)} />
      <People accountManager={account.accountManager} creditOwner={account.creditOwner} accountName={account.name} user={can.user} />
      <Contacts contacts={account.contacts} />
      <Relationship account={account} user={can.user} />
    </>
  );
}

function AccountWorkPanel({ work, account, can }: { work: AccountWork; account: AccountCardData; can: Abilities }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const open = work.openHealthCheck;
  const startNow = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const started = (await runOp('WorkspaceStartHealthCheck', { input: { accountId: account.id } }, account.id)).startHealthCheck.healthCheck;
      location.hash = href.review(started.id);
    } catch (error) {
      setProblem(describeFailure(error));
      setBusy(false);
    }
  };
  const requests = work.intelRequests.edges.map((e) => e.node);
  return (
    <>
      <Section title="Health check" aside={open ? STATUS_LABEL[open.status] : undefined}>
        {open ? (
          <p>
            {open.status === 'IN_PROGRESS' ? 'In progress' : 'Planned'}, due {formatDay(open.dueOn)}.{' '}
            <a href={href.review(open.id)} data-testid="open-review">
              {open.status === 'IN_PROGRESS' ? 'Continue the review' : 'Open the review'}
            </a>
          </p>
        ) : (
          <p class="muted">No review open.</p>
        )}
        {can.credit && can.write && open?.status !== 'IN_PROGRESS' ? (
          <button type="button" class="button button--small" onClick={() => void startNow()} disabled={busy} data-testid="start-review-now">
            {busy ? 'Starting…' : open ? 'Start it now' : 'Start a review now'}
          </button>
        ) : null}
        {problem ? (
          <p class="form-error" role="alert">
            {problem}
          </p>
        ) : null}
        {work.healthChecks.edges.length ? (
          <ul class="list">
            {work.healthChecks.edges.map(({ node }) => (
              <li key={node.id} class="list__item">
                <a href={href.review(node.id)}>
                  {node.completedAt ? formatDay(node.completedAt) : formatDay(node.dueOn)} · {node.outcome ? OUTCOME_LABEL[node.outcome] : STATUS_LABEL[node.status]}
                </a>
              </li>
            ))}
          </ul>
        ) : null}
      </Section>
      <Section title="Open intel requests" aside={String(work.intelRequests.totalCount)}>
        {requests.length ? (
          <ul class="list">
            {requests.map((r) => (
              <li key={r.id} class="list__item">
                <div class="list__main">
                  <span>
                    {r.questions.length} question{r.questions.length === 1 ? '' : 's'}
                  </span>
                  <RequestMeta request={r} showAssignee />
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">None open.</p>
        )}
        {can.credit && can.write ? (
          <a class="button button--small" href={href.intelNew(account.id)} data-testid="ask-account-manager">
            Ask the account manager
          </a>
        ) : null}
      </Section>
    </>
  );
}
