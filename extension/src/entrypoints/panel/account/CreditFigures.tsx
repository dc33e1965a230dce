import type { AccountCardData, CreditStatusData, Decimal } from '@/lib/types';
import { AgingBar } from '@/ui/components/AgingBar';
import { Section } from '@/ui/components/Section';
import { formatMoney, isPositive } from '@/ui/format/money';

interface Props {
  account: AccountCardData;
  status: CreditStatusData | null;
}

/**
 * Limit, exposure, available and overdue, what is disputed apart, then the aging bar. The server sends null money fields to users who
 * may see the level only (SALES): then this section says so instead of showing empty boxes.
 */
export function CreditFigures({ account, status }: Props) {
  const { currency } = account;
  const hidden = account.creditLimit == null && (status == null || status.exposure == null);
  if (hidden) {
    return status ? <p class="muted credit-hidden">Credit figures are shared with the credit team only.</p> : null;
  }
  const figures: { label: string; value: Decimal | null; warn?: boolean; testid: string }[] = [
    { label: 'Limit', value: account.creditLimit, testid: 'credit-limit' },
    { label: 'Exposure', value: status?.exposure ?? null, testid: 'exposure' },
    { label: 'Available', value: status?.available ?? null, warn: status?.available != null && !isPositive(status.available), testid: 'available' },
    { label: 'Overdue', value: status?.overdue ?? null, warn: isPositive(status?.overdue), testid: 'overdue' },
  ];
  // An invoice in an open dispute is not late payment: the server counts it apart from overdue and aging.
  const disputed = isPositive(status?.disputed) ? (status?.disputed ?? null) : null;
  return (
    <Section title="Credit" aside={`${currency} · ${account.paymentTermsDays} days`}>
      <dl class="figures">
        {figures.map((f) => (
          <div key={f.label} class="figure" data-warn={f.warn ? 'true' : undefined} data-testid={f.testid}>
            <dt class="figure__label">{f.label}</dt>
            <dd class="figure__value" title={formatMoney(f.value, currency)}>
              {formatMoney(f.value, currency, { compact: true })}
            </dd>
          </div>
        ))}
      </dl>
      {disputed ? (
        <p class="figures__disputed" data-testid="disputed" title={formatMoney(disputed, currency)}>
          <strong>{formatMoney(disputed, currency)} disputed</strong>, not counted as overdue
          {account.disputes.edges[0] ? ` (owner: ${account.disputes.edges[0].node.ownerTeam})` : ''}
        </p>
      ) : null}
      {status?.aging ? <AgingBar aging={status.aging} currency={currency} disputed={disputed} /> : null}
      {status?.daysBeyondTerms != null ? (
        <p class="muted figures__dbt">
          {status.daysBeyondTerms > 0 ? `${status.daysBeyondTerms} days beyond terms on average` : 'Pays within terms'}
        </p>
      ) : null}
    </Section>
  );
}
