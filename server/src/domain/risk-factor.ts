/** A reason the risk score is what it is: one readable sentence and the points it contributes. */

export type FactorGroup = 'LEDGER' | 'SIGNALS' | 'CREDIT_REPORT' | 'WATCHLIST' | 'HOLD';

export interface CreditFactor {
  /** Stable machine code, e.g. DAYS_BEYOND_TERMS, SIGNAL_KEY_PERSON_LEFT, WATCHLIST_COUNTRY. */
  code: string;
  label: string;
  group: FactorGroup;
  /** Whole points; negative for what lowers the risk. The weights of a status sum exactly to its score. */
  weight: number;
  /** The sentence a person reads, e.g. "Paying 14 days later than their own norm …". */
  detail: string;
  /**
   * The same reason for people who may not see the ledger's figures (SALES, VIEWER): words, no amounts, days,
   * counts, percentages or scores ("Pays noticeably later than a few months ago").
   */
  salesDetail: string;
}

/** A factor before the final scaling and rounding to whole points. */
export interface RawFactor extends Omit<CreditFactor, 'weight'> {
  points: number;
}

export function sumPoints(factors: readonly RawFactor[]): number {
  return factors.reduce((sum, f) => sum + f.points, 0);
}

/** The same factors scaled so their points sum to `target` (used for caps: the explanation keeps its proportions). */
export function scaleTo(factors: readonly RawFactor[], target: number): RawFactor[] {
  const total = sumPoints(factors);
  if (total === 0) return [...factors];
  return factors.map((f) => ({ ...f, points: (f.points * target) / total }));
}

/** Scale down only when the total exceeds the cap. */
export function capPoints(factors: readonly RawFactor[], cap: number): RawFactor[] {
  return sumPoints(factors) > cap ? scaleTo(factors, cap) : [...factors];
}

/**
 * Whole-point weights that sum exactly to the rounded total (largest-remainder rounding), so "every point
 * is explained" holds after rounding too. Factors left with 0 points are dropped.
 */
export function toWholePoints(factors: readonly RawFactor[]): CreditFactor[] {
  const target = Math.round(sumPoints(factors));
  const floored = factors.map(({ points, ...rest }, i) => ({ ...rest, weight: Math.floor(points), remainder: points - Math.floor(points), i }));
  let deficit = target - floored.reduce((sum, f) => sum + f.weight, 0);
  for (const f of [...floored].sort((a, b) => b.remainder - a.remainder || a.i - b.i)) {
    if (deficit <= 0) break;
    f.weight += 1;
    deficit -= 1;
  }
  return floored
    .filter((f) => f.weight !== 0)
    .map(({ remainder: _r, i: _i, ...f }) => f)
    .sort((a, b) => b.weight - a.weight || (a.code < b.code ? -1 : 1));
}
