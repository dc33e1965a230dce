import { CAPTURABLE_SIGNAL_TYPES, type Severity, SIGNAL_TYPE_INFO, type SignalType } from '@earshot/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { GuardrailFlag, VisitDetail, VisitNote } from '@/lib/workspace-visit-types';
import { SeverityPicker } from '@/ui/capture/SeverityPicker';
import { formKeys } from '@/ui/hooks/form-keys';
import { describeFailure, runOp } from '../../op';
import { GuardrailFlags } from './GuardrailFlags';
import { formatWhen, type Problem, ProblemText, problemOf } from './visit-parts';
import { nameFor } from '@/ui/format/people';
import { useViewer } from '@/ui/hooks/viewer';

/** Notes taken during the meeting, with the guardrails' flags beside each, and "Raise a signal" from a note. */
export function VisitNotes({ visit, editable, reload }: { visit: VisitDetail; editable: boolean; reload: () => void }) {
  return (
    <section class="panel-card" aria-labelledby="visit-notes" data-testid="visit-notes">
      <h2 id="visit-notes" class="panel-card__title">
        Notes
      </h2>
      {visit.notes.length ? (
        <ul class="inbox">
          {visit.notes.map((n) => (
            <NoteRow key={n.id} note={n} visit={visit} editable={editable} reload={reload} />
          ))}
        </ul>
      ) : (
        <p class="muted">No notes yet.</p>
      )}
      {editable ? <AddNotes visit={visit} reload={reload} /> : null}
    </section>
  );
}

function NoteRow({ note, visit, editable, reload }: { note: VisitNote; visit: VisitDetail; editable: boolean; reload: () => void }) {
  const viewer = useViewer();
  const [raising, setRaising] = useState<string | null>(null);
  // The note's flags as shown: one kept here is marked at once (the server records who kept it, and when).
  const [kept, setKept] = useState<ReadonlySet<string>>(new Set());
  const [ackProblem, setAckProblem] = useState<string | null>(null);
  const row = useRef<HTMLLIElement>(null);
  const flagKey = (f: GuardrailFlag) => `${f.kind}:${f.excerpt}`;
  const flags = note.flags.map((f) => (kept.has(flagKey(f)) ? { ...f, acknowledged: true } : f));
  const keep = async (flag: GuardrailFlag) => {
    setAckProblem(null);
    try {
      await runOp('WorkspaceAcknowledgeFlag', { input: { visitId: visit.id, source: 'NOTES', kind: flag.kind, excerpt: flag.excerpt } }, visit.account.id);
      const buttons = [...(row.current?.querySelectorAll<HTMLButtonElement>('[data-testid="acknowledge-note-flag"]') ?? [])];
      const at = buttons.findIndex((b) => b.dataset.flag === flagKey(flag));
      const next = buttons[at + 1] ?? buttons[at - 1] ?? null;
      setKept((k) => new Set(k).add(flagKey(flag)));
      // The button is gone: on to the next flag to decide on, else to the note itself.
      setTimeout(() => (next?.isConnected ? next : body.current)?.focus());
      reload();
    } catch (error) {
      setAckProblem(describeFailure(error));
    }
  };
  const body = useRef<HTMLParagraphElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const open = () => {
    // The text the user selected inside this note becomes the signal's excerpt; else the whole note.
    const selection = window.getSelection();
    const selected = selection && body.current && selection.anchorNode && body.current.contains(selection.anchorNode) ? selection.toString().trim() : '';
    setRaising(selected || note.body.trim());
  };
  return (
    <li class="inbox__item" ref={row} data-testid="visit-note">
      <p class="visit__text" ref={body} tabIndex={-1}>
        {note.body}
      </p>
      <p class="muted">
        {nameFor(note.author, viewer, { start: true, fallback: 'Someone' })} · {formatWhen(note.takenAt)}
      </p>
      <GuardrailFlags
        flags={flags}
        testId="note-flags"
        action={(f) =>
          editable && !f.acknowledged ? (
            <button
              type="button"
              class="button button--small button--quiet"
              aria-label={`Keep it (acknowledge): ${f.excerpt}`}
              onClick={() => void keep(f)}
              data-testid="acknowledge-note-flag"
              data-flag={flagKey(f)}
            >
              Keep it (acknowledge)
            </button>
          ) : null
        }
      />
      {ackProblem ? (
        <p class="form-error" role="alert">
          Not kept: {ackProblem}
        </p>
      ) : null}
      {note.signals.length ? (
        <p class="muted" data-testid="note-signals">
          Signal{note.signals.length === 1 ? '' : 's'} raised: {note.signals.map((s) => `${s.label} (severity ${s.severity})`).join(', ')}
        </p>
      ) : null}
      {editable && raising === null ? (
        // onMouseDown keeps the selection: a click on the button would clear it before onClick reads it.
        <button type="button" ref={opener} class="button button--small button--quiet" onMouseDown={(e) => e.preventDefault()} onClick={open} data-testid="raise-signal-open">
          Raise a signal
        </button>
      ) : null}
      {raising !== null ? (
        <RaiseSignal
          note={note}
          visit={visit}
          excerpt={raising}
          onDone={(raised) => {
            setRaising(null);
            if (raised) reload();
            setTimeout(() => opener.current?.focus());
          }}
        />
      ) : null}
    </li>
  );
}

