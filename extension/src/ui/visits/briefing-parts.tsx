/**
 * The building blocks of the briefing folder: a titled part that says in words when it is empty, a definition
 * list, a table whose header repeats on every printed page. Plain function components without hooks, so the
 * same markup renders on screen, in print and to a static page (test/briefing-print.e2e.test.ts).
 */
import type { BriefingActionItem, BriefingContact } from '@earshot/shared';
import type { ComponentChildren } from 'preact';
import { CHANNEL_LABEL, TONE_LABEL } from '../format/labels';
import { briefingDay, shownOf } from './briefing-format';

interface PartProps {
  title: string;
  /** The sentence shown instead of the content when there is nothing to show. */
  empty: string;
  /** Rows shown and the total on file, for "Showing 20 of 34". */
  count?: { shown: number; total: number };
  isEmpty: boolean;
  /** Printed whole on one page (a short part: its heading never ends a page alone); by default when ≤ 12 rows. */
  keep?: boolean;
  children?: ComponentChildren;
}

/** Parts up to this many rows print whole on one page (a heading, a sentence and a year's table fit). */
export const KEEP_ROWS = 13;

export function Part({ title, empty, count, isEmpty, keep, children }: PartProps) {
  const capped = count ? shownOf(count.shown, count.total) : '';
  const whole = keep ?? (isEmpty || (count ? count.shown <= KEEP_ROWS : false));
  return (
    <section class={whole ? 'briefing__part briefing__part--keep' : 'briefing__part'}>
      <h2 class="briefing__title">
        {title}
        {capped ? <span class="briefing__count"> ({capped})</span> : null}
      </h2>
      {isEmpty ? <p class="briefing__empty">{empty}</p> : children}
    </section>
  );
}

export function Facts({ rows }: { rows: [string, ComponentChildren][] }) {
  return (
    <dl class="briefing__facts">
      {rows.map(([term, value]) => (
        <div class="briefing__fact" key={term}>
          <dt>{term}</dt>
          <dd>{value === null || value === undefined || value === '' ? '—' : value}</dd>
        </div>
      ))}
    </dl>
  );
}

interface Column<T> {
  head: string;
  cell: (row: T) => ComponentChildren;
  /** Figures align right so their digits line up. */
  numeric?: boolean;
}

export function Table<T>({ caption, columns, rows }: { caption: string; columns: Column<T>[]; rows: T[] }) {
  return (
    <table class="briefing__table">
      <caption class="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th scope="col" key={c.head} class={c.numeric ? 'briefing__num' : undefined}>
              {c.head}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={i}>
            {columns.map((c) => (
              <td key={c.head} class={c.numeric ? 'briefing__num' : undefined}>
                {c.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** "Phone, brief" from a contact's preferences; null when none is recorded. */
export function preferences(p: { preferredChannel: BriefingContact['preferredChannel']; preferredTone: BriefingContact['preferredTone'] }): string | null {
  const words = [p.preferredChannel ? CHANNEL_LABEL[p.preferredChannel] : null, p.preferredTone ? TONE_LABEL[p.preferredTone] : null].filter(Boolean);
  return words.length ? words.join(', ') : null;
}

export function Contacts({ contacts }: { contacts: BriefingContact[] }) {
  return (
    <ul class="briefing__list">
      {contacts.map((c) => (
        <li key={`${c.name}-${c.email ?? c.phone ?? ''}`}>
          <strong>{c.name}</strong>
          {c.role ? `, ${c.role}` : ''}
          {[c.email, c.phone].filter(Boolean).length ? <span class="briefing__muted"> · {[c.email, c.phone].filter(Boolean).join(' · ')}</span> : null}
          {preferences(c) ? <span> · Prefers: {preferences(c)}</span> : null}
          {c.notes ? <div class="briefing__muted">{c.notes}</div> : null}
        </li>
      ))}
    </ul>
  );
}

export function ActionItems({ items }: { items: BriefingActionItem[] }) {
  return (
    <Table
      caption="Action items"
      rows={items}
      columns={[
        { head: 'Action', cell: (a) => a.title },
        { head: 'Owner', cell: (a) => a.owner },
        { head: 'Due', cell: (a) => (a.overdue ? <strong>{briefingDay(a.dueOn)} (overdue)</strong> : briefingDay(a.dueOn)) },
      ]}
    />
  );
}
