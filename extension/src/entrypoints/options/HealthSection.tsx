/**
 * Adapter health: pages Earshot recognised but could not read (a site changed its layout). Shown so a user can
 * tell "no customer on this page" from "Earshot is broken here", and report it.
 */
import type { HealthEntry } from '@/lib/messages';

export function HealthSection({ entries }: { entries: HealthEntry[] }) {
  return (
    <section class="opt-section" aria-labelledby="health-title">
      <h2 id="health-title" class="opt-section__title">
        Site reading problems
      </h2>
      {entries.length === 0 ? (
        <p class="opt-muted" data-testid="health-empty">
          No problems seen: every site Earshot knows was read as expected.
        </p>
      ) : (
        <>
          <p class="opt-muted">
            These pages were recognised but could not be read (the site probably changed its layout). While you are signed in,
            Earshot reports them to your Earshot server: which part was missing and the page's structure, never its text.
          </p>
          <table class="opt-table" data-testid="health-list">
            <thead>
              <tr>
                <th scope="col">Site</th>
                <th scope="col">Page</th>
                <th scope="col">Not found</th>
                <th scope="col">Times</th>
                <th scope="col">Last seen</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={`${e.site}|${e.pageType}|${e.missing.join(',')}|${e.url}`} data-testid="health-item">
                  <td>{e.site}</td>
                  <td>{e.pageType}</td>
                  <td>{e.missing.join(', ') || '—'}</td>
                  <td>{e.count}</td>
                  <td>
                    <time dateTime={e.seenAt}>{formatSeen(e.seenAt)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function formatSeen(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
