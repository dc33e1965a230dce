import { useState } from 'preact/hooks';
import type { AccountCardData, CreditStatusData, CurrencyExposureData, Decimal } from '@/lib/types';
import { AgingBar } from '@/ui/components/AgingBar';
import { Section } from '@/ui/components/Section';
import { UTILISATION_WARN, utilisationText } from '@/ui/format/figures';
import { formatMoney, isPositive } from '@/ui/format/money';
import { OtherCurrencies } from './OtherCurrencies';
import { PaymentFigures } from './PaymentFigures';
import { listAnd } from '@/ui/format/lists';

interface Props {
  account: AccountCardData;
  status: CreditStatusData | null;
}

/**
 * Limit, exposure, available and overdue (every currency, converted), the share of the limit in use, a credit
 * balance, what is disputed apart, the aging bar, how they pay (named figures), then the other currencies in their
 * own money. The server sends null money fields to users who may see the level only (SALES): then this section says
 * so instead of showing empty boxes.
 */
export function CreditFigures({ account, status }: Props) {
  const { currency } = account;
  // The boxes show compact amounts ("€12.3K"); the exact ones a button away, not only in a hover tooltip that keyboard
  // and touch users cannot reach (WCAG 1.4.13 / 2.1.1).
  const [exact, setExact] = useState(false);
  const hidden = account.creditLimit == null && (status == null || status.exposure == null);
  if (hidden) {
    return status ? <p class="muted credit-hidden">Credit figures are shared with the credit team only.</p> : null;
  }
  // The totals over every currency with a rate (what the limit and `available` are measured against); the account
  // currency's own figures until the detail has arrived.
  const exposure = status?.totalExposure ?? status?.exposure ?? null;
  const overdue = status?.totalOverdue ?? status?.overdue ?? null;
  // A currency without a rate is left out of the converted totals: its own amounts stand beside them ("€0 + CHF 9K"),
  // or a tile reads €0 overdue beside a CHF invoice 100 days past due (probe of issue 10).
  // Nothing owed yet (no credit status, or no exposure): the whole limit is available, not "—".
  const available = status?.available ?? (account.creditLimit != null && !isPositive(exposure) ? account.creditLimit : null);
  const unconverted = (status?.currencies ?? []).filter((c) => status?.unconvertedCurrencies?.includes(c.currency));
  const beside = (pick: (c: CurrencyExposureData) => Decimal | null) =>
    unconverted.filter((c) => isPositive(pick(c))).map((c) => ({ value: pick(c), currency: c.currency }));
  const unconvertedOverdue = beside((c) => c.overdue);
  const figures: { label: string; value: Decimal | null; plus?: { value: Decimal | null; currency: string }[]; warn?: boolean; testid: string }[] = [
    { label: 'Limit', value: account.creditLimit, testid: 'credit-limit' },
    { label: 'Exposure', value: exposure, plus: beside((c) => c.exposure), testid: 'exposure' },
    { label: 'Available', value: available, warn: available != null && !isPositive(available), testid: 'available' },
    { label: 'Overdue', value: overdue, plus: unconvertedOverdue, warn: isPositive(overdue) || unconvertedOverdue.length > 0, testid: 'overdue' },
  ];
  const amounts = (f: (typeof figures)[number], compact: boolean) =>
    [formatMoney(f.value, currency, { compact }), ...(f.plus ?? []).map((p) => formatMoney(p.value, p.currency, { compact }))].join(' + ');
  // An invoice in an open dispute is not late payment: the server counts it apart from overdue and aging.
  const disputed = isPositive(status?.disputed) ? (status?.disputed ?? null) : null;
  const others = (status?.currencies ?? []).filter((c) => c.currency !== currency);
  const utilisation = status?.limitUtilisation ?? null;
  const creditBalance = isPositive(status?.creditBalance) ? (status?.creditBalance ?? null) : null;
  return (
    <Section title="Credit" aside={`${currency} · ${account.paymentTermsDays} days`}>
      <button type="button" class="button button--small button--quiet figures__exact" aria-pressed={exact} data-testid="exact-amounts" onClick={() => setExact(!exact)}>
        Exact amounts
      </button>
      <dl class="figures" data-exact={exact ? 'true' : undefined}>
        {figures.map((f) => (
          <div key={f.label} class="figure" data-warn={f.warn ? 'true' : undefined} data-testid={f.testid}>
            <dt class="figure__label">{f.label}</dt>
            <dd class="figure__value" title={amounts(f, false)}>
              {amounts(f, !exact)}
            </dd>
          </div>
        ))}
      </dl>
      {others.length ? (
        <p class="muted figures__note" data-testid="totals-note">
          Exposure and overdue: every currency converted into {currency}
          {status?.unconvertedCurrencies?.length ? `, except ${listAnd(status.unconvertedCurrencies)} (no exchange rate)` : ''}.
        </p>
      ) : null}
      {utilisation != null ? (
        <p class="figures__use" data-testid="limit-utilisation" data-warn={utilisation >= UTILISATION_WARN ? 'true' : undefined}>
          {utilisationText(utilisation)}
        </p>
      ) : null}
      {creditBalance ? (
        <p class="figures__balance" data-testid="credit-balance">
          <strong>{formatMoney(creditBalance, currency)} credit balance</strong>: credit notes and payments not yet set against an invoice (the customer
          is owed this)
        </p>
      ) : null}
      {disputed ? (
        <p class="figures__disputed" data-testid="disputed" title={formatMoney(disputed, currency)}>
          <strong>{formatMoney(disputed, currency)} disputed</strong>, not counted as overdue
          {account.disputes.edges[0] ? ` (owner: ${account.disputes.edges[0].node.ownerTeam})` : ''}
        </p>
      ) : null}
      {status?.aging ? (
        <>
          {others.length ? <p class="figures__sub">Invoices in {currency} by age</p> : null}
          <AgingBar aging={status.aging} currency={currency} disputed={disputed} />
        </>
      ) : null}
      {status ? <PaymentFigures status={status} termsDays={account.paymentTermsDays} /> : null}
      {others.length ? <OtherCurrencies currencies={others} accountCurrency={currency} unconverted={status?.unconvertedCurrencies ?? []} /> : null}
    </Section>
  );
}
