import type { CreditStatusData } from '@/lib/types';
import { FIGURES, type FigureKey, formatDays } from '@/ui/format/figures';

interface Props {
  status: CreditStatusData;
  termsDays: number;
}

/** Paid DBT within this is no sign of trouble (the server's DAYS_BEYOND_TERMS factor starts after the same grace). */
const DBT_GRACE_DAYS = 3;

interface Row {
  key: FigureKey;
  value: string;
  /** Read beside the value: the window or the yardstick it compares with. */
  aside?: string;
  warn?: boolean;
}

/**
 * How they pay, each figure under its standard name, and what each means in a <details> anyone can open (keyboard,
 * touch, screen reader). Only the figures the server sent: SALES gets none of them, and then nothing shows.
 */
export function PaymentFigures({ status, termsDays }: Props) {
  const rows: Row[] = [];
  if (status.daysBeyondTerms != null) {
    const recent = status.recentDaysBeyondTerms;
    rows.push({
      key: 'DBT',
      value: formatDays(status.daysBeyondTerms),
      aside: recent != null ? `12 months, amount-weighted; last 90 days: ${formatDays(recent)}` : '12 months, amount-weighted',
      warn: Math.max(status.daysBeyondTerms, recent ?? 0) > DBT_GRACE_DAYS,
    });
  }
  if (status.avgDaysToPay != null) rows.push({ key: 'ADP', value: formatDays(status.avgDaysToPay), aside: `terms ${formatDays(termsDays)}` });
  if (status.dso != null) rows.push({ key: 'DSO', value: formatDays(status.dso) });
  if (status.bestPossibleDso != null) rows.push({ key: 'BEST_DSO', value: formatDays(status.bestPossibleDso) });
  if (!rows.length) return null;
  return (
    <div class="pay-figures" data-testid="payment-figures">
      <dl class="pay-figures__list">
        {rows.map((r) => (
          <div key={r.key} class="pay-figure" data-testid={`figure-${r.key.toLowerCase().replace('_', '-')}`} data-warn={r.warn ? 'true' : undefined}>
            <dt class="pay-figure__name">{FIGURES[r.key].name}</dt>
            <dd class="pay-figure__value">
              <strong>{r.value}</strong>
              {r.aside ? <span class="muted"> · {r.aside}</span> : null}
            </dd>
          </div>
        ))}
      </dl>
      <details class="pay-figures__help" data-testid="figures-help">
        <summary>What these figures mean</summary>
        <dl>
          {rows.map((r) => (
            <div key={r.key} class="pay-figures__explain">
              <dt>{FIGURES[r.key].name}</dt>
              <dd>{FIGURES[r.key].explain}</dd>
            </div>
          ))}
        </dl>
      </details>
    </div>
  );
}
