/**
 * Alert rules: which conditions on an account deserve a person's attention now. Pure: evaluated after every
 * import or signal; `reconcileAlerts` (alert-reconcile.ts) turns the conditions into creates, keeps and
 * auto-resolves against the alerts already open.
 *
 * dedupKey: stable while the same condition persists, so re-evaluating never raises a duplicate. State rules
 * (slipping, small-not-large, over limit, overdue, negative-signal burst) key on the account; a watch-list
 * match keys on the entry; contact cadence keys on the account (it clears when someone records a contact); event rules (bank change, corporate event) key on the signal, so a new signal
 * is a new alert; an overdue review keys on its due date, so the next missed review is a new alert.
 */
import { type AlertRule, SIGNAL_TYPE_INFO, type Severity, type SignalType } from '@earshot/shared';
import type { OverdueInvoice, PaymentBehaviour } from './behaviour-types.js';
import { type DateInput, dayInWords, dayToIso, toDay } from './calendar.js';
import { type CadenceInput, daysPastCadence, describeQuiet } from './contact-cadence.js';
import type { SignalFact, WatchMatch } from './credit-inputs.js';
import { describeMoney, formatMoney } from './money.js';
import { countOf, describeBaseline, describeLateness, largeUnpaid, limitUse } from './risk-factors-ledger.js';
import { LEDGER_POINTS } from './risk-weights.js';

export interface AlertSettings {
  /** OVERDUE fires for an invoice more than this many days past due. */
  overdueDays: number;
  /** NEGATIVE_SIGNALS fires at this many open negative signals within the window. */
  negativeSignalCount: number;
  negativeSignalWindowDays: number;
  /** Bank-change and corporate-event signals older than this raise no alert (an imported history is not news). */
  eventWindowDays: number;
}

export const DEFAULT_ALERT_SETTINGS: Readonly<AlertSettings> = { overdueDays: 60, negativeSignalCount: 3, negativeSignalWindowDays: 30, eventWindowDays: 90 };

export interface AlertEvidence {
  invoiceIds?: string[];
  signalIds?: string[];
  metrics?: Record<string, number | string | boolean | null>;
}

export interface AlertCondition {
  rule: AlertRule;
  dedupKey: string;
  severity: Severity;
  title: string;
  detail: string;
  evidence: AlertEvidence;
  /** Who owns the alert: the credit owner (default) or the account manager (contact cadence). */
  owner?: 'CREDIT_OWNER' | 'ACCOUNT_MANAGER';
}

export interface AlertRuleInput {
  account: { id: string };
  behaviour: PaymentBehaviour | null;
  signals: readonly SignalFact[];
  watchMatches: readonly WatchMatch[];
  review: { lastReviewedAt: DateInput | null; nextDueAt: DateInput | null };
  /** Key account and contact cadence (CONTACT_CADENCE); absent: the rule is not evaluated. */
  contact?: CadenceInput;
  asOf: DateInput;
  settings?: Partial<AlertSettings>;
}

const CORPORATE_EVENTS: ReadonlySet<SignalType> = new Set(['MERGER_ACQUISITION', 'LEADERSHIP_CHANGE']);
// Raised from the ledger by the system; they have their own rules and must not also count as field news.
const LEDGER_SIGNALS: ReadonlySet<SignalType> = new Set(['PAYMENT_SLIPPING', 'SMALL_INVOICES_ONLY']);

/** Units of the account currency per unit of `currency`; null when no rate is known (behaviour before currencies: own only). */
function rateOf(b: PaymentBehaviour, currency: string): number | null {
  if (currency === b.currency) return 1;
  return b.currencies?.find((c) => c.currency === currency)?.rateToAccountCurrency ?? null;
}

