import type { AlertData } from '@/lib/types';
import { RelativeTime } from '@/ui/components/RelativeTime';
import { SeverityDots } from '@/ui/components/SeverityDots';
import { Section } from '@/ui/components/Section';

/** Open alerts raised by the ledger rules (paying later, small invoices only, over limit…). */
export function AlertList({ alerts }: { alerts: AlertData[] }) {
  if (!alerts.length) return null;
  return (
    <Section title="Open alerts" aside={String(alerts.length)} class="alerts">
      <ul class="list">
        {alerts.map((a) => (
          <li key={a.id} class="list__item alert-item" data-testid="alert-item" data-rule={a.rule}>
            <SeverityDots severity={a.severity} />
            <span class="list__main">{a.title}</span>
            <span class="list__meta">
              <RelativeTime iso={a.createdAt} />
            </span>
          </li>
        ))}
      </ul>
    </Section>
  );
}
