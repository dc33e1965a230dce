/**
 * Runs the model's public functions over a verdict ledger (verdict-ledgers.ts) and renders the verdicts as a
 * Markdown table, so a change of the model is a diff of that table. Reads the behaviour defensively: fields
 * such as `creditBalance`, `paidDaysBeyondTerms` and the per-currency balances are being reworked (issue 10),
 * and the table must keep working across that change.
 */
import { evaluateAlertRules } from './alert-rules.js';
import type { CurrencyBalance, PaymentBehaviour } from './behaviour-types.js';
import { formatMoney, type MinorUnits, parseMoney } from './money.js';
import { computePaymentBehaviour } from './payment-behaviour.js';
import { assessCredit } from './risk-score.js';
import { describeTrend } from './trend-sentence.js';
import type { ExpectedVerdict, VerdictLedger } from './verdict-ledgers.js';

export interface VerdictFactor {
  code: string;
  label: string;
  weight: number;
  detail: string;
}

export interface VerdictRow {
  key: string;
  level: string;
  score: number;
  trend: string;
  /** The trend as the panel's headline says it to the credit team: what it compared, with the per-invoice averages. */
  trendSentence: string;
  /** The factor with the largest positive weight; null when none adds to the score. */
  mainFactor: VerdictFactor | null;
  factors: VerdictFactor[];
  /** Account currency, other currencies converted with the ledger's rates. */
  exposure: MinorUnits;
  overdue: MinorUnits;
  creditBalance: MinorUnits | null;
  /** What could not be converted (no rate), per currency, in that currency. */
  unconverted: Record<string, { exposure: MinorUnits; overdue: MinorUnits }>;
  available: MinorUnits | null;
  paidDbt: number | null;
  /** The headline "days beyond terms" the UI shows. */
  headlineDbt: number | null;
  alerts: { rule: string; title: string; detail: string }[];
}

type Balance = Pick<CurrencyBalance, 'currency' | 'exposure' | 'overdueAmount' | 'creditBalance'>;
/** The behaviour as it is today, or as the rework may leave it: every field read with a fallback. */
type LooseBehaviour = Partial<PaymentBehaviour> & { currency: string; currencies?: readonly Balance[] };

/**
 * Per-currency balances: `currencies` (all currencies, unconverted) when the model gives it, else today's
 * headline (account currency) plus `otherCurrencies`. Assumes the account-currency entry holds that currency
 * only, so converting the others and adding them counts nothing twice.
 */
function balances(b: LooseBehaviour): { own: Balance; others: Balance[] } {
  const headline: Balance = { currency: b.currency, exposure: b.exposure ?? 0, overdueAmount: b.overdueAmount ?? 0, creditBalance: b.creditBalance ?? 0 };
  if (b.currencies) {
    return { own: b.currencies.find((c) => c.currency === b.currency) ?? headline, others: b.currencies.filter((c) => c.currency !== b.currency) };
  }
  return { own: headline, others: [...(b.otherCurrencies ?? [])] };
}

export function verdictRow(ledger: VerdictLedger): VerdictRow {
  const { input, asOf } = ledger;
  const behaviour = computePaymentBehaviour(input, asOf);
  const assessment = assessCredit({ behaviour, signals: [], watchMatches: [], onHold: false, asOf });
  const alerts = evaluateAlertRules({
    account: { id: ledger.key },
    behaviour,
    signals: [],
    watchMatches: [],
    review: { lastReviewedAt: null, nextDueAt: null },
    asOf,
  });

  const b = behaviour as LooseBehaviour;
  const { own, others } = balances(b);
  const rates = input.rates ?? {};
  let exposure = own.exposure;
  let overdue = own.overdueAmount;
  let creditBalance = b.creditBalance === undefined ? null : own.creditBalance;
  const unconverted: VerdictRow['unconverted'] = {};
  for (const c of others) {
    const rate = rates[c.currency];
    if (rate === undefined) {
      unconverted[c.currency] = { exposure: c.exposure, overdue: c.overdueAmount };
      continue;
    }
    exposure += Math.round(c.exposure * rate);
    overdue += Math.round(c.overdueAmount * rate);
    if (creditBalance !== null) creditBalance += Math.round((c.creditBalance ?? 0) * rate);
  }

  const factors = assessment.factors.map(({ code, label, weight, detail }) => ({ code, label, weight, detail }));
  const top = factors[0];
  return {
    key: ledger.key,
    level: assessment.riskLevel,
    score: assessment.riskScore,
    trend: String(b.trend),
    trendSentence: describeTrend(behaviour.trend, behaviour.trendDetail, true),
    mainFactor: top && top.weight > 0 ? top : null,
    factors,
    exposure,
    overdue,
    creditBalance,
    unconverted,
    available: b.availableCredit ?? null,
    // Paid DBT is `paidDaysBeyondTerms` today; once the headline becomes the paid figure it may be the only one.
    paidDbt: 'paidDaysBeyondTerms' in b ? (b.paidDaysBeyondTerms ?? null) : (b.daysBeyondTerms ?? null),
    headlineDbt: b.daysBeyondTerms ?? null,
    alerts: alerts.map(({ rule, title, detail }) => ({ rule, title, detail })),
  };
}

