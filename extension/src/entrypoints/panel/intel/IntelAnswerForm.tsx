import { useRef, useState } from 'preact/hooks';
import { isRetryable, newIdempotencyKey, runOp } from '@/lib/run-op';
import type { IntelRequestData } from '@/lib/types';
import { buildAnswers, choicesOf, DONT_KNOW, type Drafts, emptyDrafts, questionPrompt } from './answers';
import { DeclineForm } from './DeclineForm';

interface Props {
  request: IntelRequestData;
  accountId: string;
  /** The server took the answer (or the decline): `signals` is how many signals it wrote. */
  onDone: (outcome: { declined: boolean; signals: number }) => void;
}

type Status = { kind: 'idle' } | { kind: 'sending' } | { kind: 'problem'; message: string } | { kind: 'not-sent'; message: string };

/**
 * Answers one request in a few keystrokes: in each question the number keys pick a choice (arrow keys move
 * within it, as in any radio group) and focus moves on to the next question; Enter sends. When the server
 * cannot be reached nothing is lost: the form stays filled, says "Not sent", and Retry sends the same answer
 * again with the same idempotency key (so an answer that did arrive is not applied twice).
 */
export function IntelAnswerForm({ request, accountId, onDone }: Props) {
  const [drafts, setDrafts] = useState<Drafts>(() => emptyDrafts(request.questions));
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [declining, setDeclining] = useState(false);
  const idempotencyKey = useRef(newIdempotencyKey());
  const form = useRef<HTMLFormElement>(null);
  const idBase = `intel-${request.id}`;

  const setDraft = (questionId: string, patch: Partial<Drafts[string]>) =>
    setDrafts((d) => ({ ...d, [questionId]: { ...(d[questionId] ?? { choice: null, note: '' }), ...patch } }));

  const focusQuestion = (index: number) => {
    const next = form.current?.querySelectorAll<HTMLElement>('[data-question]')[index];
    // The chosen choice, else the first; a free question's answer field; past the last question, Send.
    const target = ['input[type=radio]:checked', 'input[type=radio]', 'textarea']
      .map((selector) => next?.querySelector<HTMLElement>(selector))
      .find(Boolean);
    (target ?? form.current?.querySelector<HTMLElement>('[data-send]'))?.focus();
  };

  const submit = async () => {
    if (status.kind === 'sending') return;
    const built = buildAnswers(request.questions, drafts);
    if (!built.ok) {
      setStatus({ kind: 'problem', message: built.problem });
      focusQuestion(request.questions.findIndex((q) => q.id === built.questionId));
      return;
    }
    setStatus({ kind: 'sending' });
    const input = { intelRequestId: request.id, answers: built.answers, idempotencyKey: idempotencyKey.current };
    const outcome = await runOp('PanelAnswerIntelRequest', { input }, accountId);
    if (outcome.ok) {
      onDone({ declined: false, signals: outcome.data.answerIntelRequest.signals.length });
    } else if (isRetryable(outcome)) {
      setStatus({ kind: 'not-sent', message: outcome.error });
    } else {
      setStatus({ kind: 'problem', message: outcome.error });
    }
  };

  const onChoiceKey = (e: KeyboardEvent, questionIndex: number, keys: string[]) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const question = request.questions[questionIndex];
    if (!question) return;
    const n = Number(e.key);
    if (Number.isInteger(n) && n >= 1 && n <= keys.length) {
      e.preventDefault();
      setDraft(question.id, { choice: keys[n - 1] ?? null });
      focusQuestion(questionIndex + 1);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      void submit();
    }
  };

  if (declining) {
    return (
      <DeclineForm
        requestId={request.id}
        accountId={accountId}
        onDeclined={() => onDone({ declined: true, signals: 0 })}
        onBack={() => {
          setDeclining(false);
          queueMicrotask(() => focusQuestion(0));
        }}
      />
    );
  }

  const sending = status.kind === 'sending';
  return (
    <form
      ref={form}
      class="intel-form"
      data-testid="intel-answer-form"
      aria-label={`Answer ${request.requestedBy?.name ?? 'credit'}’s questions`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          void submit();
        }
      }}
    >
      {request.questions.map((question, index) => {
        const draft = drafts[question.id] ?? { choice: null, note: '' };
        const choices = question.kind === 'TEXT' ? [] : choicesOf(question);
        const keys = choices.map((c) => c.key);
        const legendId = `${idBase}-${question.id}-legend`;
        return (
          <fieldset key={question.id} class="intel-question" data-question={question.id} data-kind={question.kind} aria-labelledby={legendId}>
            <legend id={legendId} class="intel-question__text">
              {request.questions.length > 1 ? <span class="intel-question__number">{index + 1}. </span> : null}
              {questionPrompt(question)}
            </legend>
            {choices.length ? (
              <div class="chips__group" role="radiogroup" aria-labelledby={legendId} onKeyDown={(e) => onChoiceKey(e, index, keys)}>
                {choices.map((choice, i) => {
                  const checked = draft.choice === choice.key;
                  return (
                    <label key={choice.key} class="chip intel-choice" data-checked={checked ? 'true' : undefined} data-testid="intel-choice">
                      <input
                        class="chip__input"
                        type="radio"
                        name={`${idBase}-${question.id}`}
                        value={choice.key}
                        checked={checked}
                        aria-keyshortcuts={String(i + 1)}
                        onChange={() => setDraft(question.id, { choice: choice.key })}
                      />
                      <span class="intel-choice__key" aria-hidden="true">
                        {i + 1}
                      </span>{' '}
                      {choice.label}
                    </label>
                  );
                })}
              </div>
            ) : (
              <label class="intel-dont-know">
                <input
                  type="checkbox"
                  checked={draft.choice === DONT_KNOW}
                  onChange={(e) => setDraft(question.id, { choice: e.currentTarget.checked ? DONT_KNOW : null })}
                />{' '}
                Don’t know
              </label>
            )}
            <label class="field">
              <span class="field__label">{question.kind === 'TEXT' ? 'Your answer' : question.kind === 'SALES_VIEW' ? 'Comment (optional)' : 'Note (optional)'}</span>
              <textarea
                class="field__input"
                rows={question.kind === 'TEXT' ? 2 : 1}
                maxLength={2000}
                value={draft.note}
                data-testid="intel-note"
                onInput={(e) => setDraft(question.id, { note: e.currentTarget.value })}
              />
            </label>
          </fieldset>
        );
      })}
      {status.kind === 'problem' ? (
        <p class="capture__problem" role="alert" data-testid="intel-problem">
          {status.message}
        </p>
      ) : null}
      {status.kind === 'not-sent' ? (
        <p class="capture__status" data-status="failed" role="alert" data-testid="intel-not-sent">
          <strong>Not sent.</strong> {status.message} Your answers are kept here: send them again when the connection is back.
        </p>
      ) : null}
      <div class="capture__actions">
        <button type="submit" class="button button--primary" data-send data-testid="intel-send" disabled={sending}>
          {sending ? 'Sending…' : status.kind === 'not-sent' ? 'Retry' : 'Send answers'}
        </button>
        <button type="button" class="button button--quiet" data-testid="intel-decline" disabled={sending} onClick={() => setDeclining(true)}>
          Can’t answer
        </button>
        <span class="capture__shortcut" aria-hidden="true">
          Number keys pick · Enter sends
        </span>
      </div>
    </form>
  );
}
