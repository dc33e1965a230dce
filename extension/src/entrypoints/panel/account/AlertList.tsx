import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { SessionUser } from '@/lib/messages';
import { runOp } from '@/lib/run-op';
import type { AlertData } from '@/lib/types';
import { RelativeTime } from '@/ui/components/RelativeTime';
import { Section } from '@/ui/components/Section';
import { SeverityDots } from '@/ui/components/SeverityDots';
import { evidenceLines } from '@/ui/format/alert-evidence';

interface Props {
  alerts: AlertData[];
  /** Every alert still standing, not only the ones on this page. */
  totalCount?: number | undefined;
  /** The signed-in user: who may acknowledge (any writer) and resolve (credit, or the alert's owner). */
  user?: SessionUser | null;
  /** The account currency: evidence amounts without their own currency are in it. */
  currency?: string;
  onChanged?: () => void;
}

/**
 * Alerts still standing (open and acknowledged) raised by the ledger rules (paying later, small invoices only, over
 * limit…), counted in full; each with its detail and, for credit, the figures behind it, and the buttons the
 * viewer's role allows (the server checks the same rule).
 */
export function AlertList({ alerts, totalCount, user = null, currency, onChanged }: Props) {
  const [local, setLocal] = useState(alerts);
  const [gone, setGone] = useState(0);
  // New data from the server (not a new array of the same alerts) replaces what this list changed locally.
  const signature = alerts.map((a) => `${a.id}:${a.status}`).join(',');
  useEffect(() => {
    setLocal(alerts);
    setGone(0);
  }, [signature, totalCount]);
  if (!local.length) return null;
  const total = Math.max(local.length, (totalCount ?? alerts.length) - gone);
  const aside = total > local.length ? `${local.length} of ${total}` : String(total);
  const changed = (id: string, status: 'ACKNOWLEDGED' | 'RESOLVED') => {
    if (status === 'RESOLVED') {
      setLocal((list) => list.filter((a) => a.id !== id));
      setGone((n) => n + 1);
    } else setLocal((list) => list.map((a) => (a.id === id ? { ...a, status, acknowledgedAt: new Date().toISOString() } : a)));
    onChanged?.();
  };
  return (
    <Section title="Open alerts" aside={aside} class="alerts">
      <ul class="list">
        {local.map((a) => (
          <AlertItem key={a.id} alert={a} user={user} currency={currency} onChanged={changed} />
        ))}
      </ul>
    </Section>
  );
}

function AlertItem({
  alert: a,
  user,
  currency,
  onChanged,
}: {
  alert: AlertData;
  user: SessionUser | null;
  currency: string | undefined;
  onChanged: (id: string, status: 'ACKNOWLEDGED' | 'RESOLVED') => void;
}) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const writer = user != null && user.role !== 'VIEWER';
  const credit = user?.role === 'CREDIT' || user?.role === 'ADMIN';
  const canResolve = writer && (credit || (a.owner != null && a.owner.id === user?.id));
  const evidence = evidenceLines(a.evidence, currency);
  const titleId = useId();
  const item = useRef<HTMLLIElement>(null);
  const resolveButton = useRef<HTMLButtonElement>(null);
  /** Set when the button pressed goes away with the change: where the focus goes once the list has re-rendered. */
  const [refocus, setRefocus] = useState(false);
  useEffect(() => {
    if (!refocus) return;
    setRefocus(false);
    (resolveButton.current ?? item.current?.querySelector<HTMLElement>('.alert-item__title'))?.focus();
  }, [refocus, a.status]);
  const act = async (operation: 'WorkspaceAcknowledgeAlert' | 'WorkspaceResolveAlert') => {
    setBusy(true);
    setProblem(null);
    const outcome = await runOp(operation, { input: { id: a.id } });
    setBusy(false);
    if (!outcome.ok) return setProblem(outcome.error);
    if (operation === 'WorkspaceResolveAlert') {
      // This alert leaves the list: the focus goes to the next one's title (or the one before), not to the page.
      const li = item.current;
      const neighbour = (li?.nextElementSibling ?? li?.previousElementSibling)?.querySelector<HTMLElement>('.alert-item__title');
      onChanged(a.id, 'RESOLVED');
      neighbour?.focus();
      return;
    }
    // Acknowledge disappears: the focus stays on this alert (its Resolve button, else its title).
    setRefocus(true);
    onChanged(a.id, 'ACKNOWLEDGED');
  };
  return (
    <li ref={item} class="list__item alert-item" data-testid="alert-item" data-rule={a.rule} data-status={a.status}>
      <SeverityDots severity={a.severity} />
      <div class="list__main">
        <span class="alert-item__title" id={titleId} tabIndex={-1}>
          {a.title}
        </span>
        {a.detail ? (
          <span class="alert-item__detail" data-testid="alert-detail">
            {a.detail}
          </span>
        ) : null}
        {evidence.length ? (
          <span class="alert-item__evidence muted" data-testid="alert-evidence">
            {evidence.join(' · ')}
          </span>
        ) : null}
        <span class="list__meta">
          Raised <RelativeTime iso={a.createdAt} withDate />
          {a.status === 'ACKNOWLEDGED' ? (
            <span class="tag" data-testid="alert-acknowledged">
              Acknowledged
            </span>
          ) : null}
        </span>
        {writer ? (
          <span class="alert-item__actions">
            {a.status === 'OPEN' ? (
              <button type="button" class="button button--small" disabled={busy} aria-describedby={titleId} onClick={() => void act('WorkspaceAcknowledgeAlert')}>
                Acknowledge
              </button>
            ) : null}
            {canResolve ? (
              <button
                ref={resolveButton}
                type="button"
                class="button button--small"
                disabled={busy}
                aria-describedby={titleId}
                onClick={() => void act('WorkspaceResolveAlert')}
              >
                Resolve
              </button>
            ) : null}
          </span>
        ) : null}
        {problem ? (
          <span class="form-error" role="alert">
            {problem}
          </span>
        ) : null}
      </div>
    </li>
  );
}
