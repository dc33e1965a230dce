import { useRef, useState } from 'preact/hooks';
import type { InboxAlert } from '@/lib/workspace-types';
import { RelativeTime } from '@/ui/components/RelativeTime';
import { SeverityDots } from '@/ui/components/SeverityDots';
import { riskLabel } from '@/ui/format/risk';
import { describeFailure, runOp } from '../op';
import { count, Empty, Failure, LoadMore, Loading, ViewHeading } from '../parts';
import { href } from '../route';
import type { Abilities } from '../session';
import { usePaged } from '../use-query';
import { nameFor } from '@/ui/format/people';
import { useViewer } from '@/ui/hooks/viewer';

const PAGE_SIZE = 25;
type Scope = 'open' | 'resolved';

/** Alerts across accounts, newest first: acknowledge ("someone is on it") or resolve, each with its detail. */
export function AlertsInbox({ can }: { can: Abilities }) {
  const [scope, setScope] = useState<Scope>('open');
  const [mine, setMine] = useState(can.sales);
  const filter = { status: scope === 'open' ? ['OPEN', 'ACKNOWLEDGED'] : ['RESOLVED'], ...(mine ? { mine: true } : {}) };
  const paged = usePaged(async (after) => (await runOp('WorkspaceAlerts', { first: PAGE_SIZE, after, filter })).alerts, JSON.stringify(filter));
  return (
    <section class="view" aria-labelledby="alerts-title">
      <ViewHeading aside={paged.phase === 'ready' ? <span class="muted">{count(paged.totalCount, 'alert')}</span> : null}>
        <span id="alerts-title">Alerts</span>
      </ViewHeading>
      <fieldset class="filters">
        <legend class="visually-hidden">Which alerts</legend>
        <label class="field">
          <span class="field__label">Status</span>
          <select class="field__input" value={scope} onChange={(e) => setScope(e.currentTarget.value as Scope)} data-testid="alerts-scope">
            <option value="open">Open and acknowledged</option>
            <option value="resolved">Resolved</option>
          </select>
        </label>
        <label class="filters__check">
          <input type="checkbox" checked={mine} onChange={(e) => setMine(e.currentTarget.checked)} /> Only mine (owned by me or on my accounts)
        </label>
      </fieldset>
      {paged.phase === 'loading' ? <Loading what="alerts" /> : null}
      {paged.phase === 'failed' ? <Failure error={paged.error} onRetry={paged.reload} title="Could not load the alerts" /> : null}
      {paged.phase === 'ready' && paged.items.length === 0 ? (
        <Empty title={scope === 'open' ? 'No open alerts' : 'No resolved alerts'}>
          <p>{scope === 'open' ? 'Nothing needs attention right now. New alerts appear here as the ledger and signals raise them.' : 'Alerts you resolve are listed here.'}</p>
        </Empty>
      ) : null}
      {paged.phase === 'ready' && paged.items.length > 0 ? (
        <>
          <ul class="inbox" data-testid="alerts">
            {paged.items.map((alert) => (
              <AlertRow key={alert.id} alert={alert} can={can} onChanged={paged.reload} />
            ))}
          </ul>
          <LoadMore paged={paged} noun="alerts" />
        </>
      ) : null}
    </section>
  );
}

function AlertRow({ alert, can, onChanged }: { alert: InboxAlert; can: Abilities; onChanged: () => void }) {
  const viewer = useViewer();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const detailId = `alert-detail-${alert.id}`;
  // Names the alert for every button of this row: "Acknowledge" alone, four times over, says nothing (issue 14).
  const titleId = `alert-title-${alert.id}`;
  const title = useRef<HTMLButtonElement>(null);
  const act = async (operation: 'WorkspaceAcknowledgeAlert' | 'WorkspaceResolveAlert') => {
    setBusy(true);
    setProblem(null);
    try {
      await runOp(operation, { input: { id: alert.id } }, alert.account.id);
      // The button just pressed disappears (acknowledged, resolved): the focus stays on this alert.
      title.current?.focus();
      onChanged();
    } catch (error) {
      setProblem(describeFailure(error));
    } finally {
      setBusy(false);
    }
  };
  const level = alert.account.creditStatus?.riskLevel;
  return (
    <li class="inbox__item" data-testid="alert-row" data-status={alert.status}>
      <div class="inbox__line">
        <SeverityDots severity={alert.severity} />
        <div class="list__main">
          <button ref={title} id={titleId} type="button" class="link-button" aria-expanded={open} aria-controls={detailId} onClick={() => setOpen(!open)}>
            {alert.title}
          </button>
          <span class="list__meta">
            <a href={href.account(alert.account.id)}>{alert.account.name}</a>
            {level ? ` · ${riskLabel(level)}` : ''} · <RelativeTime iso={alert.createdAt} withDate />
            {alert.status === 'ACKNOWLEDGED' ? (
              <span class="tag">Acknowledged</span>
            ) : null}
            {alert.status === 'RESOLVED' ? <span class="tag">Resolved</span> : null}
          </span>
        </div>
        {can.write && alert.status !== 'RESOLVED' ? (
          <div class="inbox__actions">
            {alert.status === 'OPEN' ? (
              <button type="button" class="button button--small" disabled={busy} aria-describedby={titleId} onClick={() => void act('WorkspaceAcknowledgeAlert')}>
                Acknowledge
              </button>
            ) : null}
            {/* Closing is credit's call, or the owner's for an alert given to them (the API refuses anyone else). */}
            {can.credit || alert.owner?.id === can.user.id ? (
              <button type="button" class="button button--small" disabled={busy} aria-describedby={titleId} onClick={() => void act('WorkspaceResolveAlert')}>
                Resolve
              </button>
            ) : null}
          </div>
        ) : null}
      </div>
      <div id={detailId} class="inbox__detail" hidden={!open} data-testid="alert-detail">
        <p>{alert.detail ?? 'No further detail.'}</p>
        <p class="muted">
          Rule: {alert.rule.toLowerCase().replace(/_/g, ' ')}
          {alert.owner ? ` · owner ${nameFor(alert.owner, viewer)}` : ''}
          {alert.reopenedAt ? (
            <>
              {' · came back '}
              <RelativeTime iso={alert.reopenedAt} withDate />
            </>
          ) : null}
        </p>
      </div>
      {problem ? (
        <p class="form-error" role="alert">
          {problem}
        </p>
      ) : null}
    </li>
  );
}