function RaiseSignal({ note, visit, excerpt: initial, onDone }: { note: VisitNote; visit: VisitDetail; excerpt: string; onDone: (raised: boolean) => void }) {
  const [excerpt, setExcerpt] = useState(initial);
  const [type, setType] = useState<SignalType | ''>('');
  const [severity, setSeverity] = useState<Severity>(1);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const first = useRef<HTMLTextAreaElement>(null);
  useEffect(() => first.current?.focus(), []);
  const submit = async () => {
    if (!type) return setProblem({ field: 'type', message: 'Pick what kind of signal it is.' });
    if (!note.body.includes(excerpt.trim()) || !excerpt.trim()) return setProblem({ field: 'excerpt', message: 'The excerpt must be words of the note, as written.' });
    setBusy(true);
    setProblem(null);
    try {
      await runOp(
        'WorkspaceRaiseSignalFromNote',
        { input: { visitNoteId: note.id, type, severity, excerpt: excerpt.trim(), idempotencyKey: crypto.randomUUID() } },
        visit.account.id,
      );
      onDone(true);
    } catch (error) {
      setProblem(problemOf(error, ['type', 'excerpt', 'severity']));
      setBusy(false);
    }
  };
  const name = `severity-${note.id}`;
  return (
    <form class="subform" aria-label="Raise a signal from this note" {...formKeys(submit, () => onDone(false))} data-testid="raise-signal">
      <label class="field">
        <span class="field__label">Excerpt (words of the note)</span>
        <textarea ref={first} class="field__input" rows={2} maxLength={2000} value={excerpt} aria-invalid={problem?.field === 'excerpt'} onInput={(e) => setExcerpt(e.currentTarget.value)} />
      </label>
      <ProblemText problem={problem} field="excerpt" />
      <label class="field">
        <span class="field__label">Signal</span>
        <select
          class="field__input"
          value={type}
          aria-invalid={problem?.field === 'type'}
          onChange={(e) => {
            const t = e.currentTarget.value as SignalType;
            setType(t);
            if (t) setSeverity(SIGNAL_TYPE_INFO[t].defaultSeverity);
          }}
          data-testid="raise-signal-type"
        >
          <option value="">Choose…</option>
          {CAPTURABLE_SIGNAL_TYPES.map((t) => (
            <option key={t} value={t}>
              {SIGNAL_TYPE_INFO[t].label}
            </option>
          ))}
        </select>
      </label>
      <ProblemText problem={problem} field="type" />
      <SeverityPicker value={severity} onChange={setSeverity} name={name} />
      <ProblemText problem={problem} field="severity" />
      <ProblemText problem={problem} field={null} />
      <div class="subform__actions">
        <button type="submit" class="button button--primary button--small" disabled={busy} data-testid="raise-signal-save">
          {busy ? 'Raising…' : 'Raise the signal'}
        </button>
        <button type="button" class="button button--quiet button--small" onClick={() => onDone(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function AddNotes({ visit, reload }: { visit: VisitDetail; reload: () => void }) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [added, setAdded] = useState<{ flags: GuardrailFlag[] } | null>(null);
  // One key per note being written: a retry after a lost answer is the same note, never a second one.
  const key = useRef(crypto.randomUUID());
  const area = useRef<HTMLTextAreaElement>(null);
  const submit = async () => {
    if (!text.trim()) return setProblem({ field: 'notes', message: 'Write the note first.' });
    setBusy(true);
    setProblem(null);
    setAdded(null);
    try {
      const result = (await runOp('WorkspaceAddVisitNotes', { input: { visitId: visit.id, notes: text.trim(), idempotencyKey: key.current } }, visit.account.id)).addVisitNotes;
      key.current = crypto.randomUUID();
      setText('');
      setAdded({ flags: result.flags });
      reload();
      area.current?.focus();
    } catch (error) {
      setProblem(problemOf(error, ['notes']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="request-form" aria-label="Add notes" {...formKeys(submit, () => undefined)} data-testid="add-notes">
      <label class="field">
        <span class="field__label">Add notes</span>
        <textarea
          ref={area}
          class="field__input"
          rows={3}
          maxLength={5000}
          value={text}
          aria-invalid={problem?.field === 'notes'}
          aria-describedby="add-notes-hint"
          onInput={(e) => setText(e.currentTarget.value)}
          data-testid="add-notes-text"
        />
      </label>
      <span id="add-notes-hint" class="muted">
        Ctrl+Enter adds the note. {visit.status === 'PLANNED' || visit.status === 'BRIEFED' ? 'The first note marks the visit as held.' : ''}
      </span>
      <ProblemText problem={problem} field="notes" />
      <ProblemText problem={problem} field={null} />
      {added ? (
        <div role="status" data-testid="notes-added">
          <p class="form-ok">{added.flags.length ? `Note added, with ${added.flags.length} flag${added.flags.length === 1 ? '' : 's'} to look at:` : 'Note added.'}</p>
          <GuardrailFlags flags={added.flags} testId="added-flags" />
        </div>
      ) : null}
      <div class="subform__actions">
        <button type="submit" class="button button--primary button--small" disabled={busy} data-testid="add-notes-save">
          {busy ? 'Adding…' : 'Add note'}
        </button>
      </div>
    </form>
  );
}
