/**
 * One account's payment behaviour as of a date, from that account's invoices and payments only — so an
 * import recomputes just the accounts it touched, and the result (plain JSON) is stored as their metrics.
 * Headline balances (exposure, overdue, aging, credit balance) are the account currency's; `currencies` has every
 * currency's own, and `allCurrencies` their sum at the given rates (what the limit uses). Payment timing (ADP,
 * DBT) counts other currencies at their rate; a currency without a rate is never converted at a made-up one.
 */
import { ageInvoices, currencyBalance, emptyAging, overdueInvoices } from './aging.js';
import type { ConvertedTotals, CurrencyBalance, PaymentBehaviour, PaymentBehaviourInput, PurchasesVsAnticipated } from './behaviour-types.js';
import { type DateInput, dayToIso, monthOfDay, monthStartDay, toDay } from './calendar.js';
import { type DisputedItem, disputedInvoiceIds } from './disputes.js';
import { type SettledInvoice, type Settlement, settleInvoices } from './invoice-settlement.js';
import { bestPossibleDso, countbackDso, monthlySeries, paymentTiming, timingSamples } from './payment-timing.js';
import { paymentTrend } from './payment-trend.js';
import { LEDGER_PATTERNS } from './risk-weights.js';
import { detectSmallNotLarge } from './small-not-large.js';

/** Net purchases (invoices − credit notes) over the complete months before asOf's month vs the plan. */
function purchasesVsAnticipated(
  invoices: readonly SettledInvoice[],
  anticipatedMonthly: number | null,
  asOfDay: number,
): PurchasesVsAnticipated | null {
  if (anticipatedMonthly === null || anticipatedMonthly <= 0) return null;
  const count = LEDGER_PATTERNS.purchasesMonths;
  const thisMonth = monthOfDay(asOfDay);
  const months = Array.from({ length: count }, (_, i) => monthOfDay(monthStartDay(thisMonth, i - count)));
  const inWindow = new Set(months);
  const net = invoices.filter((inv) => inWindow.has(monthOfDay(inv.issuedDay))).reduce((sum, inv) => sum + inv.amount, 0);
  const actualMonthlyAverage = Math.round(net / count);
  return { months, actualMonthlyAverage, anticipatedMonthly, ratio: Math.round((actualMonthlyAverage / anticipatedMonthly) * 1000) / 1000 };
}

/** Sums every currency's figures in the account currency at the given rates; currencies without one are named. */
export function convertedTotals(currencies: readonly CurrencyBalance[]): ConvertedTotals {
  const total: ConvertedTotals = { exposure: 0, openInvoiceAmount: 0, overdueAmount: 0, creditBalance: 0, aging: emptyAging(), unconverted: [] };
  for (const c of currencies) {
    const rate = c.rateToAccountCurrency;
    if (rate === null) {
      if (c.openInvoiceAmount > 0 || c.creditBalance > 0) total.unconverted.push(c.currency);
      continue;
    }
    const at = (amount: number) => Math.round(amount * rate);
    total.exposure += at(c.exposure);
    total.openInvoiceAmount += at(c.openInvoiceAmount);
    total.overdueAmount += at(c.overdueAmount);
    total.creditBalance += at(c.creditBalance);
    for (const k of Object.keys(total.aging) as (keyof ConvertedTotals['aging'])[]) total.aging[k] += at(c.aging[k]);
  }
  return total;
}

/**
 * The account's ledger settled as of a day, as the behaviour reads it. Disputed invoices are owed but not late
 * (disputes.ts): unassigned credit is never applied to them (invoice-settlement.ts). The server settles once and
 * passes the result both here and to the stored per-invoice outstanding, so the two cannot differ.
 */
export function settleLedger(input: PaymentBehaviourInput, asOf: DateInput): Settlement {
  return settleInvoices(input.invoices, input.payments, input.termsDays, toDay(asOf), disputedInvoiceIds(input.disputes ?? []));
}

