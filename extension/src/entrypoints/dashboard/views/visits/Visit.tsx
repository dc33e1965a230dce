import { useState } from 'preact/hooks';
import type { VisitDetail } from '@/lib/workspace-visit-types';
import { describeFailure, runOp } from '../../op';
import { Empty, Failure, Loading, ViewHeading } from '../../parts';
import { href } from '../../route';
import type { Abilities } from '../../session';
import { useQuery } from '../../use-query';
import { FollowUp } from './FollowUp';
import { PreVisitNote } from './PreVisitNote';
import { VisitActionItems } from './VisitActionItems';
import { VisitNotes } from './VisitNotes';
import { VisitQuestions } from './VisitQuestions';
import { VisitReportSection } from './VisitReportSection';
import { formatWhen, purposeLabel, StatusTag } from './visit-parts';

function isVisit(node: unknown): node is VisitDetail {
  return typeof node === 'object' && node !== null && 'questions' in node;
}

/** One customer visit, from plan to report (seed 004): briefing, questions, notes, action items, follow-up, report. */
export function Visit({ can, id }: { can: Abilities; id: string }) {
  const query = useQuery(async () => {
    const node = (await runOp('WorkspaceVisit', { id })).node;
    return isVisit(node) ? node : null;
  }, id);
  const title = query.phase === 'ready' && query.data ? `${purposeLabel(query.data.purpose)} · ${query.data.account.name}` : 'Visit';
  return (
    <section class="view visit" aria-labelledby="visit-title">
      <ViewHeading>
        <span id="visit-title">{title}</span>
      </ViewHeading>
      {query.phase === 'loading' ? <Loading what="the visit" /> : null}
      {query.phase === 'failed' ? <Failure error={query.error} onRetry={query.reload} title="Could not load the visit" /> : null}
      {query.phase === 'ready' && !query.data ? (
        <Empty title="No such visit" actions={<a href={href.visits()}>Back to the visits</a>}>
          <p>This visit does not exist, or you cannot see it.</p>
        </Empty>
      ) : null}
      {query.phase === 'ready' && query.data ? <VisitBody visit={query.data} can={can} reload={query.reload} /> : null}
    </section>
  );
}

function VisitBody({ visit, can, reload }: { visit: VisitDetail; can: Abilities; reload: () => void }) {
  const editable = visit.viewerCanEdit && can.write && visit.status !== 'CANCELLED';
  const held = visit.status === 'HELD' || visit.status === 'FOLLOWED_UP';
  return (
    <>
      <VisitHeader visit={visit} />
      {editable ? <VisitActions visit={visit} reload={reload} /> : null}
      {visit.status === 'CANCELLED' ? (
        <p class="banner banner--info" data-testid="visit-cancelled">
          Cancelled{visit.cancelReason ? `: ${visit.cancelReason}` : ''}. Nothing can be added to it.
        </p>
      ) : null}
      <section class="panel-card" aria-labelledby="visit-goals">
        <h2 id="visit-goals" class="panel-card__title">
          Goals
        </h2>
        <p class="visit__text">{visit.goals || <span class="muted">No goals written.</span>}</p>
      </section>
      <PreVisitNote visit={visit} editable={editable} reload={reload} />
      <VisitQuestions visit={visit} editable={editable} reload={reload} />
      <VisitNotes visit={visit} editable={editable} reload={reload} />
      <VisitActionItems visit={visit} editable={editable} reload={reload} />
      {held && editable ? <FollowUp visit={visit} reload={reload} /> : null}
      {held ? <VisitReportSection visit={visit} editable={editable} reload={reload} /> : null}
    </>
  );
}

function VisitHeader({ visit }: { visit: VisitDetail }) {
  return (
    <div class="visit__head" data-testid="visit-header">
      <p>
        <StatusTag status={visit.status} /> {formatWhen(visit.scheduledAt)}
        {visit.place ? ` · ${visit.place}` : ''} · <a href={href.account(visit.account.id)}>{visit.account.name}</a>
      </p>
      <dl class="visit__people">
        <div>
          <dt>Our side</dt>
          <dd data-testid="visit-attendees">
            {[visit.organizer ? `${visit.organizer.name} (organizer)` : null, ...visit.attendees.map((a) => a.name)].filter(Boolean).join(', ') || '—'}
          </dd>
        </div>
        <div>
          <dt>Meeting</dt>
          <dd data-testid="visit-contacts">{visit.contacts.map((c) => (c.role ? `${c.name} (${c.role})` : c.name)).join(', ') || 'No contact named'}</dd>
        </div>
        {visit.heldAt ? (
          <div>
            <dt>Held</dt>
            <dd>{formatWhen(visit.heldAt)}</dd>
          </div>
        ) : null}
      </dl>
    </div>
  );
}

/** Prepare the briefing folder, open it, mark the visit as held. */
function VisitActions({ visit, reload }: { visit: VisitDetail; reload: () => void }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const act = async (what: 'brief' | 'held') => {
    setBusy(what);
    setOutcome(null);
    try {
      if (what === 'brief') {
        const prepared = (await runOp('WorkspacePrepareBriefing', { input: { visitId: visit.id } }, visit.account.id)).prepareVisitBriefing;
        setOutcome({ ok: true, text: `Briefing prepared ${formatWhen(prepared.briefing.preparedAt)}: what the credit file says today, kept as it is.` });
      } else {
        await runOp('WorkspaceMarkVisitHeld', { input: { visitId: visit.id } }, visit.account.id);
        setOutcome({ ok: true, text: 'Marked as held. Draft the follow-up and send the report below.' });
      }
      reload();
    } catch (error) {
      setOutcome({ ok: false, text: describeFailure(error) });
    } finally {
      setBusy(null);
    }
  };
  const beforeMeeting = visit.status === 'PLANNED' || visit.status === 'BRIEFED';
  return (
    <div class="visit__actions" data-testid="visit-actions">
      <div class="subform__actions">
        {beforeMeeting ? (
          <button type="button" class="button" disabled={busy !== null} onClick={() => void act('brief')} data-testid="prepare-briefing">
            {busy === 'brief' ? 'Preparing…' : visit.briefing ? 'Prepare the briefing again' : 'Prepare briefing'}
          </button>
        ) : null}
        {visit.briefing ? (
          <a class="button" href={href.visitBriefing(visit.id)} data-testid="open-briefing">
            Open briefing
          </a>
        ) : null}
        {visit.briefing ? (
          <span class="muted">
            prepared {formatWhen(visit.briefing.preparedAt)}
            {visit.briefingCount > 1 ? ` (${visit.briefingCount} versions kept)` : ''}
          </span>
        ) : null}
        {beforeMeeting ? (
          <button type="button" class="button" disabled={busy !== null} onClick={() => void act('held')} data-testid="mark-held">
            {busy === 'held' ? 'Saving…' : 'Mark as held'}
          </button>
        ) : null}
      </div>
      {outcome ? (
        <p class={outcome.ok ? 'form-ok' : 'form-error'} role={outcome.ok ? 'status' : 'alert'} data-testid="visit-action-outcome">
          {outcome.text}
        </p>
      ) : null}
    </div>
  );
}