const regexText = (r: RegExp) => `/${r.source}/${r.flags}`;
const dbtText = (n: number | null) => (n === null ? '–' : n.toFixed(1));
const sameDays = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) < 0.05);

/** Where the row differs from what a credit manager expects, one readable line each; empty when it agrees. */
export function compareVerdict(row: VerdictRow, expected: ExpectedVerdict): string[] {
  const out: string[] = [];
  const levels: readonly string[] = typeof expected.level === 'string' ? [expected.level] : expected.level;
  if (!levels.includes(row.level)) out.push(`level ${row.level} (${row.score}), expected ${levels.join(' or ')}`);
  if (row.trend !== expected.trend) out.push(`trend ${row.trend}, expected ${expected.trend}`);

  const main = row.mainFactor?.code ?? null;
  const want = expected.mainFactor;
  const mainOk = want === null ? main === null : main !== null && (typeof want === 'string' ? main === want : want.test(main));
  if (!mainOk) out.push(`main factor ${main ?? 'none'}, expected ${want === null ? 'none' : typeof want === 'string' ? want : regexText(want)}`);

  const sentences = [`Trend: ${row.trendSentence}`, ...row.factors.map((f) => `${f.label}: ${f.detail}`), ...row.alerts.map((a) => `${a.title}: ${a.detail}`)];
  for (const r of expected.mustNotSay) {
    const said = sentences.find((s) => r.test(s));
    if (said !== undefined) out.push(`says "${said}" (must not match ${regexText(r)})`);
  }
  for (const r of expected.mustSay ?? []) if (!sentences.some((s) => r.test(s))) out.push(`no sentence matches ${regexText(r)}`);

  const money = (name: string, actual: MinorUnits | null, wanted: string) => {
    if (actual !== parseMoney(wanted)) out.push(`${name} ${actual === null ? 'missing' : formatMoney(actual)}, expected ${wanted}`);
  };
  money('exposure', row.exposure, expected.exposure);
  money('overdue', row.overdue, expected.overdue);
  money('credit balance', row.creditBalance, expected.creditBalance);
  if (expected.available !== undefined) money('available', row.available, expected.available);
  for (const [currency, amount] of Object.entries(expected.otherOverdue ?? {}))
    money(`overdue ${currency} (unconverted)`, row.unconverted[currency]?.overdue ?? 0, amount);
  if (!sameDays(row.paidDbt, expected.paidDbt)) out.push(`paid DBT ${dbtText(row.paidDbt)}, expected ${dbtText(expected.paidDbt)}`);
  if (expected.headlineDbt !== undefined && !sameDays(row.headlineDbt, expected.headlineDbt))
    out.push(`headline DBT ${dbtText(row.headlineDbt)}, expected ${dbtText(expected.headlineDbt)}`);

  const rules = [...new Set(row.alerts.map((a) => a.rule))].sort();
  const wantedRules = [...expected.alerts].sort();
  if (rules.join(',') !== wantedRules.join(',')) out.push(`alerts [${rules.join(', ')}], expected [${wantedRules.join(', ')}]`);
  return out;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

function moneyCell(amount: MinorUnits | null, unconverted: Record<string, MinorUnits> = {}): string {
  const extra = Object.entries(unconverted)
    .filter(([, v]) => v !== 0)
    .map(([c, v]) => ` + ${c} ${formatMoney(v)}`)
    .join('');
  return (amount === null ? '–' : formatMoney(amount)) + extra;
}

const pick = (u: VerdictRow['unconverted'], field: 'exposure' | 'overdue') => Object.fromEntries(Object.entries(u).map(([c, v]) => [c, v[field]]));

/** The verdicts as a Markdown table: one line per ledger, amounts in the account currency (others converted, or shown apart). */
export function renderVerdictTable(rows: readonly VerdictRow[]): string {
  const head = ['key', 'level (score)', 'trend', 'trend sentence (credit)', 'main factor and its sentence', 'exposure', 'overdue', 'credit balance', 'paid DBT', 'alerts'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const r of rows) {
    const main = r.mainFactor ? `${r.mainFactor.code} (${r.mainFactor.weight}): ${r.mainFactor.detail}` : '–';
    const cells = [
      r.key,
      `${r.level} (${r.score})`,
      r.trend,
      r.trendSentence,
      main,
      moneyCell(r.exposure, pick(r.unconverted, 'exposure')),
      moneyCell(r.overdue, pick(r.unconverted, 'overdue')),
      moneyCell(r.creditBalance),
      dbtText(r.paidDbt),
      r.alerts.map((a) => a.rule).join(', ') || '–',
    ];
    lines.push(`| ${cells.map(cell).join(' | ')} |`);
  }
  return `${lines.join('\n')}\n`;
}