export function computePaymentBehaviour(input: PaymentBehaviourInput, asOf: DateInput, settlement: Settlement = settleLedger(input, asOf)): PaymentBehaviour {
  const asOfDay = toDay(asOf);
  // Exposure keeps disputed invoices; overdue and aging do not.
  const open = input.disputes ?? [];
  const disputedIds = disputedInvoiceIds(open);
  const mine = settlement.invoices.filter((inv) => inv.currency === input.currency);
  const undisputed = mine.filter((inv) => !disputedIds.has(inv.id));
  const undisputedAll = settlement.invoices.filter((inv) => !disputedIds.has(inv.id));
  const cash = settlement.applications.filter((a) => a.source === 'CASH');
  const samples = timingSamples(settlement.applications, input.currency, input.rates);

  const balance = currencyBalance(input.currency, mine, asOfDay, disputedIds, 1);
  const byId = new Map(settlement.invoices.map((inv) => [inv.id, inv]));
  const disputes: DisputedItem[] = open.map((d) => {
    const invoices = d.invoiceIds.map((id) => byId.get(id)).filter((inv) => inv !== undefined);
    return {
      id: d.id,
      kind: d.kind,
      ownerTeam: d.ownerTeam,
      currency: invoices[0]?.currency ?? d.currency,
      amount: d.invoiceIds.length ? invoices.reduce((sum, inv) => sum + inv.outstanding, 0) : (d.amount ?? 0),
      invoiceCount: d.invoiceIds.length,
    };
  });
  // An amount names no invoice: it is shown as disputed, and overdue, aging and the overdue factors stay as they are.
  // At most what is still owed on invoices not disputed by name: a figure someone typed never exceeds the ledger.
  const openUndisputed = balance.openInvoiceAmount - balance.disputedAmount;
  const toldByAmount = disputes.filter((d) => d.invoiceCount === 0 && d.currency === input.currency).reduce((sum, d) => sum + d.amount, 0);
  const disputedByAmount = Math.min(toldByAmount, Math.max(0, openUndisputed));
  const overdueAmount = balance.overdueAmount;
  // The trend is per invoice (contract §2), so every currency's paid invoices count there, by cash only.
  const { trend, detail } = paymentTrend(undisputedAll, cash, asOfDay);
  const others = [...new Set(settlement.invoices.map((inv) => inv.currency))].filter((c) => c !== input.currency).sort();
  const otherCurrencies = others.map((c) =>
    currencyBalance(
      c,
      settlement.invoices.filter((inv) => inv.currency === c),
      asOfDay,
      disputedIds,
      input.rates?.[c] ?? null,
    ),
  );
  const currencies = [balance, ...otherCurrencies];
  const allCurrencies = convertedTotals(currencies);
  const limit = input.creditLimit;
  const paidByCash = new Set(cash.map((a) => a.invoiceId));

  return {
    asOf: dayToIso(asOfDay),
    currency: input.currency,
    termsDays: input.termsDays,
    creditLimit: limit,
    exposure: balance.exposure,
    openInvoiceAmount: balance.openInvoiceAmount,
    creditBalance: balance.creditBalance,
    // The limit covers what the customer owes in every currency (converted; a currency without a rate cannot be).
    availableCredit: limit === null ? null : limit - allCurrencies.exposure,
    overLimit: limit !== null && allCurrencies.exposure > limit,
    overdueAmount,
    disputedAmount: balance.disputedAmount + disputedByAmount,
    disputedInvoiceIds: [...disputedIds].filter((id) => byId.has(id)).sort(),
    disputes,
    overdueShare: openUndisputed > 0 ? Math.round((overdueAmount / openUndisputed) * 1000) / 1000 : null,
    oldestOverdueDays: balance.oldestOverdueDays,
    overdueInvoices: overdueInvoices(undisputedAll, asOfDay),
    aging: ageInvoices(undisputed, asOfDay),
    ...paymentTiming(samples, asOfDay),
    dso: countbackDso(mine, balance.exposure, asOfDay),
    bestPossibleDso: bestPossibleDso(mine, balance.exposure, asOfDay),
    monthly: monthlySeries(
      mine,
      settlement.payments.filter((p) => p.currency === input.currency),
      samples,
      asOfDay,
    ),
    trend,
    trendDetail: detail,
    smallNotLarge: detectSmallNotLarge(mine, asOfDay, disputedIds),
    purchasesVsAnticipated: purchasesVsAnticipated(mine, input.anticipatedMonthlyPurchases, asOfDay),
    lastPaymentAt: settlement.lastPaymentDay === null ? null : dayToIso(settlement.lastPaymentDay),
    otherCurrencies,
    currencies,
    allCurrencies,
    limitUtilisation: limit !== null && limit > 0 ? Math.round((allCurrencies.exposure / limit) * 1000) / 1000 : null,
    counts: {
      invoices: settlement.invoices.length,
      openInvoices: settlement.invoices.filter((inv) => !inv.isCreditNote && inv.outstanding > 0).length,
      payments: settlement.payments.length,
      ignoredPayments: settlement.ignoredPayments,
      paidInvoices: settlement.invoices.filter((inv) => !inv.isCreditNote && inv.settledDay !== null && paidByCash.has(inv.id)).length,
    },
  };
}
