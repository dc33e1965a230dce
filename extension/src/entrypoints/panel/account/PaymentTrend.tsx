import type { CreditStatusData } from '@/lib/types';
import { PaymentSparkline } from '@/ui/components/PaymentSparkline';
import { Section } from '@/ui/components/Section';

interface Props {
  series: CreditStatusData['paymentSeries'];
  termsDays: number;
}

/** Twelve months of days-to-pay, when the viewer may see the ledger. */
export function PaymentTrend({ series, termsDays }: Props) {
  if (!series?.length) return null;
  return (
    <Section title="Payment trend" aside="12 months">
      <PaymentSparkline series={series} termsDays={termsDays} />
    </Section>
  );
}
