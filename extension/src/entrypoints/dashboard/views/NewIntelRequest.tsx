import { useEffect, useRef, useState } from 'preact/hooks';
import type { Person } from '@/lib/workspace-types';
import { useDebounced } from '@/ui/hooks/use-debounced';
import { describeFailure, runOp } from '../op';
import { Failure, Loading, ViewHeading } from '../parts';
import { href } from '../route';
import { useQuery } from '../use-query';

export interface Target {
  id: string;
  name: string;
  accountManager: Person | null;
}

const MAX_FREE_QUESTIONS = 5;

function inDays(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Credit asks an account manager what they see (seed 000): template questions, free questions, a due date. */
export function NewIntelRequest({ accountId }: { accountId: string | null }) {
  const [target, setTarget] = useState<Target | null>(null);
  const [picked, setPicked] = useState(false);
  const preset = useQuery(async () => {
    if (!accountId) return null;
    const account = (await runOp('AccountCard', { id: accountId })).account;
    return account ? { id: account.id, name: account.name, accountManager: account.accountManager } : null;
  }, accountId ?? '');
  useEffect(() => {
    if (preset.phase === 'ready' && preset.data) setTarget(preset.data);
  }, [preset.phase]);
  const [sent, setSent] = useState<{ to: string; account: Target } | null>(null);

  return (
    <section class="view" aria-labelledby="new-intel-title">
      <ViewHeading>
        <span id="new-intel-title">New intel request</span>
      </ViewHeading>
      {sent ? (
        <Sent to={sent.to} account={sent.account} />
      ) : accountId && preset.phase === 'loading' ? (
        <Loading what="the account" />
      ) : accountId && preset.phase === 'failed' ? (
        <Failure error={preset.error} onRetry={preset.reload} title="Could not load the account" />
      ) : target ? (
        <RequestForm target={target} focusFirst={picked} onChangeAccount={() => setTarget(null)} onSent={(to) => setSent({ to, account: target })} />
      ) : (
        <AccountPicker
          onPick={(t) => {
            setPicked(true);
            setTarget(t);
          }}
        />
      )}
    </section>
  );
}

function Sent({ to, account }: { to: string; account: Target }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div class="state-message" data-testid="intel-sent">
      <p class="state-message__title" tabIndex={-1} ref={ref} role="status">
        Sent to {to}.
      </p>
      <p class="muted">They see it in the panel on {account.name}'s pages, in the popup and here, and answer in a few keystrokes.</p>
      <div class="state-message__actions">
        <a class="button" href={href.intel()}>
          Back to intel requests
        </a>
        <a class="button button--quiet" href={href.account(account.id)}>
          Open {account.name}
        </a>
      </div>
    </div>
  );
}

