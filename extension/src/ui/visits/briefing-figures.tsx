/**
 * The briefing's figure sections (CREDIT copy only: the SALES copy has them null and they are not rendered).
 * Each figure is named by its standard definition, since a printed folder has no tooltips.
 */
import type { Briefing, BriefingCurrency, BriefingLedgerSection } from '@earshot/shared';
import { utilisationText } from '../format/figures';
import { formatMoney, isPositive } from '../format/money';
import { briefingDay, briefingDays, briefingMonth } from './briefing-format';
import { Facts, KEEP_ROWS, Part, Table } from './briefing-parts';

const AGING: [keyof BriefingLedgerSection['aging'], string][] = [
  ['current', 'Not yet due'],
  ['d1_30', '1–30 days past due'],
  ['d31_60', '31–60 days past due'],
  ['d61_90', '61–90 days past due'],
  ['d90plus', 'Over 90 days past due'],
];

type Row = [string, string];

/**
 * The ledger as the panel shows it: exposure and overdue over every currency (converted, with the currencies that have
 * no rate beside them), the account currency's own figures labelled as such, then each other currency in its own
 * money with its rate or "no exchange rate: not in the totals". A briefing prepared before issue 10 has none of the
 * totals: it shows what it has, under the labels it was prepared with.
 */
export function LedgerPart({ ledger }: { ledger: BriefingLedgerSection }) {
  const c = ledger.currency;
  const m = (v: string | null) => formatMoney(v, c);
  const withTotals = ledger.totalExposure !== undefined;
  const noRate = ledger.otherCurrencies.filter((o) => o.rateToAccountCurrency === null || ledger.unconvertedCurrencies?.includes(o.currency));
  const plusNoRate = (pick: (o: BriefingCurrency) => string | undefined) =>
    noRate
      .filter((o) => isPositive(pick(o)))
      .map((o) => ` + ${formatMoney(pick(o) ?? null, o.currency)} (no exchange rate: not in the total)`)
      .join('');
  const rows: Row[] = withTotals
    ? [
        ['Credit limit', ledger.creditLimit === null ? 'No limit set' : m(ledger.creditLimit)],
        [`Exposure, every currency converted into ${c} (open receivables, disputed included)`, m(ledger.totalExposure ?? null) + plusNoRate((o) => o.exposure)],
        [`Exposure in ${c} (account currency)`, m(ledger.exposure)],
        ...(ledger.limitUtilisation !== undefined
          ? [['Limit in use (exposure in every currency ÷ limit)', ledger.limitUtilisation === null ? '—' : utilisationText(ledger.limitUtilisation)] as Row]
          : []),
        ['Available credit (limit − exposure in every currency)', ledger.available === null ? '—' : m(ledger.available)],
        ['Over the limit', ledger.overLimit ? 'Yes' : 'No'],
        [`Overdue, every currency converted into ${c} (past due, not disputed)`, m(ledger.totalOverdue ?? null) + plusNoRate((o) => o.overdue)],
        [`Overdue in ${c} (account currency)`, m(ledger.overdue)],
        [`Disputed in ${c} (held by open disputes)`, m(ledger.disputed)],
        ...(ledger.creditBalance !== undefined ? [[`Credit balance in ${c} (credit notes and payments not yet set against an invoice)`, m(ledger.creditBalance)] as Row] : []),
      ]
    : [
        ['Credit limit', ledger.creditLimit === null ? 'No limit set' : m(ledger.creditLimit)],
        ['Exposure (open receivables, disputed included)', m(ledger.exposure)],
        ['Available credit (limit − exposure)', ledger.available === null ? '—' : m(ledger.available)],
        ['Over the limit', ledger.overLimit ? 'Yes' : 'No'],
        ['Overdue (past due, not disputed)', m(ledger.overdue)],
        ['Disputed (held by open disputes)', m(ledger.disputed)],
      ];
  rows.push(
    ['ADP (average days to pay: invoice to payment, amount-weighted, 12 months)', briefingDays(ledger.averageDaysToPay)],
    ['Paid DBT (days beyond terms: paid after the due date, amount-weighted, 12 months)', briefingDays(ledger.daysBeyondTerms)],
  );
  if (ledger.recentDaysBeyondTerms !== undefined) rows.push(['Paid DBT, last 90 days', briefingDays(ledger.recentDaysBeyondTerms)]);
  if (ledger.dso !== undefined) rows.push([`DSO (countback: receivables in ${c} counted back against each month’s sales)`, briefingDays(ledger.dso)]);
  if (ledger.bestPossibleDso !== undefined) rows.push(['Best possible DSO (current receivables ÷ sales of the last 90 days × 90)', briefingDays(ledger.bestPossibleDso)]);
  rows.push(
    ['Purchases vs plan (last 3 months ÷ anticipated)', ledger.purchasesVsAnticipated === null ? 'No plan recorded' : `${Math.round(ledger.purchasesVsAnticipated * 100)}%`],
    ['Last payment', briefingDay(ledger.lastPaymentAt)],
  );
  for (const o of ledger.otherCurrencies) rows.push(currencyRow(o, c));
  return (
    <Part title="Ledger position and aging" empty="" isEmpty={false} keep>
      <Facts rows={rows} />
      <AgingTable caption={withTotals ? `Aging of open receivables in ${c} (account currency)` : 'Aging of open receivables'} aging={ledger.aging} currency={c} />
      {ledger.otherCurrencies.map((o) => (o.aging ? <AgingTable key={o.currency} caption={`Aging of open receivables in ${o.currency}`} aging={o.aging} currency={o.currency} /> : null))}
    </Part>
  );
}