/** OVERDUE: invoices of every currency more than `overdueDays` past due, with a detail and metrics per currency. */
function overdueCondition(id: string, b: PaymentBehaviour, settings: AlertSettings): AlertCondition | null {
  const overdue = b.overdueInvoices.filter((inv) => inv.daysPastDue > settings.overdueDays);
  if (overdue.length === 0) return null;
  const byCurrency = new Map<string, OverdueInvoice[]>();
  for (const inv of overdue) {
    const currency = inv.currency ?? b.currency;
    byCurrency.set(currency, [...(byCurrency.get(currency) ?? []), inv]);
  }
  // The account's own currency first, then the others alphabetically (as `currencies` lists them).
  const currencies = [...byCurrency.keys()].sort((x, y) => (x === b.currency ? -1 : y === b.currency ? 1 : x < y ? -1 : 1));
  const oldest = overdue[0]!.daysPastDue;
  let converted = 0;
  const metrics: AlertEvidence['metrics'] = {};
  const parts = currencies.map((currency) => {
    const invoices = byCurrency.get(currency)!;
    const amount = invoices.reduce((sum, inv) => sum + inv.outstanding, 0);
    const oldestHere = Math.max(...invoices.map((inv) => inv.daysPastDue));
    const rate = rateOf(b, currency);
    if (rate !== null) converted += Math.round(amount * rate);
    metrics[`${currency}.amount`] = amount;
    metrics[`${currency}.oldestDaysPastDue`] = oldestHere;
    metrics[`${currency}.invoiceCount`] = invoices.length;
    const noRate = rate === null ? ` (no ${currency} rate)` : '';
    return `${invoices.length} invoice${invoices.length === 1 ? '' : 's'}, ${describeMoney(amount, currency)} open; the oldest is ${oldestHere} days past due${noRate}`;
  });
  return {
    rule: 'OVERDUE',
    dedupKey: `OVERDUE:${id}`,
    severity: oldest > 2 * settings.overdueDays ? 3 : 2,
    title: `Invoices more than ${settings.overdueDays} days overdue`,
    detail: `${parts.join('; ')}.`,
    evidence: {
      invoiceIds: overdue.map((inv) => inv.id),
      // amount: every currency with a rate, in the account currency; each currency's own figures beside it.
      metrics: { amount: converted, oldestDaysPastDue: oldest, currency: b.currency, ...metrics },
    },
  };
}

function ledgerConditions(id: string, b: PaymentBehaviour, settings: AlertSettings): AlertCondition[] {
  const out: AlertCondition[] = [];
  const money = (amount: number) => describeMoney(amount, b.currency);
  const t = b.trendDetail;
  if (b.trend === 'SLIPPING' && t.change !== null && t.threshold !== null) {
    const before = `${describeBaseline(t.comparison, t.bySize)}${t.bySize ? ',' : ''} ${describeLateness(t.baselineLateness ?? 0)}`;
    out.push({
      rule: 'PAYMENT_SLIPPING',
      dedupKey: `PAYMENT_SLIPPING:${id}`,
      // The size of the change decides how urgent it is, as it decides the points (risk-weights.ts).
      severity: t.change - t.threshold >= LEDGER_POINTS.slippingSevereExcessDays ? 3 : 2,
      title: t.stoppedPaying ? 'Stopped paying' : 'Paying later than usual',
      detail: t.stoppedPaying
        ? `Nothing paid in the last ${t.recentDays} days while ${t.recentInvoiceCount} invoices fell due; ${before}.`
        : `Paying ${t.change} days later than their own norm: last ${t.recentDays} days ${describeLateness(t.recentLateness ?? 0)}, ${before} (average lateness per invoice, not amount-weighted).`,
      evidence: {
        metrics: {
          recentLateness: t.recentLateness,
          baselineLateness: t.baselineLateness,
          change: t.change,
          threshold: t.threshold,
          comparison: t.comparison ?? 'PRIOR_MONTHS',
          bySize: t.bySize ?? false,
          stoppedPaying: t.stoppedPaying ?? false,
        },
      },
    });
  }
  const snl = b.smallNotLarge;
  if (snl.detected)
    out.push({
      rule: 'SMALL_INVOICES_ONLY',
      dedupKey: `SMALL_INVOICES_ONLY:${id}`,
      severity: 3,
      title: 'Paying the small invoices, not the large ones',
      detail: `${countOf(snl.smallPaidInvoiceIds.length, 'smaller invoice')} issued after the large ones ${snl.smallPaidInvoiceIds.length === 1 ? 'was' : 'were'} paid, while ${largeUnpaid(snl.largeUnpaidInvoiceIds.length)}.`,
      evidence: { invoiceIds: [...snl.largeUnpaidInvoiceIds, ...snl.smallPaidInvoiceIds], metrics: { medianAmount: snl.medianAmount } },
    });
  // Exposure in every currency (converted), as the limit factor reads it; LIMIT_NEARLY_USED is a factor, not an alert.
  const { exposure, over } = limitUse(b);
  if (over && b.creditLimit !== null) {
    const overage = b.creditLimit > 0 ? (exposure - b.creditLimit) / b.creditLimit : 1;
    out.push({
      rule: 'OVER_LIMIT',
      dedupKey: `OVER_LIMIT:${id}`,
      severity: overage > 0.2 ? 3 : 2,
      title: 'Over the credit limit',
      detail: `Exposure ${money(exposure)} against a limit of ${money(b.creditLimit)}.`,
      evidence: { metrics: { exposure, creditLimit: b.creditLimit, currency: b.currency } },
    });
  }
  const overdue = overdueCondition(id, b, settings);
  if (overdue) out.push(overdue);
  return out;
}