export function AccountPicker({ onPick }: { onPick: (t: Target) => void }) {
  const [text, setText] = useState('');
  const search = useDebounced(text.trim(), 250);
  const hits = useQuery(async () => {
    if (!search) return [];
    const accounts = (await runOp('WorkspacePortfolio', { first: 8, filter: { search }, orderBy: { field: 'NAME', direction: 'ASC' } })).accounts;
    return accounts.edges.map((e) => e.node);
  }, search);
  return (
    <div class="picker">
      <label class="field">
        <span class="field__label">Which customer?</span>
        <input class="field__input" type="search" value={text} onInput={(e) => setText(e.currentTarget.value)} placeholder="Search by name or domain" data-testid="intel-account-search" />
      </label>
      {hits.phase === 'failed' ? <Failure error={hits.error} onRetry={hits.reload} title="Search failed" /> : null}
      {hits.phase === 'ready' && search && hits.data.length === 0 ? <p class="muted">No account matches “{search}”.</p> : null}
      {hits.phase === 'ready' && hits.data.length ? (
        <ul class="list">
          {hits.data.map((a) => (
            <li key={a.id}>
              <button type="button" class="button button--small" onClick={() => onPick({ id: a.id, name: a.name, accountManager: a.accountManager })}>
                {a.name}
              </button>{' '}
              <span class="muted">{a.accountManager ? `account manager ${a.accountManager.name}` : 'no account manager'}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function RequestForm({ target, focusFirst, onChangeAccount, onSent }: { target: Target; focusFirst: boolean; onChangeAccount: () => void; onSent: (to: string) => void }) {
  const templates = useQuery(async () => (await runOp('WorkspaceIntelTemplates')).intelQuestionTemplates, 'templates');
  const [chosen, setChosen] = useState<string[]>([]);
  const [free, setFree] = useState<string[]>([]);
  const [message, setMessage] = useState('');
  const [due, setDue] = useState(inDays(7));
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const about = useRef<HTMLParagraphElement>(null);
  /** The free question to put the focus in once it is rendered (just added, or left empty at sending). */
  const [focusFree, setFocusFree] = useState<number | null>(null);
  const freeInput = (i: number) => form.current?.querySelectorAll<HTMLInputElement>('[data-testid="intel-free-question"]')[i];

  // The customer was just picked (the button that had the focus is gone): the focus lands on the form, then on its
  // first question once the questions are there.
  useEffect(() => {
    if (focusFirst) about.current?.focus();
  }, []);
  useEffect(() => {
    if (!focusFirst || templates.phase === 'loading') return;
    if (document.activeElement !== about.current) return;
    form.current?.querySelector<HTMLElement>('[data-testid="intel-template"], [data-testid="intel-free-question"], textarea')?.focus();
  }, [templates.phase]);
  useEffect(() => {
    if (focusFree === null) return;
    freeInput(focusFree)?.focus();
    setFocusFree(null);
  }, [focusFree]);

  const addFree = () => {
    setFocusFree(free.length);
    setFree((f) => [...f, '']);
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    const empty = free.findIndex((t) => !t.trim());
    if (empty >= 0) {
      setProblem(`Your question ${empty + 1} is empty: write it or remove it.`);
      setFocusFree(empty);
      return;
    }
    const questions = [...chosen.map((template) => ({ template })), ...free.map((text) => ({ text: text.trim() }))];
    if (!questions.length) return setProblem('Pick at least one question or write one.');
    if (!target.accountManager) return setProblem(`${target.name} has no account manager to ask.`);
    setBusy(true);
    setProblem(null);
    try {
      const created = (
        await runOp(
          'WorkspaceCreateIntelRequest',
          { input: { accountId: target.id, questions, ...(message.trim() ? { message: message.trim() } : {}), ...(due ? { dueAt: `${due}T17:00:00.000Z` } : {}) } },
          target.id,
        )
      ).createIntelRequest.intelRequest;
      onSent(created.assignedTo?.name ?? target.accountManager.name);
    } catch (error) {
      setProblem(describeFailure(error));
      setBusy(false);
    }
  };

  return (
    <form ref={form} class="request-form" onSubmit={(e) => void submit(e)} aria-label="New intel request" data-testid="intel-form">
      <p tabIndex={-1} ref={about} data-testid="intel-about">
        About <strong>{target.name}</strong>{' '}
        <button type="button" class="button button--quiet button--small" onClick={onChangeAccount}>
          Change
        </button>
      </p>
      <p data-testid="intel-assignee">
        Goes to {target.accountManager ? <strong>{target.accountManager.name}</strong> : <strong>nobody: the account has no account manager</strong>} (the
        account manager).
      </p>
      <fieldset class="subform">
        <legend class="field__label">Questions</legend>
        {templates.phase === 'loading' ? <Loading what="the questions" /> : null}
        {templates.phase === 'failed' ? <Failure error={templates.error} onRetry={templates.reload} title="Could not load the questions" /> : null}
        {templates.phase === 'ready'
          ? templates.data.map((t) => (
              <label key={t.key} class="confirm__box">
                <input
                  type="checkbox"
                  value={t.key}
                  checked={chosen.includes(t.key)}
                  onChange={(e) => setChosen((c) => (e.currentTarget.checked ? [...c, t.key] : c.filter((k) => k !== t.key)))}
                  data-testid="intel-template"
                />{' '}
                {t.text}
              </label>
            ))
          : null}
        {free.map((text, i) => (
          <div key={i} class="subform__row">
            <label class="field">
              <span class="field__label">Your question {i + 1}</span>
              <input
                class="field__input"
                value={text}
                maxLength={500}
                onInput={(e) => setFree((f) => f.map((x, j) => (j === i ? e.currentTarget.value : x)))}
                data-testid="intel-free-question"
              />
            </label>
            <button
              type="button"
              class="button button--quiet button--small"
              aria-label={`Remove your question ${i + 1}`}
              onClick={() => {
                setFree((f) => f.filter((_, j) => j !== i));
                setProblem(null);
              }}
              data-testid="intel-free-remove"
            >
              Remove
            </button>
          </div>
        ))}
        {free.length < MAX_FREE_QUESTIONS ? (
          <button type="button" class="button button--small" onClick={addFree} data-testid="intel-free-add">
            Add your own question
          </button>
        ) : null}
      </fieldset>
      <label class="field">
        <span class="field__label">Message (optional)</span>
        <textarea class="field__input" rows={2} maxLength={2000} value={message} onInput={(e) => setMessage(e.currentTarget.value)} />
      </label>
      <label class="field field--narrow">
        <span class="field__label">Answer by</span>
        <input class="field__input" type="date" value={due} onInput={(e) => setDue(e.currentTarget.value)} />
      </label>
      {problem ? (
        <p class="form-error" role="alert">
          {problem}
        </p>
      ) : null}
      <div class="subform__actions">
        <button type="submit" class="button button--primary" disabled={busy} data-testid="intel-send">
          {busy ? 'Sending…' : 'Send request'}
        </button>
      </div>
    </form>
  );
}