/** "CHF: open CHF 9,000.00 · overdue CHF 9,000.00, the oldest 100 days past due · no exchange rate: not in the totals". */
function currencyRow(o: BriefingCurrency, accountCurrency: string): Row {
  const own = (v: string | undefined) => formatMoney(v ?? null, o.currency);
  // Prepared before issue 10: the exposure alone (currencies were not converted then).
  if (o.overdue === undefined) return [`Open receivables in ${o.currency}`, own(o.exposure)];
  const overdue = isPositive(o.overdue)
    ? `overdue ${own(o.overdue)}${o.oldestOverdueDays ? `, the oldest ${briefingDays(o.oldestOverdueDays)} past due` : ''}`
    : 'nothing overdue';
  const rate =
    o.rateToAccountCurrency == null
      ? 'no exchange rate: not in the totals'
      : `1 ${o.currency} = ${o.rateToAccountCurrency} ${accountCurrency}: in the totals`;
  return [`${o.currency} (in its own money)`, `open ${own(o.exposure)} · ${overdue} · ${rate}`];
}

function AgingTable({ caption, aging, currency }: { caption: string; aging: BriefingLedgerSection['aging']; currency: string }) {
  return (
    <Table
      caption={caption}
      rows={AGING}
      columns={[
        { head: caption.replace('Aging of open receivables', 'Aging bucket'), cell: ([, label]) => label },
        { head: 'Amount', numeric: true, cell: ([key]) => formatMoney(aging[key], currency) },
      ]}
    />
  );
}

export function InvoicesPart({ invoices }: { invoices: NonNullable<Briefing['openInvoices']> }) {
  return (
    <Part title="Open invoices" empty="No open invoices." isEmpty={invoices.items.length === 0} count={{ shown: invoices.items.length, total: invoices.total }}>
      <Table
        caption="Open invoices, oldest due first"
        rows={invoices.items}
        columns={[
          { head: 'Invoice', cell: (i) => i.number },
          { head: 'Issued', cell: (i) => briefingDay(i.issuedAt) },
          { head: 'Due', cell: (i) => briefingDay(i.dueAt) },
          { head: 'Days past due', numeric: true, cell: (i) => (i.daysPastDue > 0 ? i.daysPastDue : 'Not yet due') },
          { head: 'Amount', numeric: true, cell: (i) => formatMoney(i.amount, i.currency) },
          { head: 'Outstanding', numeric: true, cell: (i) => formatMoney(i.outstanding, i.currency) },
          { head: 'Disputed', cell: (i) => (i.disputed ? <strong>Disputed</strong> : '') },
        ]}
      />
    </Part>
  );
}

export function PaymentTrendPart({ trend }: { trend: NonNullable<Briefing['paymentTrend']> }) {
  return (
    <Part title="Payment trend" empty={trend.detail} isEmpty={trend.months.length === 0} keep={trend.months.length <= KEEP_ROWS}>
      <p>{trend.detail}</p>
      <Table
        caption="Invoiced and paid by month"
        rows={trend.months}
        columns={[
          { head: 'Month', cell: (m) => briefingMonth(m.month) },
          { head: 'Invoiced', numeric: true, cell: (m) => formatMoney(m.invoiced, trend.currency) },
          { head: 'Paid', numeric: true, cell: (m) => formatMoney(m.paid, trend.currency) },
          { head: 'ADP (average days to pay)', numeric: true, cell: (m) => briefingDays(m.averageDaysToPay) },
          { head: 'Paid DBT (days beyond terms)', numeric: true, cell: (m) => briefingDays(m.daysBeyondTerms) },
        ]}
      />
    </Part>
  );
}

export function CreditReportsPart({ reports }: { reports: NonNullable<Briefing['creditReports']> }) {
  return (
    <Part title="Credit reports" empty="No credit report on file." isEmpty={reports.items.length === 0} count={{ shown: reports.items.length, total: reports.total }}>
      <Table
        caption="Credit reports, newest first"
        rows={reports.items}
        columns={[
          { head: 'Reported', cell: (r) => briefingDay(r.reportedAt) },
          { head: 'Source', cell: (r) => r.source },
          { head: 'Score (0–100, higher is safer)', numeric: true, cell: (r) => r.score },
          { head: 'Rating', cell: (r) => r.rating ?? '—' },
        ]}
      />
    </Part>
  );
}

export function BankChangesPart({ changes }: { changes: NonNullable<Briefing['bankChanges']> }) {
  return (
    <Part title="Bank details" empty="No bank details recorded." isEmpty={changes.items.length === 0} count={{ shown: changes.items.length, total: changes.total }}>
      <Table
        caption="Bank details recorded, newest first"
        rows={changes.items}
        columns={[
          { head: 'Recorded', cell: (r) => briefingDay(r.recordedAt) },
          { head: 'Bank', cell: (r) => r.bankName ?? '—' },
          { head: 'Account ending', cell: (r) => r.last4 },
          { head: 'Change', cell: (r) => (r.changed ? <strong>Changed</strong> : 'First on file or unchanged') },
        ]}
      />
    </Part>
  );
}
