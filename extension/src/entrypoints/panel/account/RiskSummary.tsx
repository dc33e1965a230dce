import type { CreditStatusData } from '@/lib/types';
import { RelativeTime } from '@/ui/components/RelativeTime';
import { TrafficLight } from '@/ui/components/TrafficLight';
import { riskLabel, TREND_TEXT, topFactors } from '@/ui/format/risk';

interface Props {
  status: CreditStatusData | null;
  termsDays: number;
}

/** The traffic light, score and trend, and the three factors that weigh most, in words. */
export function RiskSummary({ status, termsDays }: Props) {
  if (!status) {
    return (
      <div class="risk risk--none">
        <p class="muted">No credit status yet: the first invoices or a credit review will set one.</p>
      </div>
    );
  }
  const trend = TREND_TEXT[status.trend];
  const factors = topFactors(status.factors);
  return (
    <div class="risk" data-level={status.riskLevel}>
      <div class="risk__headline">
        <TrafficLight level={status.riskLevel} />
        <div class="risk__words">
          <span class="risk__level" data-testid="risk-level">
            {status.riskLevel}
          </span>
          <span class="risk__label">{riskLabel(status.riskLevel)}</span>
        </div>
        <div class="risk__score" title="Risk score, 0 = safest">
          <span class="risk__score-value">{status.riskScore}</span>
          <span class="risk__score-unit">score</span>
        </div>
      </div>
      <p class="risk__trend" data-trend={status.trend}>
        <span aria-hidden="true">{trend.arrow}</span> {trend.label}
        {status.avgDaysToPay != null ? (
          <>
            {' · '}pays in {status.avgDaysToPay} days on average (terms {termsDays})
          </>
        ) : null}
      </p>
      {factors.length ? (
        <ul class="risk__factors" aria-label="What drives the risk">
          {factors.map((f) => (
            <li key={f.code} class="risk__factor">
              <span class="risk__factor-label">{f.label}</span>
              {f.detail ? <span class="risk__factor-detail"> — {f.detail}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      <p class="risk__computed muted">
        Updated <RelativeTime iso={status.computedAt} />
      </p>
    </div>
  );
}