function signalConditions(id: string, signals: readonly SignalFact[], asOfDay: number, settings: AlertSettings): AlertCondition[] {
  const live = signals
    .filter((s) => s.status === 'OPEN' || s.status === 'ACKNOWLEDGED')
    .map((s) => ({ s, day: toDay(s.observedAt) }))
    .filter(({ day }) => day <= asOfDay)
    .sort((a, b) => a.day - b.day || (a.s.id < b.s.id ? -1 : 1));
  const out: AlertCondition[] = [];
  for (const { s, day } of live) {
    if (asOfDay - day > settings.eventWindowDays) continue;
    if (s.type === 'BANK_CHANGE')
      out.push({
        rule: 'BANK_CHANGE',
        dedupKey: `BANK_CHANGE:${s.id}`,
        severity: 3,
        title: 'Bank details changed',
        detail: `Reported on ${dayInWords(day)}. Confirm the change with a known contact, by phone, before paying out or relying on it.`,
        evidence: { signalIds: [s.id] },
      });
    if (CORPORATE_EVENTS.has(s.type))
      out.push({
        rule: 'CORPORATE_EVENT',
        dedupKey: `CORPORATE_EVENT:${s.id}`,
        severity: s.severity,
        title: SIGNAL_TYPE_INFO[s.type].label,
        detail: `Reported on ${dayInWords(day)}. Events like this can change how soon they pay: give them a call.`,
        evidence: { signalIds: [s.id] },
      });
  }
  const negative = live.filter(
    ({ s, day }) => SIGNAL_TYPE_INFO[s.type].sentiment === 'NEGATIVE' && !LEDGER_SIGNALS.has(s.type) && asOfDay - day < settings.negativeSignalWindowDays,
  );
  if (negative.length >= settings.negativeSignalCount)
    out.push({
      rule: 'NEGATIVE_SIGNALS',
      dedupKey: `NEGATIVE_SIGNALS:${id}`,
      severity: negative.some(({ s }) => s.severity === 3) || negative.length >= 2 * settings.negativeSignalCount ? 3 : 2,
      title: 'Several warning signs at once',
      detail: `${negative.length} negative signals in the last ${settings.negativeSignalWindowDays} days: ${[...new Set(negative.map(({ s }) => SIGNAL_TYPE_INFO[s.type].label))].join(', ')}.`,
      evidence: { signalIds: negative.map(({ s }) => s.id), metrics: { count: negative.length } },
    });
  return out;
}

