import type { CrmRecordRef } from '@earshot/shared';
import type { AccountMatchData, SessionUser } from '@/lib/messages';
import { useRef } from 'preact/hooks';
import { RelativeTime } from '@/ui/components/RelativeTime';
import { Section } from '@/ui/components/Section';
import { AccountActions } from './AccountActions';
import { type AccountDetailLoad, useAccountDetail } from './account-detail';
import { AccountHeader } from './AccountHeader';
import { Disputes } from '../disputes/Disputes';
import { IntelRequests } from '../intel/IntelRequests';
import { Visits } from '../visits/Visits';
import { AlertList } from './AlertList';
import { Contacts } from './Contacts';
import { CreditActions } from './CreditActions';
import { CreditFigures } from './CreditFigures';
import { NextReview } from './NextReview';
import { NoteList } from './NoteList';
import { OnHoldBanner } from './OnHoldBanner';
import { OrderHeadroom } from './OrderHeadroom';
import { OpenInvoices, useOpenInvoices } from './OpenInvoices';
import { PaymentTrend } from './PaymentTrend';
import { People } from './People';
import { Relationship } from './Relationship';
import { RiskSummary } from './RiskSummary';
import { SignalList } from './SignalList';

interface Props {
  match: AccountMatchData;
  user: SessionUser | null;
  sourceUrl: string | undefined;
  onChanged: () => void;
  /** Changes with every lookup of the page (the tab state's fetchedAt): the account's detail is asked again. */
  refreshKey?: string;
  /** The page's own CRM record, if any (how the match is said). */
  pageRecord?: CrmRecordRef | null | undefined;
}

/**
 * One customer, most urgent first: what credit asks you, hold and credit's other actions, risk, next review, visits
 * (notes during one) and action items, alerts, money, disputes, trend; then what people say; then who to call and the customer card.
 */
export function AccountView({ match, user, sourceUrl, onChanged, refreshKey, pageRecord }: Props) {
  const { account } = match;
  // The latest signals and the credit detail (DSO, other currencies…) are asked for the account on view only.
  const detail = useAccountDetail(account.id, refreshKey);
  const creditDetail = detail.load.phase === 'ready' ? detail.load.creditDetail : null;
  const status = account.creditStatus && creditDetail ? { ...account.creditStatus, ...creditDetail } : account.creditStatus;
  const onHold = account.onHold || status?.onHold === true;
  // Credit's words for the hold (with its reason) go in the hold banner, not again in the list below it.
  const holdAction = account.creditActions.find((a) => a.kind === 'ON_HOLD');
  const newlyOnHold = useNewlyTrue(account.id, onHold);
  // Credit team only: the open invoices, listed and aged in the payment chart.
  const invoices = useOpenInvoices(
    account.id,
    user,
    account.creditLimit != null || status?.exposure != null,
    `${status?.computedAt ?? ''}:${status?.exposure ?? ''}`,
  );
  return (
    <article class="account" aria-label={account.name}>
      <AccountHeader account={account} matchedBy={match.matchedBy} matchedValue={match.matchedValue} pageRecord={pageRecord} />
      {detail.load.phase === 'ready' && detail.load.stale ? <DetailStale {...detail.load.stale} /> : null}
      <IntelRequests accountId={account.id} requests={account.intelRequests.edges.map((e) => e.node)} user={user} />
      {onHold ? <OnHoldBanner creditOwner={account.creditOwner} reason={holdAction?.text} user={user} newlyOnHold={newlyOnHold} /> : null}
      <CreditActions actions={account.creditActions.filter((a) => !(onHold && a.kind === 'ON_HOLD'))} nextReviewAt={account.nextReviewAt} />
      <RiskSummary status={status} />
      {/* Sales view only (no figures): credit reads the exact limit and available amount under Credit. */}
      {status && account.creditLimit == null && status.exposure == null ? (
        <OrderHeadroom headroom={status.orderHeadroom} currency={account.currency} creditOwner={account.creditOwner} user={user} />
      ) : null}
      <NextReview nextReviewAt={account.nextReviewAt} reviewInProgress={account.creditActions.some((a) => a.kind === 'REVIEW_IN_PROGRESS')} />
      <Visits account={account} user={user} />
      <AlertList
        alerts={(account.standingAlerts ?? account.alerts).edges.map((e) => e.node)}
        totalCount={(account.standingAlerts ?? account.alerts).totalCount}
        user={user}
        currency={account.currency}
        onChanged={onChanged}
      />
      <CreditFigures account={account} status={status} />
      <OpenInvoices load={invoices.load} onRetry={invoices.retry} />
      <Disputes account={account} user={user} />
      <PaymentTrend
        series={status?.paymentSeries ?? null}
        openInvoices={invoices.load.phase === 'ready' ? invoices.load.invoices : null}
        currency={account.currency}
        trendBasis={status?.trendBasis}
      />
      <AccountActions account={account} user={user} sourceUrl={sourceUrl} onChanged={onChanged} />
      <Signals load={detail.load} onRetry={detail.retry} />
      <NoteList notes={account.notes.edges.map((e) => e.node)} />
      <People accountManager={account.accountManager} creditOwner={account.creditOwner} accountName={account.name} user={user} />
      <Contacts contacts={account.contacts} />
      <Relationship account={account} user={user} />
    </article>
  );
}

/** The server cannot be reached: the signals and credit detail shown are the last the worker remembered, this old. */
function DetailStale({ fetchedAt, message }: { fetchedAt: string; message: string | undefined }) {
  return (
    <p class="banner banner--stale" data-testid="detail-stale" role="status">
      <span>
        <strong>Offline.</strong> Signals and credit detail from <RelativeTime iso={fetchedAt} withDate />.
        {message ? <span class="banner__detail">{message}</span> : null}
      </span>
    </p>
  );
}

function Signals({ load, onRetry }: { load: AccountDetailLoad; onRetry: () => void }) {
  if (load.phase === 'ready') return <SignalList signals={load.signals.edges.map((e) => e.node)} totalCount={load.signals.totalCount} />;
  return (
    <Section title="Latest signals">
      {load.phase === 'loading' ? (
        <p class="muted" data-testid="signals-loading">
          Loading the latest signals…
        </p>
      ) : (
        <p class="form-error" role="alert">
          Could not load the latest signals: {load.message}{' '}
          <button type="button" class="button button--quiet" onClick={onRetry}>
            Try again
          </button>
        </p>
      )}
    </Section>
  );
}

/**
 * Whether `value` turned true while this account was on view (false → true), rather than being true from its first
 * render: the on-hold banner interrupts (role=alert) only for a hold that newly came in.
 */
function useNewlyTrue(key: string, value: boolean): boolean {
  const seen = useRef<{ key: string; value: boolean; turned: boolean } | null>(null);
  const prev = seen.current;
  const turned = prev !== null && prev.key === key ? (value ? prev.turned || !prev.value : false) : false;
  seen.current = { key, value, turned };
  return turned;
}
