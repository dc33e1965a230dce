import { useEffect, useRef, useState } from 'preact/hooks';
import { formKeys } from '@/ui/hooks/form-keys';
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
import { formatWhen, fromLocalInput, type Problem, ProblemText, problemOf, purposeLabel, StatusTag, toLocalInput } from './visit-parts';

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
  const cancelledRef = useRef<HTMLParagraphElement>(null);
  const wasCancelled = useRef(visit.status === 'CANCELLED');
  // Cancelled here: the buttons are gone, the focus goes to the sentence saying so.
  useEffect(() => {
    if (visit.status === 'CANCELLED' && !wasCancelled.current) cancelledRef.current?.focus();
    wasCancelled.current = visit.status === 'CANCELLED';
  }, [visit.status]);
  const editable = visit.viewerCanEdit && can.write && visit.status !== 'CANCELLED';
  const held = visit.status === 'HELD' || visit.status === 'FOLLOWED_UP';
  return (
    <>
      <VisitHeader visit={visit} />
      {editable ? <VisitActions visit={visit} reload={reload} /> : null}
      {visit.status === 'CANCELLED' ? (
        <p class="banner banner--info" tabIndex={-1} ref={cancelledRef} data-testid="visit-cancelled">
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
      {held ? <VisitReportSection visit={visit} editable={editable} readsReports={visit.viewerCanEdit || can.credit} reload={reload} /> : null}
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
            <dt>Held on</dt>
            <dd data-testid="visit-held-at">{formatWhen(visit.heldAt)}</dd>
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
  const [cancelling, setCancelling] = useState(false);
  const [confirmingHeld, setConfirmingHeld] = useState(false);
  const cancelOpener = useRef<HTMLButtonElement>(null);
  const heldOpener = useRef<HTMLButtonElement>(null);
  const outcomeRef = useRef<HTMLParagraphElement>(null);
  // "Mark as held" goes away once done: the focus goes to what happened, not to the page's top.
  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);
  const act = async () => {
    setBusy('brief');
    setOutcome(null);
    try {
      const prepared = (await runOp('WorkspacePrepareBriefing', { input: { visitId: visit.id } }, visit.account.id)).prepareVisitBriefing;
      setOutcome({ ok: true, text: `Briefing prepared ${formatWhen(prepared.briefing.preparedAt)}: what the credit file says today, kept as it is.` });
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
          <button type="button" class="button" disabled={busy !== null} onClick={() => void act()} data-testid="prepare-briefing">
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
        {beforeMeeting && !confirmingHeld ? (
          <button type="button" ref={heldOpener} class="button" disabled={busy !== null} onClick={() => setConfirmingHeld(true)} data-testid="mark-held">
            Mark as held
          </button>
        ) : null}
        {beforeMeeting && !cancelling ? (
          <button type="button" ref={cancelOpener} class="button button--quiet" onClick={() => setCancelling(true)} data-testid="cancel-visit-open">
            Cancel the visit
          </button>
        ) : null}
      </div>
      {confirmingHeld ? (
        <MarkHeld
          visit={visit}
          onDone={(held) => {
            setConfirmingHeld(false);
            if (held) {
              setOutcome({ ok: true, text: 'Marked as held. Draft the follow-up and send the report below.' });
              reload();
            } else setTimeout(() => heldOpener.current?.focus());
          }}
        />
      ) : null}
      {cancelling ? (
        <CancelVisit
          visit={visit}
          onDone={(cancelled) => {
            setCancelling(false);
            if (cancelled) reload();
            else setTimeout(() => cancelOpener.current?.focus());
          }}
        />
      ) : null}
      {outcome ? (
        <p class={outcome.ok ? 'form-ok' : 'form-error'} role={outcome.ok ? 'status' : 'alert'} tabIndex={-1} ref={outcomeRef} data-testid="visit-action-outcome">
          {outcome.text}
        </p>
      ) : null}
    </div>
  );
}

/** How early before the planned time a visit may be marked held (the server's rule). */
const HELD_EARLY_MS = 86_400_000;

/** Marking the visit held, confirmed with when it took place (now by default): it cannot be undone. */
function MarkHeld({ visit, onDone }: { visit: VisitDetail; onDone: (held: boolean) => void }) {
  const [when, setWhen] = useState(() => toLocalInput(new Date()));
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const submit = async () => {
    const heldAt = fromLocalInput(when);
    if (!heldAt) return setProblem({ field: 'heldAt', message: 'Give the date and time the visit took place.' });
    const at = Date.parse(heldAt);
    if (at > Date.now() + 60_000) return setProblem({ field: 'heldAt', message: 'That time is still to come: give the time the visit took place.' });
    if (at < Date.parse(visit.scheduledAt) - HELD_EARLY_MS) {
      return setProblem({ field: 'heldAt', message: `That is more than a day before the planned time (${formatWhen(visit.scheduledAt)}): give the time the visit took place.` });
    }
    setBusy(true);
    setProblem(null);
    try {
      await runOp('WorkspaceMarkVisitHeld', { input: { visitId: visit.id, heldAt } }, visit.account.id);
      onDone(true);
    } catch (error) {
      setProblem(problemOf(error, ['heldAt']));
      setBusy(false);
    }
  };
  return (
    <form class="subform" aria-label="Mark the visit as held" {...formKeys(submit, () => onDone(false))} data-testid="mark-held-form">
      <label class="field">
        <span class="field__label">When did it take place?</span>
        <input
          ref={first}
          class="field__input"
          type="datetime-local"
          value={when}
          aria-invalid={problem?.field === 'heldAt'}
          aria-describedby="mark-held-warning"
          onInput={(e) => setWhen(e.currentTarget.value)}
          data-testid="mark-held-at"
        />
      </label>
      <p id="mark-held-warning" class="muted">
        This cannot be undone: once held, the visit can no longer be cancelled. The follow-up e-mail and the report open below.
      </p>
      <ProblemText problem={problem} field="heldAt" />
      <ProblemText problem={problem} field={null} />
      <div class="subform__actions">
        <button type="submit" class="button button--primary button--small" disabled={busy} data-testid="mark-held-save">
          {busy ? 'Saving…' : 'Mark as held'}
        </button>
        <button type="button" class="button button--quiet button--small" onClick={() => onDone(false)}>
          Back
        </button>
      </div>
    </form>
  );
}

/** Calling the visit off, with the reason (kept on the visit; nothing can be added to it afterwards). */
function CancelVisit({ visit, onDone }: { visit: VisitDetail; onDone: (cancelled: boolean) => void }) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const submit = async () => {
    if (!reason.trim()) return setProblem({ field: 'reason', message: 'Say why the visit is cancelled.' });
    setBusy(true);
    setProblem(null);
    try {
      await runOp('WorkspaceCancelVisit', { input: { visitId: visit.id, reason: reason.trim() } }, visit.account.id);
      onDone(true);
    } catch (error) {
      setProblem(problemOf(error, ['reason']));
      setBusy(false);
    }
  };
  return (
    <form class="subform" aria-label="Cancel the visit" {...formKeys(submit, () => onDone(false))} data-testid="cancel-visit">
      <label class="field">
        <span class="field__label">Why is it cancelled?</span>
        <input ref={first} class="field__input" value={reason} maxLength={500} aria-invalid={problem?.field === 'reason'} onInput={(e) => setReason(e.currentTarget.value)} />
      </label>
      <ProblemText problem={problem} field="reason" />
      <ProblemText problem={problem} field={null} />
      <div class="subform__actions">
        <button type="submit" class="button button--primary button--small" disabled={busy} data-testid="cancel-visit-save">
          {busy ? 'Cancelling…' : 'Cancel the visit'}
        </button>
        <button type="button" class="button button--quiet button--small" onClick={() => onDone(false)}>
          Keep it
        </button>
      </div>
    </form>
  );
}
