import { SIGNAL_TYPE_INFO } from '@earshot/shared';
import type { SignalData } from '@/lib/types';
import { RelativeTime } from '@/ui/components/RelativeTime';
import { SeverityDots } from '@/ui/components/SeverityDots';
import { Section } from '@/ui/components/Section';
import { SOURCE_LABEL } from '@/ui/format/labels';
import { nameFor } from '@/ui/format/people';
import { useViewer } from '@/ui/hooks/viewer';

interface Props {
  signals: SignalData[];
  totalCount: number;
}

/** The latest field signals: what, how serious, the note, who said it and when. */
export function SignalList({ signals, totalCount }: Props) {
  const viewer = useViewer();
  return (
    <Section title="Latest signals" aside={totalCount > signals.length ? `${signals.length} of ${totalCount}` : String(totalCount)}>
      {signals.length ? (
        <ul class="list">
          {signals.map((s) => (
            <li key={s.id} class="list__item signal" data-testid="signal-item" data-type={s.type} data-sentiment={s.sentiment}>
              <SeverityDots severity={s.severity} />
              <div class="list__main">
                <span class="signal__label">{SIGNAL_TYPE_INFO[s.type]?.label ?? s.type}</span>
                {s.note ? <p class="signal__note">{s.note}</p> : null}
                <span class="list__meta">
                  {nameFor(s.author, viewer, { start: true, fallback: SOURCE_LABEL[s.source] })} · <RelativeTime iso={s.observedAt} withDate />
                  {s.status !== 'OPEN' ? ` · ${s.status.toLowerCase()}` : ''}
                </span>
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">No signals yet. What have you seen or heard?</p>
      )}
    </Section>
  );
}
