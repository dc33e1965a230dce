import { VISIT_PURPOSES, VISIT_QUESTION_TEMPLATES, type VisitPurpose } from '@earshot/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { VisitAccount } from '@/lib/workspace-visit-types';
import { runOp } from '../../op';
import { Failure, Loading, ViewHeading } from '../../parts';
import { href } from '../../route';
import type { Abilities } from '../../session';
import { useQuery } from '../../use-query';
import { AccountPicker } from '../NewIntelRequest';
import { ColleaguePicker, type Person, type Suggested } from './ColleaguePicker';
import { fromLocalInput, type Problem, ProblemText, problemOf, purposeLabel, toLocalInput } from './visit-parts';

const MAX_QUESTIONS = 40;
// The fields a refusal is shown beside; one naming another field shows under the form.
const FIELDS = ['scheduledAt', 'place', 'attendeeIds', 'contactIds', 'goals', 'questions'] as const;

/** "Plan a visit" (seed 004's "do"s): the customer, why, when and where, who goes, whom to meet, goals, questions. */
export function PlanVisit({ can, accountId }: { can: Abilities; accountId: string | null }) {
  const [picked, setPicked] = useState<string | null>(accountId);
  const account = useQuery(async () => (picked ? (await runOp('WorkspaceVisitAccount', { id: picked })).account : null), picked ?? '');
  return (
    <section class="view" aria-labelledby="plan-visit-title">
      <ViewHeading>
        <span id="plan-visit-title">Plan a visit</span>
      </ViewHeading>
      {!picked ? (
        <AccountPicker onPick={(t) => setPicked(t.id)} />
      ) : account.phase === 'loading' ? (
        <Loading what="the account" />
      ) : account.phase === 'failed' ? (
        <Failure error={account.error} onRetry={account.reload} title="Could not load the account" />
      ) : account.data ? (
        <PlanForm can={can} account={account.data} focusFirst={picked !== accountId} onChangeAccount={() => setPicked(null)} />
      ) : (
        <p>This account does not exist, or you cannot see it.</p>
      )}
    </section>
  );
}

function templatesOf(purpose: VisitPurpose): string[] {
  return VISIT_QUESTION_TEMPLATES[purpose].map((t) => t.text);
}

