import type { NoteData } from '@/lib/types';
import { RelativeTime } from '@/ui/components/RelativeTime';
import { Section } from '@/ui/components/Section';
import { nameFor } from '@/ui/format/people';
import { useViewer } from '@/ui/hooks/viewer';

/** The latest notes, marked when only the credit team can read them. */
export function NoteList({ notes }: { notes: NoteData[] }) {
  const viewer = useViewer();
  if (!notes.length) return null;
  return (
    <Section title="Notes">
      <ul class="list">
        {notes.map((n) => (
          <li key={n.id} class="list__item note" data-testid="note-item">
            <div class="list__main">
              <p class="note__body">{n.body}</p>
              <span class="list__meta">
                {nameFor(n.author, viewer, { start: true, fallback: 'Unknown' })} · <RelativeTime iso={n.createdAt} withDate />
                {n.visibility === 'CREDIT_ONLY' ? <span class="tag">Credit only</span> : null}
              </span>
            </div>
          </li>
        ))}
      </ul>
    </Section>
  );
}
