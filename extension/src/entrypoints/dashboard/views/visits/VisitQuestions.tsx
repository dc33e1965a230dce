import { useEffect, useRef, useState } from 'preact/hooks';
import type { VisitDetail, VisitQuestionData } from '@/lib/workspace-visit-types';
import { describeFailure, runOp } from '../../op';
import { type Problem, ProblemText, problemOf } from './visit-parts';

const MAX_QUESTIONS = 40;

/** The visit's questions: edited before the meeting, ticked off (with the answer) during it. */
export function VisitQuestions({ visit, editable, reload }: { visit: VisitDetail; editable: boolean; reload: () => void }) {
  const [editing, setEditing] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const asked = visit.questions.filter((q) => q.asked).length;
  return (
    <section class="panel-card" aria-labelledby="visit-questions" data-testid="visit-questions">
      <div class="panel-card__head">
        <h2 id="visit-questions" class="panel-card__title">
          Questions
        </h2>
        <span class="muted">
          {asked} of {visit.questions.length} asked
        </span>
      </div>
      {editing ? (
        <EditQuestions
          visit={visit}
          onDone={(saved) => {
            setEditing(false);
            if (saved) reload();
            setTimeout(() => opener.current?.focus());
          }}
        />
      ) : (
        <>
          {visit.questions.length ? (
            <ol class="visit-questions">
              {visit.questions.map((q) => (
                <QuestionRow key={q.id} question={q} visit={visit} editable={editable} reload={reload} />
              ))}
            </ol>
          ) : (
            <p class="muted">No questions prepared.</p>
          )}
          {editable ? (
            <button type="button" ref={opener} class="button button--small button--fit" onClick={() => setEditing(true)} data-testid="edit-questions">
              Edit the questions
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}

/** During the meeting: tick "asked" and type the answer; each is saved on its own. */
function QuestionRow({ question, visit, editable, reload }: { question: VisitQuestionData; visit: VisitDetail; editable: boolean; reload: () => void }) {
  const [answer, setAnswer] = useState(question.answer ?? '');
  const [asked, setAsked] = useState(question.asked);
  const [state, setState] = useState<{ ok: boolean; text: string } | null>(null);
  // The server's answer changed (saved here, or by a colleague): show it. Compared with the last one seen, so a
  // mount never overwrites what the user has started typing.
  const seen = useRef({ asked: question.asked, answer: question.answer });
  if (seen.current.asked !== question.asked || seen.current.answer !== question.answer) {
    seen.current = { asked: question.asked, answer: question.answer };
    setAsked(question.asked);
    setAnswer(question.answer ?? '');
  }
  const save = async (nextAsked: boolean, nextAnswer: string) => {
    setState(null);
    try {
      await runOp(
        'WorkspaceTickVisitQuestion',
        { input: { visitId: visit.id, questionId: question.id, asked: nextAsked, ...(nextAnswer.trim() ? { answer: nextAnswer.trim() } : {}) } },
        visit.account.id,
      );
      setState({ ok: true, text: 'Saved' });
      reload();
    } catch (error) {
      setAsked(question.asked);
      setState({ ok: false, text: describeFailure(error) });
    }
  };
  return (
    <li class="visit-question" data-testid="visit-question" data-asked={asked ? 'true' : 'false'}>
      {editable ? (
        <>
          <label class="confirm__box">
            <input
              type="checkbox"
              checked={asked}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                setAsked(on);
                void save(on, answer);
              }}
              data-testid="question-asked"
            />{' '}
            {question.text}
          </label>
          <label class="field visit-question__answer">
            <span class="field__label">
              Their answer<span class="visually-hidden"> to “{question.text}”</span>
            </span>
            <input
              class="field__input"
              value={answer}
              maxLength={2000}
              onInput={(e) => setAnswer(e.currentTarget.value)}
              // The field's own value: the state may not have caught up with the last keystroke yet.
              onBlur={(e) => {
                const typed = e.currentTarget.value;
                if (typed.trim() !== (question.answer ?? '')) {
                  setAsked(true);
                  void save(true, typed);
                }
              }}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  setAsked(true);
                  void save(true, e.currentTarget.value);
                }
              }}
              data-testid="question-answer"
            />
          </label>
        </>
      ) : (
        <>
          <span>
            {question.text} <span class="muted">{question.asked ? '(asked)' : '(not asked)'}</span>
          </span>
          {question.answer ? <span class="qa__answer">{question.answer}</span> : null}
        </>
      )}
      {state ? (
        <span class={state.ok ? 'form-ok' : 'form-error'} role={state.ok ? 'status' : 'alert'}>
          {state.text}
        </span>
      ) : null}
    </li>
  );
}

