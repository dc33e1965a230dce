/**
 * The credit brain: pure functions over plain data (no database, no GraphQL, no I/O). The server persists
 * their outputs (all JSON-serialisable) and recomputes them per account after each import or signal.
 */
export type { DateInput, IsoDate, IsoMonth } from './calendar.js';
export { dayToIso, parseIsoDay, toDay } from './calendar.js';
export { CURRENCY_CODES, crossRates, normalizeCurrency } from './currency.js';
export type { MinorUnits } from './money.js';
export { describeMoney, formatMoney, parseMoney, tryParseMoney } from './money.js';

export type * from './ledger-rows.js';
export { validateLedgerBatch } from './ledger-validation.js';

export type * from './behaviour-types.js';
export { computePaymentBehaviour, settleLedger } from './payment-behaviour.js';
export {
  DISPUTE_KIND_WORDS,
  type DisputedItem,
  type DisputeFact,
  describeDisputed,
  describeDisputeInWords,
  disputedInvoiceIds,
} from './disputes.js';
export { type CadenceInput, daysPastCadence, describeQuiet } from './contact-cadence.js';

export type * from './credit-inputs.js';
export type { CreditFactor, FactorGroup } from './risk-factor.js';
export { assessCredit, type CreditAssessment, type CreditAssessmentInput, riskLevelForScore } from './risk-score.js';
export * as RISK_WEIGHTS from './risk-weights.js';

export {
  type AlertCondition,
  type AlertEvidence,
  type AlertRuleInput,
  type AlertSettings,
  DEFAULT_ALERT_SETTINGS,
  evaluateAlertRules,
} from './alert-rules.js';
export { ALERT_RULE_POLICY, type AlertReconciliation, type ExistingAlert, reconcileAlerts } from './alert-reconcile.js';

export {
  nextReviewDue,
  type PlannedReview,
  planMonthlyReviews,
  REVIEW_INTERVAL_DAYS,
  type ReviewCandidate,
  reviewIntervalDays,
} from './review-schedule.js';
