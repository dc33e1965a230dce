/** How risk and trend read in the panel: colours (as CSS custom properties) and words, never colour alone. */
import { type PaymentTrend, type PaymentTrendBasis, RISK_LEVEL_LABEL, RISK_LEVELS, type RiskLevel } from '@earshot/shared';
import type { CreditFactor, CreditStatusData } from '@/lib/types';
import { FIGURES, formatDays } from './figures';

/** Which lamp of the traffic light is lit: HIGH and CRITICAL share red, CRITICAL is the darker red. */
export const RISK_LAMP: Readonly<Record<RiskLevel, 'green' | 'amber' | 'red'>> = {
  LOW: 'green',
  MODERATE: 'amber',
  HIGH: 'red',
  CRITICAL: 'red',
};

/** CSS custom property holding each level's colour (defined for light and dark in ui/styles/tokens.css). */
export function riskColourVar(level: RiskLevel): string {
  return `var(--risk-${level.toLowerCase()})`;
}

export function riskLabel(level: RiskLevel): string {
  return RISK_LEVEL_LABEL[level];
}

export function isRiskLevel(value: unknown): value is RiskLevel {
  return typeof value === 'string' && (RISK_LEVELS as readonly string[]).includes(value);
}

export const TREND_TEXT: Readonly<Record<PaymentTrend, { label: string; arrow: string }>> = {
  IMPROVING: { label: 'Paying faster', arrow: '↗' },
  STABLE: { label: 'No change in payment timing', arrow: '→' },
  SLIPPING: { label: 'Paying later', arrow: '↘' },
  NO_HISTORY: { label: 'No payment history yet', arrow: '·' },
};

/**
 * The trend in words. An account with no paid invoice has no payment timing to call steady or slipping, whatever
 * the trend field says: "No payment history yet".
 */
export function trendText(trend: PaymentTrend, paidInvoices?: number | null): string {
  if (paidInvoices === 0) return TREND_TEXT.NO_HISTORY.label;
  return TREND_TEXT[trend].label;
}

/**
 * The trend as the panel's headline says it: the server's sentence, which names what the trend compared ("No change in
 * payment timing against the same months last year") and, for the credit team, the per-invoice averages it compared.
 * "No change in payment timing" alone read as "no change at all" beside a chart whose lateness doubled within the year.
 * The trend's word only for a card cached before the sentence existed.
 */
export function trendSentence(status: Pick<CreditStatusData, 'trend' | 'trendSentence' | 'paidInvoices'>): string {
  if (status.paidInvoices === 0) return TREND_TEXT.NO_HISTORY.label;
  return status.trendSentence ?? trendText(status.trend);
}

/**
 * The paid DBT beside the trend, with its window and definition. While payments slip, the last 90 days' (the
 * 12 months' figure beside "Paying later" is mostly the old habit, and disagrees with the reason's recent lateness);
 * otherwise the 12 months'. null with no payment history or no figure (SALES).
 */
export function headlineDbt(status: Pick<CreditStatusData, 'trend' | 'daysBeyondTerms' | 'recentDaysBeyondTerms'>): string | null {
  if (status.trend === 'NO_HISTORY' || status.daysBeyondTerms == null) return null;
  const recent = status.trend === 'SLIPPING' && status.recentDaysBeyondTerms != null;
  const days = recent ? status.recentDaysBeyondTerms! : status.daysBeyondTerms;
  return `${FIGURES.DBT.name}, amount-weighted, ${recent ? 'last 90 days' : '12 months'}: ${formatDays(days)}`;
}

/**
 * Under the payment chart, what the trend compared: the chart shows 12 months of paid DBT, and a trend against the
 * same months last year compares with months before the chart starts, so a line that doubles within the chart can
 * sit beside "no change". null when nothing was compared.
 */
export function trendBasisNote(basis: PaymentTrendBasis | null | undefined): string | null {
  if (basis === 'SAME_MONTHS_LAST_YEAR')
    return 'The payment trend compares the invoices paid in the last 90 days with those paid in the same 90 days a year earlier, before this chart starts: average lateness per invoice, not amount-weighted.';
  if (basis === 'PRIOR_MONTHS')
    return 'The payment trend compares the invoices paid in the last 90 days with those paid in the 275 days before: average lateness per invoice, not amount-weighted.';
  return null;
}

/**
 * Every factor heaviest first (reductions last). Without weights (SALES, VIEWER) the server's order, which is the
 * same heaviest-first order with the points left out (graphql/types/credit-status.ts).
 */
export function factorsByWeight(factors: readonly CreditFactor[]): CreditFactor[] {
  if (factors.some((f) => f.weight == null)) return [...factors];
  return [...factors].sort((a, b) => (b.weight ?? 0) - (a.weight ?? 0));
}

/** "+32 points", "−5 points", "+1 point": a factor's share of the score. */
export function formatWeight(weight: number): string {
  const abs = Math.abs(weight);
  return `${weight < 0 ? '−' : '+'}${abs} ${abs === 1 ? 'point' : 'points'}`;
}

/**
 * How the score is formed, in a sentence a reader can check against the list: the server's weights are whole points
 * that add up to the score exactly (server/src/domain/risk-score.ts: above 100 every factor is scaled by the same
 * ratio first). Without weights (SALES, VIEWER) it says the score comes from the reasons listed, without figures.
 */
export function scoreExplanation(score: number | null | undefined, factors: readonly CreditFactor[]): string | null {
  if (score == null) return null;
  if (!factors.length) return `Score ${score} of 100 (0 = safest): nothing weighs on it.`;
  const n = factors.length;
  const reasons = `${n} ${n === 1 ? 'reason' : 'reasons'}`;
  if (factors.some((f) => f.weight == null)) return `Score ${score} of 100 (0 = safest), formed by the ${reasons} below; the credit team sees each one’s points.`;
  const sum = factors.reduce((total, f) => total + (f.weight ?? 0), 0);
  const reductions = factors.some((f) => (f.weight ?? 0) < 0) ? ' (good news from the field takes points off)' : '';
  if (sum === score) return `Score ${score} of 100 (0 = safest) = the points of the ${reasons} below added up${reductions}.`;
  return `Score ${score} of 100 (0 = safest); the ${reasons} below add up to ${sum}.`;
}

/** The factors that explain the score, heaviest first. */
export function topFactors(factors: readonly CreditFactor[], count = 3): CreditFactor[] {
  return [...factors].sort((a, b) => (b.weight ?? 0) - (a.weight ?? 0)).slice(0, count);
}

/** A level's letter (the toggle, the switcher's badge): beside its colour, so colour is never the only cue. */
export const LEVEL_LETTER: Readonly<Record<RiskLevel, string>> = { LOW: 'L', MODERATE: 'M', HIGH: 'H', CRITICAL: 'C' };

export const SEVERITY_LABEL: Readonly<Record<number, string>> = {
  1: 'Worth knowing',
  2: 'Concerning',
  3: 'Act now',
};

export function severityLabel(severity: number): string {
  return SEVERITY_LABEL[severity] ?? `Severity ${severity}`;
}
