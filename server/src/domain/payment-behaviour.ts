/**
 * One account's payment behaviour as of a date, from that account's invoices and payments only — so an
 * import recomputes just the accounts it touched, and the result (plain JSON) is stored as their metrics.
 * Headline metrics use the account's currency; invoices in any other currency are reported per currency in
 * `otherCurrencies` and never converted at a made-up rate.
 */
import { ageInvoices, currencyBalance, emptyAging, overdueInvoices } from './aging.js';
import type { ConvertedTotals, CurrencyBalance, PaymentBehaviour, PaymentBehaviourInput, PurchasesVsAnticipated } from './behaviour-types.js';
import { type DateInput, dayToIso, monthOfDay, monthStartDay, toDay } from './calendar.js';
import { type DisputedItem, disputedInvoiceIds } from './disputes.js';
import { type SettledInvoice, settleInvoices } from './invoice-settlement.js';
import { monthlySeries, paymentTiming } from './payment-timing.js';
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

export function computePaymentBehaviour(input: PaymentBehaviourInput, asOf: DateInput): PaymentBehaviour {
  const asOfDay = toDay(asOf);
  const settlement = settleInvoices(input.invoices, input.payments, input.termsDays, asOfDay);
  const mine = settlement.invoices.filter((inv) => inv.currency === input.currency);
  const mineIds = new Set(mine.map((inv) => inv.id));
  const myApplications = settlement.applications.filter((a) => mineIds.has(a.invoiceId));

  // Disputed invoices are owed but not late (disputes.ts): exposure keeps them, overdue, aging and DBT do not.
  const open = input.disputes ?? [];
  const disputedIds = disputedInvoiceIds(open);
  const undisputed = mine.filter((inv) => !disputedIds.has(inv.id));
  const balance = currencyBalance(input.currency, mine, asOfDay, disputedIds);
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
  const overdue = overdueInvoices(undisputed, asOfDay);
  const { trend, detail } = paymentTrend(undisputed, myApplications, asOfDay);
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
  const ownBalance = { ...balance, rateToAccountCurrency: 1 };
  const currencies = [ownBalance, ...otherCurrencies];
  const allCurrencies = convertedTotals(currencies);
  // TODO(issue 10): stubs filled by the settlement/timing work (recent DBT, DSO, best possible DSO).

  return {
    asOf: dayToIso(asOfDay),
    currency: input.currency,
    termsDays: input.termsDays,
    creditLimit: input.creditLimit,
    exposure: balance.exposure,
    openInvoiceAmount: balance.openInvoiceAmount,
    creditBalance: balance.creditBalance,
    availableCredit: input.creditLimit === null ? null : input.creditLimit - balance.exposure,
    overLimit: input.creditLimit !== null && balance.exposure > input.creditLimit,
    overdueAmount,
    disputedAmount: balance.disputedAmount + disputedByAmount,
    disputedInvoiceIds: [...disputedIds].filter((id) => byId.has(id)).sort(),
    disputes,
    overdueShare: openUndisputed > 0 ? Math.round((overdueAmount / openUndisputed) * 1000) / 1000 : null,
    oldestOverdueDays: overdue[0]?.daysPastDue ?? null,
    overdueInvoices: overdue,
    aging: ageInvoices(undisputed, asOfDay),
    ...paymentTiming(undisputed, myApplications, asOfDay),
    monthly: monthlySeries(mine, myApplications, asOfDay),
    trend,
    trendDetail: detail,
    smallNotLarge: detectSmallNotLarge(mine, asOfDay, disputedIds),
    purchasesVsAnticipated: purchasesVsAnticipated(mine, input.anticipatedMonthlyPurchases, asOfDay),
    lastPaymentAt: settlement.lastPaymentDay === null ? null : dayToIso(settlement.lastPaymentDay),
    otherCurrencies,
    currencies,
    allCurrencies,
    limitUtilisation:
      input.creditLimit !== null && input.creditLimit > 0 ? Math.round((allCurrencies.exposure / input.creditLimit) * 1000) / 1000 : null,
    recentDaysBeyondTerms: null,
    dso: null,
    bestPossibleDso: null,
    counts: {
      invoices: settlement.invoices.length,
      openInvoices: settlement.invoices.filter((inv) => !inv.isCreditNote && inv.outstanding > 0).length,
      payments: settlement.applications.length,
      ignoredPayments: settlement.ignoredPayments,
      paidInvoices: settlement.invoices.filter((inv) => !inv.isCreditNote && inv.settledDay !== null).length,
    },
  };
}
