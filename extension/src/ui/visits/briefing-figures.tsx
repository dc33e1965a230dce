/**
 * The briefing's figure sections (CREDIT copy only: the SALES copy has them null and they are not rendered).
 * Each figure is named by its standard definition, since a printed folder has no tooltips.
 */
import type { Briefing, BriefingLedgerSection } from '@earshot/shared';
import { formatMoney } from '../format/money';
import { briefingDay, briefingDays, briefingMonth } from './briefing-format';
import { Facts, KEEP_ROWS, Part, Table } from './briefing-parts';

const AGING: [keyof BriefingLedgerSection['aging'], string][] = [
  ['current', 'Not yet due'],
  ['d1_30', '1–30 days past due'],
  ['d31_60', '31–60 days past due'],
  ['d61_90', '61–90 days past due'],
  ['d90plus', 'Over 90 days past due'],
];

export function LedgerPart({ ledger }: { ledger: BriefingLedgerSection }) {
  const m = (v: string | null) => formatMoney(v, ledger.currency);
  return (
    <Part title="Ledger position and aging" empty="" isEmpty={false} keep>
      <Facts
        rows={[
          ['Credit limit', ledger.creditLimit === null ? 'No limit set' : m(ledger.creditLimit)],
          ['Exposure (open receivables, disputed included)', m(ledger.exposure)],
          ['Available credit (limit − exposure)', ledger.available === null ? '—' : m(ledger.available)],
          ['Over the limit', ledger.overLimit ? 'Yes' : 'No'],
          ['Overdue (past due, not disputed)', m(ledger.overdue)],
          ['Disputed (held by open disputes)', m(ledger.disputed)],
          ['ADP (average days to pay: invoice to payment, amount-weighted, 12 months)', briefingDays(ledger.averageDaysToPay)],
          ['Paid DBT (days beyond terms: paid after the due date, amount-weighted, 12 months)', briefingDays(ledger.daysBeyondTerms)],
          ['Purchases vs plan (last 3 months ÷ anticipated)', ledger.purchasesVsAnticipated === null ? 'No plan recorded' : `${Math.round(ledger.purchasesVsAnticipated * 100)}%`],
          ['Last payment', briefingDay(ledger.lastPaymentAt)],
          ...ledger.otherCurrencies.map((c): [string, string] => [`Open receivables in ${c.currency} (not converted)`, formatMoney(c.exposure, c.currency)]),
        ]}
      />
      <Table
        caption="Aging of open receivables"
        rows={AGING}
        columns={[
          { head: 'Aging bucket', cell: ([, label]) => label },
          { head: 'Amount', numeric: true, cell: ([key]) => m(ledger.aging[key]) },
        ]}
      />
    </Part>
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
