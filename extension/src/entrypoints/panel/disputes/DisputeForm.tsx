import { DISPUTE_KINDS, type DisputeKind } from '@earshot/shared';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { InvoiceChoice } from '@/background/operation-types';
import { runOp } from '@/lib/run-op';
import type { AccountCardData } from '@/lib/types';
import { formatDate } from '@/ui/format/dates';
import { formatMoney, isDecimal } from '@/ui/format/money';
import { DISPUTE_KIND_LABEL, OWNER_TEAMS } from './labels';
import { formKeys } from '@/ui/hooks/form-keys';

interface Props {
  account: Pick<AccountCardData, 'id' | 'currency'>;
  /** Credit picks the invoices concerned (the ledger is theirs); sales gives a reason and, if known, an amount. */
  canPickInvoices: boolean;
  onSaved: (summary: string) => void;
  onCancel: () => void;
}

type Invoices = { phase: 'loading' } | { phase: 'failed'; message: string } | { phase: 'ready'; invoices: InvoiceChoice[] };

const today = () => new Date().toISOString().slice(0, 10);

/** `openDispute`: kind, reason and owner team required; invoices (credit) or an amount optional. */
export function DisputeForm({ account, canPickInvoices, onSaved, onCancel }: Props) {
  const [kind, setKind] = useState<DisputeKind>('DISPUTE');
  const [reason, setReason] = useState('');
  const [ownerTeam, setOwnerTeam] = useState('');
  const [amount, setAmount] = useState('');
  const [expectedBy, setExpectedBy] = useState('');
  const [invoiceIds, setInvoiceIds] = useState<ReadonlySet<string>>(new Set());
  const [invoices, setInvoices] = useState<Invoices>({ phase: 'loading' });
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const reasonField = useRef<HTMLTextAreaElement>(null);
  const id = useId();

  useEffect(() => reasonField.current?.focus(), []);

  const loadInvoices = () => {
    setInvoices({ phase: 'loading' });
    void runOp('PanelAccountInvoices', { id: account.id }).then((outcome) => {
      if (!outcome.ok) setInvoices({ phase: 'failed', message: outcome.error });
      else setInvoices({ phase: 'ready', invoices: outcome.data.account?.invoices?.edges.map((e) => e.node) ?? [] });
    });
  };
  useEffect(() => {
    if (canPickInvoices) loadInvoices();
  }, [canPickInvoices]);

  const save = async () => {
    if (busy) return;
    const amountText = amount.trim().replace(/,/g, '');
    if (!reason.trim()) return fail('Say what the dispute or problem is.');
    if (!ownerTeam.trim()) return fail('Say which team owns it (logistics, sales, customer service…).');
    if (amountText && (!isDecimal(amountText) || Number(amountText) <= 0)) return fail('The amount is a positive number, like 8400 or 8400.50.');
    const input: Record<string, unknown> = { accountId: account.id, kind, reason: reason.trim(), ownerTeam: ownerTeam.trim() };
    if (invoiceIds.size) input.invoiceIds = [...invoiceIds];
    else if (amountText) input.amount = amountText;
    if (expectedBy) input.expectedBy = new Date(`${expectedBy}T12:00:00`).toISOString();
    setBusy(true);
    setProblem(null);
    const outcome = await runOp('PanelOpenDispute', { input }, account.id);
    setBusy(false);
    if (outcome.ok) onSaved(outcome.data.openDispute.dispute.summary);
    else setProblem(`Not saved: ${outcome.error}`);
  };

  function fail(message: string): void {
    setProblem(message);
  }

  const toggleInvoice = (invoiceId: string, on: boolean) =>
    setInvoiceIds((s) => {
      const next = new Set(s);
      if (on) next.add(invoiceId);
      else next.delete(invoiceId);
      return next;
    });

  return (
    <form
      class="dispute-form"
      data-testid="dispute-form"
      aria-label="Report a dispute or delivery problem"
      {...formKeys(save, onCancel)}
    >
      <fieldset class="visibility">
        <legend class="field__label">What is it?</legend>
        {DISPUTE_KINDS.map((k) => (
          <label key={k} class="visibility__option">
            <input type="radio" name={`${id}-kind`} value={k} checked={kind === k} onChange={() => setKind(k)} /> {DISPUTE_KIND_LABEL[k]}
          </label>
        ))}
      </fieldset>
      <label class="field">
        <span class="field__label">Reason</span>
        <textarea
          ref={reasonField}
          class="field__input"
          rows={2}
          maxLength={2000}
          value={reason}
          data-testid="dispute-reason"
          placeholder="e.g. Two pallets arrived damaged"
          onInput={(e) => setReason(e.currentTarget.value)}
        />
      </label>
      <label class="field">
        <span class="field__label">Owner team</span>
        <input
          class="field__input"
          list={`${id}-teams`}
          maxLength={100}
          value={ownerTeam}
          data-testid="dispute-owner-team"
          onInput={(e) => setOwnerTeam(e.currentTarget.value)}
        />
        <datalist id={`${id}-teams`}>
          {OWNER_TEAMS.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
      </label>
      {canPickInvoices ? <InvoicePicker invoices={invoices} chosen={invoiceIds} onToggle={toggleInvoice} onRetry={loadInvoices} /> : null}
      {invoiceIds.size === 0 ? (
        <label class="field">
          <span class="field__label">Amount held up, {account.currency} (optional)</span>
          <input
            class="field__input"
            inputMode="decimal"
            maxLength={20}
            value={amount}
            data-testid="dispute-amount-input"
            onInput={(e) => setAmount(e.currentTarget.value)}
          />
        </label>
      ) : null}
      <label class="field">
        <span class="field__label">Expected to be settled by (optional)</span>
        <input class="field__input" type="date" min={today()} value={expectedBy} onInput={(e) => setExpectedBy(e.currentTarget.value)} />
      </label>
      {problem ? (
        <p class="capture__problem" role="alert">
          {problem}
        </p>
      ) : null}
      <div class="capture__actions">
        <button type="submit" class="button button--primary" data-testid="dispute-submit" disabled={busy}>
          {busy ? 'Saving…' : 'Report it'}
        </button>
        <button type="button" class="button button--quiet" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}

interface PickerProps {
  invoices: Invoices;
  chosen: ReadonlySet<string>;
  onToggle: (invoiceId: string, on: boolean) => void;
  onRetry: () => void;
}

/** Credit: the open invoices this dispute holds up (they leave "late" and count as disputed). */
function InvoicePicker({ invoices, chosen, onToggle, onRetry }: PickerProps) {
  return (
    <fieldset class="dispute-invoices" data-testid="dispute-invoices">
      <legend class="field__label">Invoices concerned</legend>
      {invoices.phase === 'loading' ? (
        <p class="muted" role="status">
          Loading open invoices…
        </p>
      ) : invoices.phase === 'failed' ? (
        <p class="capture__problem" role="alert">
          Could not load the invoices: {invoices.message}{' '}
          <button type="button" class="button button--quiet button--small" onClick={onRetry}>
            Retry
          </button>
        </p>
      ) : invoices.invoices.length === 0 ? (
        <p class="muted">No open invoices: give an amount instead.</p>
      ) : (
        invoices.invoices.map((inv) => (
          <label key={inv.id} class="dispute-invoices__item">
            <input type="checkbox" value={inv.id} checked={chosen.has(inv.id)} onChange={(e) => onToggle(inv.id, e.currentTarget.checked)} />{' '}
            {inv.number} · due {formatDate(inv.dueAt)} · {formatMoney(inv.outstanding, inv.currency)}
            {inv.dueAt < today() ? <span class="tag tag--overdue">late</span> : null}
          </label>
        ))
      )}
    </fieldset>
  );
}
