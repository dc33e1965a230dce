/**
 * The explainable credit status: a 0–100 risk score that is exactly the sum of its factors' whole-point
 * weights, each with a sentence a person can read, and the level the score falls in.
 *
 * How the parts combine (all numbers in risk-weights.ts):
 * 1. Ledger part, each fact once: paid DBT, trend (slipping by its size), open overdue by age in every
 *    currency, small-not-large, limit nearly used / over limit, purchases vs plan, open disputes (which replace
 *    the dispute / delivery-problem signals while they are open).
 * 2. Negative and neutral OPEN/ACKNOWLEDGED signals (decayed by age), credit-report drops, watch-list
 *    matches and a credit hold add to it.
 * 3. Positive signals subtract, but at most what step 2 added: the score never goes below the ledger part,
 *    because good news from the field does not pay invoices.
 * 4. Above 100, every factor is scaled by the same ratio so the explanation keeps its proportions.
 * 5. At every score, weights are rounded together (largest remainder) to whole points that sum exactly to the
 *    rounded total: a reason's points can move by 1 when an unrelated factor comes or goes (CREDIT-MODEL.md).
 */
import type { RiskLevel } from '@earshot/shared';
import type { PaymentBehaviour } from './behaviour-types.js';
import { type DateInput, dayToIso, toDay } from './calendar.js';
import type { CreditReport, SignalFact, WatchMatch } from './credit-inputs.js';
import { type CreditFactor, type RawFactor, scaleTo, sumPoints, toWholePoints } from './risk-factor.js';
import { creditReportFactors, onHoldFactor, watchlistFactors } from './risk-factors-external.js';
import { ledgerFactors } from './risk-factors-ledger.js';
import { signalFactors } from './risk-factors-signals.js';
import { RISK_LEVEL_THRESHOLDS, SIGNAL_POINTS } from './risk-weights.js';

export interface CreditAssessmentInput {
  /** null when the account has no ledger data yet. */
  behaviour: PaymentBehaviour | null;
  signals: readonly SignalFact[];
  creditReport?: CreditReport | null;
  watchMatches: readonly WatchMatch[];
  onHold: boolean;
  asOf: DateInput;
}

export interface CreditAssessment {
  riskLevel: RiskLevel;
  /** 0–100, equal to the sum of the factors' weights. */
  riskScore: number;
  /** Largest weight first; reductions (negative weights) last. */
  factors: CreditFactor[];
  /** The ledger's share of the score before rounding: the floor positive signals cannot go below. */
  ledgerPoints: number;
  asOf: string;
}

const DISPUTE_SIGNAL_TYPES: ReadonlySet<string> = new Set(['DISPUTE', 'DELIVERY_PROBLEM']);

const LEVELS_HIGH_FIRST: readonly RiskLevel[] = ['CRITICAL', 'HIGH', 'MODERATE', 'LOW'];

export function riskLevelForScore(score: number): RiskLevel {
  return LEVELS_HIGH_FIRST.find((level) => score >= RISK_LEVEL_THRESHOLDS[level]) ?? 'LOW';
}

export function assessCredit(input: CreditAssessmentInput): CreditAssessment {
  const asOfDay = toDay(input.asOf);
  const ledger = input.behaviour ? ledgerFactors(input.behaviour) : [];
  // While the ledger carries an open dispute, its DISPUTED factor speaks for the dispute and delivery-problem
  // signals (openDispute writes one): scoring both would count the same problem twice.
  const disputed = (input.behaviour?.disputes ?? []).length > 0;
  const signals = signalFactors(disputed ? input.signals.filter((s) => !DISPUTE_SIGNAL_TYPES.has(s.type)) : input.signals, asOfDay);
  const additions = [...signals.negative, ...creditReportFactors(input.creditReport, asOfDay), ...watchlistFactors(input.watchMatches), ...onHoldFactor(input.onHold)];

  // Positive signals take off at most their own cap and at most what the non-ledger factors added.
  const reductionRoom = Math.min(SIGNAL_POINTS.positiveMaxReduction, sumPoints(additions));
  const reductions = signals.positive.length === 0 ? [] : scaleTo(signals.positive, -Math.min(reductionRoom, -sumPoints(signals.positive)));

  let all: RawFactor[] = [...ledger, ...additions, ...reductions].filter((f) => f.points !== 0);
  if (sumPoints(all) > 100) all = scaleTo(all, 100);
  // The raw total is within 0–100 here (ledger ≥ 0, reductions ≤ additions, scaled above 100), so the
  // rounded weights' sum is the clamped score itself.
  const factors = toWholePoints(all);
  const riskScore = factors.reduce((sum, f) => sum + f.weight, 0);
  return { riskLevel: riskLevelForScore(riskScore), riskScore, factors, ledgerPoints: Math.round(sumPoints(ledger) * 10) / 10, asOf: dayToIso(asOfDay) };
}
