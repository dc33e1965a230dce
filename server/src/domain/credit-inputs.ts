/** Inputs of the credit status and the alert rules besides the ledger: signals, credit reports, watch lists. */
import type { Role, Severity, SignalSource, SignalStatus, SignalType } from '@earshot/shared';
import type { DateInput } from './calendar.js';

/** The author's role; ACCOUNT_MANAGER = the account's own assigned account manager (whatever their user role). */
export type AuthorRole = Role | 'ACCOUNT_MANAGER';

export interface SignalFact {
  id: string;
  type: SignalType;
  severity: Severity;
  source: SignalSource;
  observedAt: DateInput;
  status: SignalStatus;
  authorRole?: AuthorRole | null;
}

export interface CreditScorePoint {
  at: DateInput;
  score: number;
}

export interface CreditReport {
  /** Scores over time, any order. */
  history: readonly CreditScorePoint[];
  /** The provider's scale (higher = safer); defaults to 0–100. Scores are normalised to 0–100. */
  scale?: { min: number; max: number };
}

export type WatchKind = 'INDUSTRY' | 'COUNTRY';

export interface WatchMatch {
  kind: WatchKind;
  /** The industry or country that matched, e.g. "Construction" or "AR". */
  value: string;
  /** Why it is on the list, written by whoever added it. */
  reason: string;
}
