import type { OpenInvoice } from '@/background/operation-types';
import type { CreditStatusData } from '@/lib/types';
import { PaymentSparkline } from '@/ui/components/PaymentSparkline';
import { Section } from '@/ui/components/Section';
import { FIGURES } from '@/ui/format/figures';
import { trendBasisNote } from '@/ui/format/risk';
import { openAgeByMonth } from '@/ui/format/sparkline';

interface Props {
  series: CreditStatusData['paymentSeries'];
  /** The open invoices (credit team), to show how far beyond terms the unpaid ones already are; null when not known. */
  openInvoices?: readonly OpenInvoice[] | null;
  currency?: string;
  /** What the payment trend compared (said under the chart, so its line is not read as the trend). */
  trendBasis?: CreditStatusData['trendBasis'];
}

/**
 * Twelve months of paid DBT, the quantity of the headline beside it, and the invoices still open by due month, when
 * the viewer may see the ledger: paid invoices alone would draw a flat line under a customer who stopped paying.
 */
export function PaymentTrend({ series, openInvoices = null, currency, trendBasis }: Props) {
  if (!series?.length) return null;
  const openAge = openInvoices ? openAgeByMonth(series.map((s) => s.month), openInvoices) : null;
  const basis = trendBasisNote(trendBasis);
  return (
    <Section title={`${FIGURES.DBT.name} by month`} aside="12 months">
      <PaymentSparkline series={series} openAge={openAge} {...(currency ? { currency } : {})} />
      {basis ? (
        <p class="muted" data-testid="trend-basis-note">
          {basis}
        </p>
      ) : null}
    </Section>
  );
}
