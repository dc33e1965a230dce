import type { CreditFactor, CreditStatusData } from '@/lib/types';
import { RelativeTime } from '@/ui/components/RelativeTime';
import { TrafficLight } from '@/ui/components/TrafficLight';
import { FIGURES, formatDays } from '@/ui/format/figures';
import { riskLabel, TREND_TEXT, topFactors } from '@/ui/format/risk';

interface Props {
  status: CreditStatusData | null;
}

/** The traffic light, score and trend (with the paid DBT it is about), and the factors that weigh most, each in a sentence. */
export function RiskSummary({ status }: Props) {
  if (!status) {
    return (
      <div class="risk risk--none">
        <p class="muted">No credit status yet: the first invoices or a credit review will set one.</p>
      </div>
    );
  }
  const trend = TREND_TEXT[status.trend];
  const { shown, more } = factorsToShow(status.factors);
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
        {status.riskScore != null ? (
          <div class="risk__score" title="Risk score, 0 = safest">
            <span class="risk__score-value">{status.riskScore}</span>
            <span class="risk__score-unit">score</span>
          </div>
        ) : null}
      </div>
      <p class="risk__trend" data-trend={status.trend} data-testid="risk-trend">
        <span aria-hidden="true">{trend.arrow}</span> {trend.label}
        {status.trend !== 'NO_HISTORY' && status.daysBeyondTerms != null ? (
          <span class="muted">
            {' · '}
            {FIGURES.DBT.name}: {formatDays(status.daysBeyondTerms)}
          </span>
        ) : null}
      </p>
      {shown.length ? (
        <ul class="risk__factors" aria-label="What drives the risk">
          {shown.map((f) => (
            <Factor key={f.code} factor={f} />
          ))}
        </ul>
      ) : null}
      {more.length ? (
        <details class="risk__more">
          <summary>
            {more.length} more reason{more.length === 1 ? '' : 's'}
          </summary>
          <ul class="risk__factors">
            {more.map((f) => (
              <Factor key={f.code} factor={f} />
            ))}
          </ul>
        </details>
      ) : null}
      <p class="risk__computed muted">
        Updated <RelativeTime iso={status.computedAt} />
      </p>
    </div>
  );
}

/** The factor's label, and under it the reason in a sentence (with figures for credit, in words for sales). */
function Factor({ factor: f }: { factor: CreditFactor }) {
  return (
    <li class="risk__factor" data-testid="risk-factor">
      <span class="risk__factor-label">{f.label}</span>
      {f.detail ? <span class="risk__factor-detail">{f.detail}</span> : null}
    </li>
  );
}

/**
 * The three that weigh most first, the rest behind "more". Without weights (SALES, VIEWER) there is no ranking to
 * cut by: every factor shows, in the server's order.
 */
function factorsToShow(factors: readonly CreditFactor[]): { shown: CreditFactor[]; more: CreditFactor[] } {
  if (factors.some((f) => f.weight == null)) return { shown: [...factors], more: [] };
  const top = topFactors(factors);
  return { shown: top, more: factors.filter((f) => !top.includes(f)) };
}
