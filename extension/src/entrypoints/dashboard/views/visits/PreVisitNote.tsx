import { useEffect, useRef, useState } from 'preact/hooks';
import type { VisitDetail } from '@/lib/workspace-visit-types';
import { formKeys } from '@/ui/hooks/form-keys';
import { runOp } from '../../op';
import { formatWhen, type Problem, ProblemText, problemOf } from './visit-parts';

/**
 * The meeting before the visit (seed 004: "a candid conversation about the account"). Credit, the organizer and
 * attendees read it; for anyone else the API answers null, and this says so.
 */
export function PreVisitNote({ visit, editable, reload }: { visit: VisitDetail; editable: boolean; reload: () => void }) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(visit.preMeetingNote ?? '');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);
  useEffect(() => {
    if (editing) area.current?.focus();
    else if (wasEditing.current) opener.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  const save = async () => {
    if (!text.trim()) return setProblem({ field: 'note', message: 'Write what was said before saving.' });
    setBusy(true);
    setProblem(null);
    try {
      await runOp('WorkspacePreVisitMeeting', { input: { visitId: visit.id, note: text.trim() } }, visit.account.id);
      setEditing(false);
      reload();
    } catch (error) {
      setProblem(problemOf(error, ['note']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="panel-card" aria-labelledby="visit-pre-meeting" data-testid="pre-meeting">
      <h2 id="visit-pre-meeting" class="panel-card__title">
        Before the visit
      </h2>
      {editing ? (
        <form class="request-form" aria-label="Pre-visit meeting note" {...formKeys(save, () => setEditing(false))}>
          <label class="field">
            <span class="field__label">What you agreed before going: background, goals, what not to say</span>
            <textarea ref={area} class="field__input" rows={4} maxLength={5000} value={text} aria-invalid={problem?.field === 'note'} onInput={(e) => setText(e.currentTarget.value)} />
          </label>
          <ProblemText problem={problem} field="note" />
          <ProblemText problem={problem} field={null} />
          <div class="subform__actions">
            <button type="submit" class="button button--primary button--small" disabled={busy}>
              {busy ? 'Saving…' : 'Save note'}
            </button>
            <button type="button" class="button button--quiet button--small" onClick={() => setEditing(false)}>
              Cancel
            </button>
            <span class="muted">Ctrl+Enter saves, Escape cancels.</span>
          </div>
        </form>
      ) : (
        <>
          {visit.preMeetingNote ? (
            <>
              <p class="visit__text" data-testid="pre-meeting-note">
                {visit.preMeetingNote}
              </p>
              {visit.preMeetingNoteAt ? <p class="muted">Recorded {formatWhen(visit.preMeetingNoteAt)}</p> : null}
            </>
          ) : (
            <p class="muted">{visit.viewerCanEdit ? 'No pre-visit meeting recorded yet.' : 'Only credit and the people going read this note.'}</p>
          )}
          {editable ? (
            <button
              type="button"
              ref={opener}
              class="button button--small button--fit"
              onClick={() => {
                setText(visit.preMeetingNote ?? '');
                setEditing(true);
              }}
              data-testid="pre-meeting-edit"
            >
              {visit.preMeetingNote ? 'Edit the note' : 'Record the pre-visit meeting'}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}
