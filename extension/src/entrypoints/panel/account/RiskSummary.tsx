import { useId, useState } from 'preact/hooks';
import type { CreditFactor, CreditStatusData } from '@/lib/types';
import { RelativeTime } from '@/ui/components/RelativeTime';
import { TrafficLight } from '@/ui/components/TrafficLight';
import { factorsByWeight, formatWeight, headlineDbt, scoreExplanation, TREND_TEXT, trendSentence } from '@/ui/format/risk';

interface Props {
  status: CreditStatusData | null;
}

/** How many reasons show before "Show all (n)". */
const FIRST_REASONS = 3;

/**
 * The traffic light, the level (once: the lamps are decoration beside it), the score and how it is formed, the trend
 * in the server's sentence naming what it compared (with the paid DBT of the window it is about: the last 90 days while
 * payments slip, else 12 months), and every factor: with its weight for those who see weights (the weights add up
 * to the score), in words for everyone else. The first three show; "Show all (n)" opens the rest.
 */
export function RiskSummary({ status }: Props) {
  const [all, setAll] = useState(false);
  const headingId = useId();
  // A heading for the summary (the level below says the rest): screen readers jump to it like to every section.
  const heading = (
    <h3 id={headingId} class="visually-hidden">
      Credit risk
    </h3>
  );
  if (!status) {
    return (
      <section class="risk risk--none" aria-labelledby={headingId}>
        {heading}
        <p class="muted">No credit status yet: the first invoices or a credit review will set one.</p>
      </section>
    );
  }
  const trend = trendSentence(status);
  const dbt = headlineDbt(status);
  const factors = factorsByWeight(status.factors);
  const shown = all ? factors : factors.slice(0, FIRST_REASONS);
  const explanation = scoreExplanation(status.riskScore, status.factors);
  return (
    <section class="risk" data-level={status.riskLevel} aria-labelledby={headingId}>
      {heading}
      <div class="risk__headline">
        <TrafficLight level={status.riskLevel} decorative />
        <div class="risk__words">
          <span class="risk__level" data-testid="risk-level">
            {status.riskLevel}
          </span>
        </div>
        {status.riskScore != null ? (
          <div class="risk__score" data-testid="risk-score">
            <span class="risk__score-value">{status.riskScore}</span>
            <span class="risk__score-unit">score of 100</span>
          </div>
        ) : null}
      </div>
      <p class="risk__trend" data-trend={status.trend} data-testid="risk-trend">
        <span aria-hidden="true">{TREND_TEXT[status.trend].arrow}</span> {trend}
        {dbt ? (
          <span class="muted" data-testid="risk-trend-dbt">
            {' · '}
            {dbt}
          </span>
        ) : null}
      </p>
      {explanation ? (
        <p class="risk__explain muted" data-testid="risk-explain">
          {explanation}
        </p>
      ) : null}
      {shown.length ? (
        <ul class="risk__factors" aria-label="What drives the risk" data-testid="risk-factors">
          {shown.map((f) => (
            <Factor key={f.code} factor={f} />
          ))}
        </ul>
      ) : null}
      {factors.length > FIRST_REASONS ? (
        <button type="button" class="button button--small button--quiet risk__more" aria-expanded={all} data-testid="risk-show-all" onClick={() => setAll(!all)}>
          {all ? 'Show fewer' : `Show all (${factors.length})`}
        </button>
      ) : null}
      <p class="risk__computed muted">
        Updated <RelativeTime iso={status.computedAt} withDate />
      </p>
    </section>
  );
}

/** The factor's label (with its points for those who see weights), and under it the reason in a sentence. */
function Factor({ factor: f }: { factor: CreditFactor }) {
  return (
    <li class="risk__factor" data-testid="risk-factor">
      <span class="risk__factor-label">
        {f.label}
        {f.weight != null ? (
          <span class="risk__factor-weight" data-testid="risk-factor-weight">
            {' '}
            {formatWeight(f.weight)}
          </span>
        ) : null}
      </span>
      {f.detail ? <span class="risk__factor-detail">{f.detail}</span> : null}
    </li>
  );
}