function EditQuestions({ visit, onDone }: { visit: VisitDetail; onDone: (saved: boolean) => void }) {
  const [rows, setRows] = useState<(Partial<VisitQuestionData> & { text: string })[]>(visit.questions.map((q) => ({ ...q })));
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const list = useRef<HTMLOListElement>(null);
  const [focus, setFocus] = useState<number | null>(0);
  useEffect(() => {
    if (focus === null) return;
    list.current?.querySelectorAll<HTMLInputElement>('input')[focus]?.focus();
    setFocus(null);
  }, [focus]);
  const save = async (e: Event) => {
    e.preventDefault();
    const empty = rows.findIndex((r) => !r.text.trim());
    if (empty >= 0) {
      setFocus(empty);
      return setProblem({ field: null, message: `Question ${empty + 1} is empty: write it or remove it.` });
    }
    setBusy(true);
    setProblem(null);
    try {
      const questions = rows.map((r) => ({
        ...(r.id ? { id: r.id } : {}),
        ...(r.template ? { template: r.template } : {}),
        text: r.text.trim(),
        asked: r.asked ?? false,
        ...(r.answer ? { answer: r.answer } : {}),
      }));
      await runOp('WorkspaceSetVisitQuestions', { input: { visitId: visit.id, questions } }, visit.account.id);
      onDone(true);
    } catch (error) {
      setProblem(problemOf(error, []));
      setBusy(false);
    }
  };
  return (
    <form class="request-form" aria-label="Edit the questions" onSubmit={(e) => void save(e)} onKeyDown={(e) => e.key === 'Escape' && onDone(false)} data-testid="questions-form">
      <ol class="question-edit" ref={list}>
        {rows.map((r, i) => (
          <li key={r.id ?? `new-${i}`} class="subform__row">
            <label class="field">
              <span class="visually-hidden">Question {i + 1}</span>
              <input
                class="field__input"
                value={r.text}
                maxLength={500}
                // A reworded template question is the user's own from now on.
                onInput={(e) => {
                  const text = e.currentTarget.value;
                  setRows((all) => all.map((x, j) => (j === i ? { ...x, text } : x)));
                }}
                data-testid="question-text"
              />
            </label>
            <button
              type="button"
              class="button button--quiet button--small"
              aria-label={`Remove question ${i + 1}`}
              onClick={() => {
                setRows((all) => all.filter((_, j) => j !== i));
                setFocus(Math.max(0, Math.min(i, rows.length - 2)));
              }}
            >
              Remove
            </button>
          </li>
        ))}
      </ol>
      {rows.length < MAX_QUESTIONS ? (
        <button
          type="button"
          class="button button--small"
          onClick={() => {
            setRows((all) => [...all, { text: '' }]);
            setFocus(rows.length);
          }}
        >
          Add a question
        </button>
      ) : null}
      <ProblemText problem={problem} field={null} />
      <div class="subform__actions">
        <button type="submit" class="button button--primary button--small" disabled={busy} data-testid="questions-save">
          {busy ? 'Saving…' : 'Save the questions'}
        </button>
        <button type="button" class="button button--quiet button--small" onClick={() => onDone(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
