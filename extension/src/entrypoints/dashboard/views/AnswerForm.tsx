import { intelQuestionChoices } from '@earshot/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { IntelQuestionData, IntelRequestData } from '@/lib/workspace-types';
import { describeFailure, runOp } from '../op';

interface Draft {
  choice: string | null;
  note: string;
  dontKnow: boolean;
}

const DONT_KNOW = '__dont_know__';

const choicesOf = (q: IntelQuestionData) => intelQuestionChoices(q);

function newKey(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/**
 * The account manager's answer, a few keystrokes per question: arrow keys pick a choice (or "Don't know"), Tab
 * moves to the optional note and on, Ctrl+Enter (⌘+Enter) sends. The first choice has the focus when it opens.
 */
export function AnswerForm({ request, onDone, onCancel }: { request: IntelRequestData; onDone: (message: string) => void; onCancel: () => void }) {
  const [drafts, setDrafts] = useState<Record<string, Draft>>(() => Object.fromEntries(request.questions.map((q) => [q.id, { choice: null, note: '', dontKnow: false }])));
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const idempotencyKey = useRef(newKey());
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => {
    form.current?.querySelector<HTMLInputElement>('input, textarea')?.focus();
  }, []);

  const update = (id: string, patch: Partial<Draft>) => setDrafts((d) => ({ ...d, [id]: { ...(d[id] as Draft), ...patch } }));

  const submit = async () => {
    // As the server checks it: a free question takes a note, the others a choice; "don't know" answers either.
    const missing = request.questions.find((q) => {
      const d = drafts[q.id];
      if (!d) return true;
      if (d.dontKnow) return false;
      return q.kind === 'TEXT' ? !d.note.trim() : !d.choice;
    });
    if (missing) return setProblem(`Answer “${missing.text}” (or choose “Don't know”).`);
    setBusy(true);
    setProblem(null);
    const answers = request.questions.map((q) => {
      const d = drafts[q.id] as Draft;
      return { questionId: q.id, ...(d.dontKnow ? { dontKnow: true } : {}), ...(d.choice && !d.dontKnow ? { choice: d.choice } : {}), ...(d.note.trim() ? { note: d.note.trim() } : {}) };
    });
    try {
      const result = (await runOp('WorkspaceAnswerIntelRequest', { input: { intelRequestId: request.id, answers, idempotencyKey: idempotencyKey.current } }, request.account.id))
        .answerIntelRequest;
      const count = result.signals.length;
      onDone(`Answered. ${count ? `${count} signal${count === 1 ? '' : 's'} recorded for ${request.account.name}.` : 'Nothing in it needed a signal.'}`);
    } catch (error) {
      setProblem(describeFailure(error));
      setBusy(false);
    }
  };

  const decline = async () => {
    if (!reason.trim()) return setProblem('Say why you cannot answer.');
    setBusy(true);
    setProblem(null);
    try {
      await runOp('WorkspaceDeclineIntelRequest', { input: { intelRequestId: request.id, reason: reason.trim() } }, request.account.id);
      onDone('Declined. Credit sees your reason.');
    } catch (error) {
      setProblem(describeFailure(error));
      setBusy(false);
    }
  };

  return (
    <form
      ref={form}
      class="answer-form"
      aria-label={`Answer the request about ${request.account.name}`}
      data-testid="answer-form"
      onSubmit={(e) => {
        e.preventDefault();
        void (declining ? decline() : submit());
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          void (declining ? decline() : submit());
        }
      }}
    >
      {request.questions.map((q, index) => {
        const d = drafts[q.id] as Draft;
        const choices = choicesOf(q);
        const name = `q-${request.id}-${q.id}`;
        return (
          <fieldset key={q.id} class="answer-form__question" data-testid="answer-question" data-kind={q.kind}>
            <legend>
              {index + 1}. {q.text}
            </legend>
            <div class="choice-row">
              {choices.map((c) => (
                <label key={c.key} class="choice">
                  <input type="radio" name={name} value={c.key} checked={!d.dontKnow && d.choice === c.key} onChange={() => update(q.id, { choice: c.key, dontKnow: false })} /> {c.label}
                </label>
              ))}
              <label class="choice">
                <input
                  type={choices.length ? 'radio' : 'checkbox'}
                  name={choices.length ? name : `${name}-dk`}
                  value={DONT_KNOW}
                  checked={d.dontKnow}
                  onChange={(e) => update(q.id, { dontKnow: choices.length ? true : e.currentTarget.checked, choice: null })}
                />{' '}
                Don't know
              </label>
            </div>
            {q.kind === 'TEXT' ? (
              <label class="field">
                <span class="field__label">Your answer</span>
                <textarea class="field__input" rows={2} maxLength={2000} value={d.note} onInput={(e) => update(q.id, { note: e.currentTarget.value })} />
              </label>
            ) : (
              <label class="field">
                <span class="field__label">{q.kind === 'SALES_VIEW' ? 'Comment (optional)' : 'Note (optional)'}</span>
                <input class="field__input" maxLength={2000} value={d.note} onInput={(e) => update(q.id, { note: e.currentTarget.value })} />
              </label>
            )}
          </fieldset>
        );
      })}
      {declining ? (
        <label class="field">
          <span class="field__label">Why can't you answer?</span>
          <input class="field__input" value={reason} maxLength={500} onInput={(e) => setReason(e.currentTarget.value)} data-testid="decline-reason" />
        </label>
      ) : null}
      {problem ? (
        <p class="form-error" role="alert">
          {problem}
        </p>
      ) : null}
      <div class="subform__actions">
        <button type="submit" class="button button--primary" disabled={busy} data-testid={declining ? 'decline-send' : 'answer-send'}>
          {busy ? 'Sending…' : declining ? 'Decline' : 'Send answers'}
        </button>
        <span class="capture__shortcut">
          <kbd>Ctrl</kbd>+<kbd>Enter</kbd>
        </span>
        <button type="button" class="button button--quiet" onClick={() => setDeclining(!declining)}>
          {declining ? 'Answer instead' : "I can't answer"}
        </button>
        <button type="button" class="button button--quiet" onClick={onCancel}>
          Close
        </button>
      </div>
    </form>
  );
}
