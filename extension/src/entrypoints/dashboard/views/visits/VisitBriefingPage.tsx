import type { VisitStatus } from '@earshot/shared';
import { useContext, useEffect, useRef } from 'preact/hooks';
import { BriefingDocument } from '@/ui/visits/BriefingDocument';
import { briefingDay } from '@/ui/visits/briefing-format';
import { runOp } from '../../op';
import { Empty, Failure, FocusOnArrival, Loading } from '../../parts';
import { href } from '../../route';
import { useQuery } from '../../use-query';

/**
 * The briefing folder alone on the page, to read or print (the workspace's bar and these buttons are hidden in
 * print: workspace-visits.css). The document is the viewer's copy: credit's or sales's.
 */
export function VisitBriefingPage({ id }: { id: string }) {
  const query = useQuery(async () => {
    const node = (await runOp('WorkspaceVisitBriefing', { id })).node;
    return node && 'briefing' in node ? node : null;
  }, id);
  const visit = query.phase === 'ready' ? query.data : null;
  const title = visit?.account ? briefingTitle(visit.account.name, visit.scheduledAt) : null;
  // No ViewHeading here (the folder has its own h1, the empty states an h2): after a navigation, once loaded, the
  // focus goes to that heading, as on every other view.
  const arrived = useContext(FocusOnArrival);
  const section = useRef<HTMLElement>(null);
  useEffect(() => {
    if (!arrived || query.phase === 'loading') return;
    const heading = section.current?.querySelector<HTMLElement>('h1, h2');
    if (!heading) return;
    heading.tabIndex = -1;
    heading.focus();
  }, [arrived, query.phase]);
  // The tab's title names the folder, so a printed or saved PDF is called after it; the workspace's title comes back on leaving.
  useEffect(() => {
    if (!title) return;
    const before = document.title;
    document.title = title;
    return () => {
      document.title = before;
    };
  }, [title]);
  return (
    <section ref={section} class="view briefing-page" aria-label="Visit briefing">
      <div class="briefing-page__tools no-print">
        <a href={href.visit(id)}>Back to the visit</a>
        {query.phase === 'ready' && query.data?.briefing ? (
          <button type="button" class="button button--primary" onClick={() => window.print()} data-testid="print-briefing">
            Print
          </button>
        ) : null}
      </div>
      {query.phase === 'loading' ? <Loading what="the briefing" /> : null}
      {query.phase === 'failed' ? <Failure error={query.error} onRetry={query.reload} title="Could not load the briefing" /> : null}
      {query.phase === 'ready' && !query.data ? (
        <Empty title="No such visit" actions={<a href={href.visits()}>Back to the visits</a>}>
          <p>This visit does not exist, or you cannot see it.</p>
        </Empty>
      ) : null}
      {query.phase === 'ready' && query.data && !query.data.briefing ? <NoBriefing id={id} status={query.data.status} /> : null}
      {query.phase === 'ready' && query.data?.briefing ? <BriefingDocument briefing={query.data.briefing.document} /> : null}
    </section>
  );
}

/**
 * A folder is prepared before the meeting (the visit's page offers it while the visit is planned or briefed). For a
 * visit already held or cancelled none can be prepared any more, so the page says so instead of sending the reader
 * to a button that is not there (probe of issue 10).
 */
function NoBriefing({ id, status }: { id: string; status: VisitStatus | undefined }) {
  const beforeMeeting = status === undefined || status === 'PLANNED' || status === 'BRIEFED';
  return beforeMeeting ? (
    <Empty title="No briefing yet" actions={<a href={href.visit(id)}>Prepare it on the visit's page</a>}>
      <p>The briefing folder is prepared from the credit file on the visit's page.</p>
    </Empty>
  ) : (
    <Empty title="No briefing for this visit" actions={<a href={href.visit(id)}>Back to the visit</a>}>
      <p>No briefing folder was prepared before this visit. A folder is prepared before the meeting only, so none can be added now.</p>
    </Empty>
  );
}

/** "Briefing — Harbour Tiles B.V. — 12 Dec 2026": the page's title while the folder is shown (and the PDF's name). */
export function briefingTitle(customer: string, scheduledAt: string): string {
  return `Briefing — ${customer} — ${briefingDay(scheduledAt)}`;
}