function PlanForm({ can, account, focusFirst, onChangeAccount }: { can: Abilities; account: VisitAccount; focusFirst: boolean; onChangeAccount: () => void }) {
  const me = can.user.id;
  // Offered first: the account manager ("travel with the sales person") and the credit owner; anyone else by search.
  const suggested: Suggested[] = [
    ...(account.accountManager ? [{ person: account.accountManager, note: 'account manager' }] : []),
    ...(account.creditOwner && account.creditOwner.id !== account.accountManager?.id ? [{ person: account.creditOwner, note: 'credit owner' }] : []),
  ].filter((s) => s.person.id !== me);
  const [purpose, setPurpose] = useState<VisitPurpose>('INTRODUCTION');
  const [when, setWhen] = useState(() => {
    const d = new Date(Date.now() + 7 * 86_400_000);
    d.setHours(10, 0, 0, 0);
    return toLocalInput(d);
  });
  const [place, setPlace] = useState('');
  // Credit plans: the account manager is ticked to start with.
  const [attendees, setAttendees] = useState<Person[]>(can.credit && account.accountManager && account.accountManager.id !== me ? [account.accountManager] : []);
  const [contacts, setContacts] = useState<string[]>([]);
  const [goals, setGoals] = useState('');
  const [questions, setQuestions] = useState<string[]>(templatesOf('INTRODUCTION'));
  const [edited, setEdited] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const about = useRef<HTMLParagraphElement>(null);
  const list = useRef<HTMLOListElement>(null);
  const [focusQuestion, setFocusQuestion] = useState<number | null>(null);

  useEffect(() => {
    if (focusFirst) about.current?.focus();
  }, []);
  useEffect(() => {
    if (focusQuestion === null) return;
    list.current?.querySelectorAll<HTMLInputElement>('input')[focusQuestion]?.focus();
    setFocusQuestion(null);
  }, [focusQuestion]);

  const choosePurpose = (p: VisitPurpose) => {
    setPurpose(p);
    // The purpose's questions replace the list until the user has changed it; then theirs stay.
    if (!edited) setQuestions(templatesOf(p));
  };
  const editQuestions = (next: string[]) => {
    setEdited(true);
    setQuestions(next);
  };
  const toggle = (list: string[], id: string, on: boolean) => (on ? [...list, id] : list.filter((x) => x !== id));

  const submit = async (e: Event) => {
    e.preventDefault();
    const scheduledAt = fromLocalInput(when);
    if (!scheduledAt) return setProblem({ field: 'scheduledAt', message: 'Say when the visit is: a date and a time.' });
    if (!goals.trim()) return setProblem({ field: 'goals', message: 'Write the goals of the visit: what you want to come back with.' });
    const empty = questions.findIndex((q) => !q.trim());
    if (empty >= 0) {
      setFocusQuestion(empty);
      return setProblem({ field: 'questions', message: `Question ${empty + 1} is empty: write it or remove it.` });
    }
    setBusy(true);
    setProblem(null);
    try {
      const visit = (
        await runOp(
          'WorkspacePlanVisit',
          {
            input: {
              accountId: account.id,
              purpose,
              scheduledAt,
              ...(place.trim() ? { place: place.trim() } : {}),
              attendeeIds: attendees.map((a) => a.id),
              contactIds: contacts,
              goals: goals.trim(),
              // Untouched, the server starts from the purpose's templates (and keeps their keys).
              ...(edited ? { questions: questions.map((q) => q.trim()) } : {}),
            },
          },
          account.id,
        )
      ).planVisit.visit;
      location.hash = href.visit(visit.id);
    } catch (error) {
      setProblem(problemOf(error, FIELDS));
      setBusy(false);
    }
  };

  return (
    <form class="request-form" onSubmit={(e) => void submit(e)} aria-label="Plan a visit" data-testid="plan-visit-form" noValidate>
      <p tabIndex={-1} ref={about} data-testid="plan-visit-account">
        Visit to <strong>{account.name}</strong>{' '}
        <button type="button" class="button button--quiet button--small" onClick={onChangeAccount}>
          Change
        </button>
      </p>
      <fieldset class="subform">
        <legend class="field__label">Why</legend>
        <div class="choice-row">
          {VISIT_PURPOSES.map((p) => (
            <label key={p} class="choice">
              <input type="radio" name="purpose" value={p} checked={purpose === p} onChange={() => choosePurpose(p)} /> {purposeLabel(p)}
            </label>
          ))}
        </div>
      </fieldset>
      <div class="subform__row">
        <label class="field">
          <span class="field__label">When</span>
          <input class="field__input" type="datetime-local" name="scheduledAt" value={when} required aria-invalid={problem?.field === 'scheduledAt'} onInput={(e) => setWhen(e.currentTarget.value)} />
        </label>
        <ProblemText problem={problem} field="scheduledAt" />
        <label class="field">
          <span class="field__label">Where (optional)</span>
          <input class="field__input" name="place" value={place} maxLength={200} aria-invalid={problem?.field === 'place'} onInput={(e) => setPlace(e.currentTarget.value)} placeholder="Their offices, Leeds" />
        </label>
        <ProblemText problem={problem} field="place" />
      </div>
      <fieldset class="subform" aria-invalid={problem?.field === 'attendeeIds'}>
        <legend class="field__label">Who goes with you</legend>
        <p class="muted">You organize the visit.</p>
        <ColleaguePicker searchLabel="Add a colleague who goes" suggested={suggested} picked={attendees} onChange={setAttendees} exclude={[me]} testId="plan-attendee" />
      </fieldset>
      <ProblemText problem={problem} field="attendeeIds" />
      <fieldset class="subform" aria-invalid={problem?.field === 'contactIds'}>
        <legend class="field__label">Whom you meet at {account.name}</legend>
        {account.contacts.length ? (
          account.contacts.map((c) => (
            <label key={c.id} class="confirm__box">
              <input type="checkbox" checked={contacts.includes(c.id)} onChange={(e) => setContacts((a) => toggle(a, c.id, e.currentTarget.checked))} data-testid="plan-contact" /> {c.name}
              {c.role ? ` (${c.role})` : ''}
            </label>
          ))
        ) : (
          <p class="muted">No contact is recorded for this customer yet: add them on the account page.</p>
        )}
      </fieldset>
      <ProblemText problem={problem} field="contactIds" />
      <label class="field">
        <span class="field__label">Goals</span>
        <textarea class="field__input" name="goals" rows={3} maxLength={2000} value={goals} aria-invalid={problem?.field === 'goals'} onInput={(e) => setGoals(e.currentTarget.value)} />
      </label>
      <ProblemText problem={problem} field="goals" />
      <fieldset class="subform" aria-invalid={problem?.field === 'questions'}>
        <legend class="field__label">Questions to ask ({purposeLabel(purpose).toLowerCase()})</legend>
        <ol class="question-edit" ref={list}>
          {questions.map((q, i) => (
            <li key={i} class="subform__row">
              <label class="field">
                <span class="visually-hidden">Question {i + 1}</span>
                <input class="field__input" value={q} maxLength={500} onInput={(e) => editQuestions(questions.map((x, j) => (j === i ? e.currentTarget.value : x)))} data-testid="plan-question" />
              </label>
              <button
                type="button"
                class="button button--quiet button--small"
                aria-label={`Remove question ${i + 1}`}
                onClick={() => {
                  editQuestions(questions.filter((_, j) => j !== i));
                  setFocusQuestion(Math.max(0, Math.min(i, questions.length - 2)));
                }}
              >
                Remove
              </button>
            </li>
          ))}
        </ol>
        {questions.length < MAX_QUESTIONS ? (
          <button
            type="button"
            class="button button--small"
            onClick={() => {
              editQuestions([...questions, '']);
              setFocusQuestion(questions.length);
            }}
          >
            Add a question
          </button>
        ) : null}
      </fieldset>
      <ProblemText problem={problem} field="questions" />
      <ProblemText problem={problem} field={null} />
      <div class="subform__actions">
        <button type="submit" class="button button--primary" disabled={busy} data-testid="plan-visit-save">
          {busy ? 'Planning…' : 'Plan the visit'}
        </button>
      </div>
    </form>
  );
}