export function evaluateAlertRules(input: AlertRuleInput): AlertCondition[] {
  const settings: AlertSettings = { ...DEFAULT_ALERT_SETTINGS, ...input.settings };
  const asOfDay = toDay(input.asOf);
  const id = input.account.id;
  const out = input.behaviour ? ledgerConditions(id, input.behaviour, settings) : [];
  out.push(...signalConditions(id, input.signals, asOfDay, settings));

  const seenWatch = new Set<string>();
  for (const m of input.watchMatches) {
    const key = `WATCHLIST:${id}:${m.kind}:${m.value.trim().toLowerCase()}`;
    if (seenWatch.has(key)) continue;
    seenWatch.add(key);
    out.push({
      rule: 'WATCHLIST',
      dedupKey: key,
      severity: m.kind === 'COUNTRY' ? 2 : 1,
      title: m.kind === 'COUNTRY' ? `Country on watch list: ${m.value}` : `Industry on watch list: ${m.value}`,
      detail: m.reason || `${m.value} is on the watch list.`,
      evidence: { metrics: { kind: m.kind, value: m.value } },
    });
  }

  if (input.review.nextDueAt != null) {
    const due = toDay(input.review.nextDueAt);
    if (due < asOfDay) {
      const last = input.review.lastReviewedAt == null ? null : dayToIso(toDay(input.review.lastReviewedAt));
      out.push({
        rule: 'REVIEW_OVERDUE',
        dedupKey: `REVIEW_OVERDUE:${id}:${dayToIso(due)}`,
        severity: asOfDay - due > 30 ? 2 : 1,
        title: 'Health check overdue',
        detail: `The review was due on ${dayInWords(due)}; ${last ? `last reviewed on ${dayInWords(last)}` : 'never reviewed'}.`,
        evidence: { metrics: { nextDueAt: dayToIso(due), lastReviewedAt: last, daysOverdue: asOfDay - due } },
      });
    }
  }
  const quiet = input.contact ? daysPastCadence(input.contact, input.asOf) : null;
  if (quiet)
    out.push({
      rule: 'CONTACT_CADENCE',
      dedupKey: `CONTACT_CADENCE:${id}`,
      severity: 1,
      title: 'Key account has gone quiet',
      detail: describeQuiet(quiet),
      evidence: { metrics: { quietDays: quiet.quietDays, cadenceDays: quiet.cadenceDays } },
      owner: 'ACCOUNT_MANAGER',
    });
  return out;
}

/**
 * The alert's detail for people who may not see the ledger's figures (SALES, VIEWER, tokens without
 * `ledger:read`): the condition in words. Rules built on the ledger name amounts, limits, invoice counts and
 * lateness in their detail, so they get a fixed sentence; the other rules' details say nothing from the ledger
 * (a date, the watch list's reason, signal labels everyone sees) and are shown as they are.
 */
export function salesSafeAlertDetail(alert: { rule: AlertRule; title: string; detail: string | null }): string | null {
  switch (alert.rule) {
    case 'PAYMENT_SLIPPING':
      return 'Paying later than their usual timing. The credit team has the figures.';
    case 'SMALL_INVOICES_ONLY':
      return 'Paying the small invoices while large ones stay unpaid. The credit team has the figures.';
    case 'OVER_LIMIT':
      return 'Over its credit limit. The credit team has the figures.';
    case 'OVERDUE': {
      const days = /more than (\d+) days/.exec(alert.title)?.[1] ?? String(DEFAULT_ALERT_SETTINGS.overdueDays);
      // One invoice or several (the credit detail counts them per currency; "invoice(s)" in alerts stored before).
      const count = [...(alert.detail ?? '').matchAll(/(\d+) invoice(?:s|\(s\))?,/g)].reduce((sum, m) => sum + Number(m[1]), 0);
      const which = count === 1 ? 'An invoice is' : 'Several invoices are';
      return `${which} more than ${days} days overdue. The credit team has the figures.`;
    }
    case 'BANK_CHANGE':
    case 'NEGATIVE_SIGNALS':
    case 'WATCHLIST':
    case 'CORPORATE_EVENT':
    case 'REVIEW_OVERDUE':
    case 'CONTACT_CADENCE':
      return alert.detail;
  }
}

/** Evidence metrics that hold money, stored in minor units (cents): `amount`, the limit figures, and each currency's `<CUR>.amount`. */
export function isMoneyMetric(key: string): boolean {
  return key === 'amount' || key === 'exposure' || key === 'creditLimit' || key === 'medianAmount' || /^[A-Z]{3}\.amount$/.test(key);
}

/**
 * The evidence as readers get it: stored money metrics are minor units (cents, the ledger's arithmetic), read out
 * as decimal strings in major units like every other amount of the API ("36000.00", never 3600000). Other metrics,
 * invoice and signal ids pass through. Anything that is not a whole number of cents is left as stored.
 */
export function evidenceForReaders(evidence: unknown): unknown {
  if (evidence === null || typeof evidence !== 'object' || Array.isArray(evidence)) return evidence;
  const e = evidence as AlertEvidence;
  if (!e.metrics) return evidence;
  const metrics: Record<string, number | string | boolean | null> = {};
  for (const [key, value] of Object.entries(e.metrics)) {
    metrics[key] = isMoneyMetric(key) && typeof value === 'number' && Number.isSafeInteger(value) ? formatMoney(value) : value;
  }
  return { ...e, metrics };
}
