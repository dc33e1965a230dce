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
