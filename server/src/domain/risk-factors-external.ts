/** Risk factors from outside the ledger and the field: credit-report scores, watch lists, a credit hold. */
import { dayInWords, toDay } from './calendar.js';
import type { CreditReport, WatchMatch } from './credit-inputs.js';
import { capPoints, type RawFactor } from './risk-factor.js';
import { CREDIT_REPORT_POINTS as C, ON_HOLD_POINTS, WATCHLIST_POINTS as WL } from './risk-weights.js';

/** A drop of the latest score from the best one in the year before it, and a latest score in a high-risk band. */
export function creditReportFactors(report: CreditReport | null | undefined, asOfDay: number): RawFactor[] {
  if (!report) return [];
  const { min, max } = report.scale ?? { min: 0, max: 100 };
  if (!(max > min)) return [];
  const scale = report.scale ? ` (scale ${min}–${max})` : ' of 100';
  const history = report.history
    .map((p) => ({ day: toDay(p.at), raw: p.score, score: ((p.score - min) / (max - min)) * 100 }))
    .filter((p) => p.day <= asOfDay && Number.isFinite(p.score))
    .sort((a, b) => a.day - b.day);
  const latest = history.at(-1);
  if (!latest) return [];

  const factors: RawFactor[] = [];
  const before = history.filter((p) => p !== latest && p.day >= latest.day - C.lookbackDays);
  const best = before.reduce<(typeof history)[number] | null>((a, b) => (a === null || b.score > a.score ? b : a), null);
  if (best && best.score - latest.score >= C.minDrop)
    factors.push({
      code: 'CREDIT_SCORE_DROP',
      label: 'Credit score dropped',
      group: 'CREDIT_REPORT',
      points: Math.min(C.dropMaxPoints, (best.score - latest.score) * C.pointsPerPointDropped),
      detail: `Credit score fell from ${best.raw} to ${latest.raw}${scale} between ${dayInWords(best.day)} and ${dayInWords(latest.day)}`,
      // Bureau scores are credit's figures (creditFigures): sales reads the fact.
      salesDetail: 'The credit report score fell',
    });
  if (latest.score < C.lowScoreBelow)
    factors.push({
      code: 'CREDIT_SCORE_LOW',
      label: 'Low credit score',
      group: 'CREDIT_REPORT',
      points: C.lowScorePoints,
      detail: `Latest credit score is ${latest.raw}${scale}, on ${dayInWords(latest.day)}`,
      salesDetail: 'The latest credit report score is low',
    });
  return factors;
}

/** One factor per distinct watch-list match, all together capped. */
export function watchlistFactors(matches: readonly WatchMatch[]): RawFactor[] {
  const seen = new Set<string>();
  const factors: RawFactor[] = [];
  for (const m of matches) {
    const key = `${m.kind}:${m.value.toLowerCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const detail = m.reason ? `${m.value}: ${m.reason}` : `${m.value} is on the watch list`;
    factors.push({
      code: `WATCHLIST_${m.kind}`,
      label: m.kind === 'INDUSTRY' ? 'Industry on watch list' : 'Country on watch list',
      group: 'WATCHLIST',
      points: WL[m.kind],
      detail,
      // The watch list's own words (shown to everyone on the watch-list alert too).
      salesDetail: detail,
    });
  }
  return capPoints(factors, WL.maxPoints);
}

export function onHoldFactor(onHold: boolean): RawFactor[] {
  return onHold ? [{ code: 'ON_HOLD', label: 'On credit hold', group: 'HOLD', points: ON_HOLD_POINTS, detail: 'Credit has put the account on hold', salesDetail: 'Credit has put the account on hold' }] : [];
}
