/** How risk and trend read in the panel: colours (as CSS custom properties) and words, never colour alone. */
import { type PaymentTrend, RISK_LEVEL_LABEL, RISK_LEVELS, type RiskLevel } from '@earshot/shared';
import type { CreditFactor } from '@/lib/types';

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

export const SEVERITY_LABEL: Readonly<Record<number, string>> = {
  1: 'Worth knowing',
  2: 'Concerning',
  3: 'Act now',
};

export function severityLabel(severity: number): string {
  return SEVERITY_LABEL[severity] ?? `Severity ${severity}`;
}
