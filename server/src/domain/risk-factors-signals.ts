/**
 * Risk factors from open signals: what sales and credit saw or heard, weighted by severity, age
 * (half-life), source and author, one factor per signal type so "3 people said it is quiet" is one
 * sentence. Positive signals come back apart: the caller decides how much they may take off.
 */
import { SIGNAL_TYPE_INFO, type SignalSource, type SignalType } from '@earshot/shared';
import { toDay } from './calendar.js';
import type { AuthorRole, SignalFact } from './credit-inputs.js';
import { capPoints, type RawFactor } from './risk-factor.js';
import { SIGNAL_POINTS as W } from './risk-weights.js';

/** Computed from the ledger, which the ledger factors already count: scoring the signal too would count it twice. */
const LEDGER_SIGNAL_TYPES: ReadonlySet<SignalType> = new Set(['PAYMENT_SLIPPING', 'SMALL_INVOICES_ONLY']);

const SOURCE_WORDS: Record<SignalSource, string> = { SALES: 'sales', CREDIT: 'credit', SYSTEM: 'the system', IMPORT: 'an import' };

function ago(age: number): string {
  return age === 0 ? 'today' : age === 1 ? 'yesterday' : `${age} days ago`;
}

/** When, without a figure (the SALES view reads reasons without amounts, days, counts or scores). */
function agoInWords(age: number): string {
  if (age <= 1) return ago(age);
  if (age <= 7) return 'in the last week';
  if (age <= 31) return 'in the last month';
  if (age <= 92) return 'in the last few months';
  return 'in the last year'; // older signals do not count (maxAgeDays)
}

function byWhom(s: SignalFact): string {
  return s.authorRole === 'ACCOUNT_MANAGER' ? 'the account manager' : SOURCE_WORDS[s.source];
}

interface Weighed {
  signal: SignalFact;
  age: number;
  points: number;
}

/** A signal's points before grouping; null when it does not count (resolved, too old, future, ledger-derived). */
export function signalPoints(s: SignalFact, asOfDay: number): { age: number; points: number } | null {
  if (s.status !== 'OPEN' && s.status !== 'ACKNOWLEDGED') return null;
  if (LEDGER_SIGNAL_TYPES.has(s.type)) return null;
  const age = asOfDay - toDay(s.observedAt);
  if (age < 0 || age > W.maxAgeDays) return null;
  const role: AuthorRole | null = s.authorRole ?? null;
  const points =
    W.bySeverity[s.severity] *
    0.5 ** (age / W.halfLifeDays) *
    W.bySource[s.source] *
    (role === null ? 1 : W.byAuthorRole[role]) *
    W.bySentiment[SIGNAL_TYPE_INFO[s.type].sentiment];
  return { age, points };
}

function factorFor(type: SignalType, items: Weighed[]): RawFactor {
  // Strongest first; each further report of the same type counts less (repeatFactor^n).
  items.sort((a, b) => Math.abs(b.points) - Math.abs(a.points) || a.age - b.age);
  const points = items.reduce((sum, w, i) => sum + w.points * W.repeatFactor ** i, 0);
  const latest = items.reduce((a, b) => (b.age < a.age ? b : a));
  const what = items.length === 1 ? 'Reported' : `${items.length} reports, latest`;
  const detail = `${what} by ${byWhom(latest.signal)} ${ago(latest.age)} (severity ${latest.signal.severity})`;
  // Who reported it and roughly when: no days, count or severity for the SALES view.
  const salesDetail = `${items.length === 1 ? 'Reported' : 'Several reports, the latest'} by ${byWhom(latest.signal)} ${agoInWords(latest.age)}`;
  return {
    code: `SIGNAL_${type}`,
    label: SIGNAL_TYPE_INFO[type].label,
    group: 'SIGNALS',
    points,
    detail,
    salesDetail,
  };
}

export function signalFactors(signals: readonly SignalFact[], asOfDay: number): { negative: RawFactor[]; positive: RawFactor[] } {
  const byType = new Map<SignalType, Weighed[]>();
  for (const signal of signals) {
    const weighed = signalPoints(signal, asOfDay);
    if (weighed === null || weighed.points === 0) continue;
    byType.set(signal.type, [...(byType.get(signal.type) ?? []), { signal, ...weighed }]);
  }
  const factors = [...byType].map(([type, items]) => factorFor(type, items));
  return {
    negative: capPoints(
      factors.filter((f) => f.points > 0),
      W.negativeMaxPoints,
    ),
    positive: factors.filter((f) => f.points < 0),
  };
}
