import type { CreditStatusData } from '@/lib/types';
import { PaymentSparkline } from '@/ui/components/PaymentSparkline';
import { Section } from '@/ui/components/Section';
import { FIGURES } from '@/ui/format/figures';

interface Props {
  series: CreditStatusData['paymentSeries'];
}

/** Twelve months of paid DBT, the quantity of the headline beside it, when the viewer may see the ledger. */
export function PaymentTrend({ series }: Props) {
  if (!series?.length) return null;
  return (
    <Section title={`${FIGURES.DBT.name} by month`} aside="12 months">
      <PaymentSparkline series={series} />
    </Section>
  );
}
