import { useEffect, useState } from 'preact/hooks';
import type { OpenInvoice } from '@/background/operation-types';
import type { SessionUser } from '@/lib/messages';
import { runOp } from '@/lib/run-op';
import { Section } from '@/ui/components/Section';
import { daysPastDue, sortOpenInvoices } from '@/ui/format/invoices';
import { formatMoney } from '@/ui/format/money';
import { formatDate } from '@/ui/format/dates';

export type OpenInvoicesLoad =
  | { phase: 'off' }
  | { phase: 'loading' }
  | { phase: 'failed'; message: string }
  | { phase: 'ready'; invoices: OpenInvoice[]; total: number };

/**
 * The account's open invoices (up to 50, newest issued first from the server; sorted overdue first here), asked only
 * for the credit team (ledger:read): the server answers null to everyone else, and the panel does not ask. Used by
 * the list below and by the payment chart (how far beyond terms the unpaid ones are).
 */
export function useOpenInvoices(accountId: string, user: SessionUser | null, seesFigures: boolean, refreshKey = ''): { load: OpenInvoicesLoad; retry: () => void } {
  const on = (user?.role === 'CREDIT' || user?.role === 'ADMIN') && seesFigures;
  const [load, setLoad] = useState<OpenInvoicesLoad>(on ? { phase: 'loading' } : { phase: 'off' });
  const ask = () => {
    if (!on) return setLoad({ phase: 'off' });
    setLoad({ phase: 'loading' });
    void runOp('PanelOpenInvoices', { id: accountId }).then((outcome) => {
      if (!outcome.ok) return setLoad({ phase: 'failed', message: outcome.error });
      const conn = outcome.data.account?.invoices;
      setLoad({ phase: 'ready', invoices: sortOpenInvoices(conn?.edges.map((e) => e.node) ?? []), total: conn?.totalCount ?? 0 });
    });
  };
  useEffect(ask, [accountId, on, refreshKey]);
  return { load, retry: ask };
}

interface Props {
  load: OpenInvoicesLoad;
  onRetry: () => void;
}

const FIRST = 5;

/**
 * The open invoices the notes and alerts talk about, by number: issued, due, outstanding, days overdue and a
 * disputed mark, overdue first; the first five, then "Show all (n)". Credit team only (see useOpenInvoices).
 */
export function OpenInvoices({ load, onRetry }: Props) {
  const [all, setAll] = useState(false);
  if (load.phase === 'off') return null;
  if (load.phase === 'loading') {
    return (
      <Section title="Open invoices">
        <p class="muted">Loading the open invoices…</p>
      </Section>
    );
  }
  if (load.phase === 'failed') {
    return (
      <Section title="Open invoices">
        <p class="form-error" role="alert">
          Could not load the open invoices: {load.message}{' '}
          <button type="button" class="button button--small" onClick={onRetry}>
            Try again
          </button>
        </p>
      </Section>
    );
  }
  if (!load.invoices.length) return null;
  const now = new Date();
  const overdue = load.invoices.filter((i) => i.status === 'OVERDUE').length;
  const shown = all ? load.invoices : load.invoices.slice(0, FIRST);
  const aside = `${load.total} open${overdue ? `, ${overdue} overdue` : ''}`;
  return (
    <Section title="Open invoices" aside={aside} class="open-invoices">
      <table class="open-invoices__table" data-testid="open-invoices">
        <thead>
          <tr>
            <th scope="col">Invoice</th>
            <th scope="col">Issued</th>
            <th scope="col">Due</th>
            <th scope="col" class="num">
              Outstanding
            </th>
            <th scope="col" class="num">
              Overdue
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((i) => {
            const late = daysPastDue(i.dueAt, now);
            return (
              <tr key={i.id} data-testid="open-invoice" data-status={i.status}>
                <th scope="row">
                  {i.number}
                  {i.status === 'DISPUTED' ? (
                    <span class="tag" data-testid="invoice-disputed">
                      Disputed
                    </span>
                  ) : null}
                </th>
                <td>{formatDate(i.issuedAt)}</td>
                <td>{formatDate(i.dueAt)}</td>
                <td class="num">{formatMoney(i.outstanding, i.currency)}</td>
                <td class="num" data-late={i.status === 'OVERDUE' ? 'true' : undefined}>
                  {late > 0 ? `${late} ${late === 1 ? 'day' : 'days'}` : 'not due'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {load.invoices.length > FIRST ? (
        <button type="button" class="button button--small button--quiet" aria-expanded={all} data-testid="invoices-show-all" onClick={() => setAll(!all)}>
          {all ? 'Show fewer' : `Show all (${load.invoices.length})`}
        </button>
      ) : null}
      {load.total > load.invoices.length ? (
        <p class="muted figures__note">
          The {load.invoices.length} most recent of {load.total} open invoices; the workspace lists them all.
        </p>
      ) : null}
    </Section>
  );
}
