import type { CreditStatusData } from '@/lib/types';
import { formatMoney, shareBasisPoints, sumDecimals } from '../format/money';

type Aging = NonNullable<CreditStatusData['aging']>;

const BUCKETS: { key: keyof Aging; label: string }[] = [
  { key: 'current', label: 'Current' },
  { key: 'd1_30', label: '1–30' },
  { key: 'd31_60', label: '31–60' },
  { key: 'd61_90', label: '61–90' },
  { key: 'd90plus', label: '90+' },
];

interface Props {
  aging: Aging;
  currency: string;
  /** Open invoices in an open dispute: not in any age bucket (they are not late payment), shown after them. */
  disputed?: string | null;
  /** The legend's name, when several bars share a page (one per currency). */
  label?: string;
  testid?: string;
}

/** Open receivables by age, one stacked bar plus a legend with the amounts (the legend carries the numbers). */
export function AgingBar({ aging, currency, disputed = null, label = 'Receivables by days overdue', testid = 'aging-bar' }: Props) {
  const total = sumDecimals([...BUCKETS.map((b) => aging[b.key]), disputed]);
  return (
    <div class="aging" data-testid={testid}>
      <div class="aging__bar" aria-hidden="true">
        {BUCKETS.map((b) => {
          const bp = shareBasisPoints(aging[b.key], total);
          return bp > 0 ? <span key={b.key} class="aging__segment" data-bucket={b.key} style={{ width: `${bp / 100}%` }} /> : null;
        })}
        {disputed && shareBasisPoints(disputed, total) > 0 ? (
          <span class="aging__segment" data-bucket="disputed" style={{ width: `${shareBasisPoints(disputed, total) / 100}%` }} />
        ) : null}
      </div>
      <ul class="aging__legend" aria-label={label}>
        {BUCKETS.map((b) => (
          <li key={b.key} class="aging__item" data-bucket={b.key}>
            <span class="aging__swatch" aria-hidden="true" />
            <span class="aging__label">{b.label}</span>
            <span class="aging__amount" title={formatMoney(aging[b.key], currency)}>
              {formatMoney(aging[b.key], currency, { compact: true })}
            </span>
          </li>
        ))}
        {disputed ? (
          <li class="aging__item" data-bucket="disputed" data-testid="aging-disputed">
            <span class="aging__swatch" aria-hidden="true" />
            <span class="aging__label">Disputed</span>
            <span class="aging__amount" title={formatMoney(disputed, currency)}>
              {formatMoney(disputed, currency, { compact: true })}
            </span>
          </li>
        ) : null}
      </ul>
    </div>
  );
}
