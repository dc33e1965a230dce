import { type ComposeTarget, COMPOSE_URL_LIMIT, composeUrls } from '@earshot/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { GuardrailFlag, VisitDetail, VisitFollowUp } from '@/lib/workspace-visit-types';
import { useDebounced } from '@/ui/hooks/use-debounced';
import { describeFailure, OpError, runOp } from '../../op';
import { GuardrailFlags } from './GuardrailFlags';
import { copyText, openCompose } from './open-compose';
import { formatWhen } from './visit-parts';

const TARGETS: { target: ComposeTarget; label: string }[] = [
  { target: 'gmail', label: 'Open in Gmail' },
  { target: 'outlook', label: 'Open in Outlook' },
  { target: 'mailto', label: 'Open in mail app' },
];

const OPENED_IN: Record<ComposeTarget, string> = {
  gmail: 'Opened in Gmail in a new tab: read it there and send it yourself.',
  outlook: 'Opened in Outlook in a new tab: read it there and send it yourself.',
  mailto: 'Opened in your mail app: read it there and send it yourself.',
};

/**
 * The server's refusal (“input.body: acknowledge or edit the flagged words first: “a”, “b””) as a sentence: the
 * field path dropped, the excerpts kept.
 */
export function unacknowledgedSentence(message: string): string {
  const excerpts = message.match(/“[^”]*”/g);
  return excerpts?.length
    ? `Some flagged words are neither kept nor edited away: ${excerpts.join(', ')}. Press “Keep it (acknowledge)” on each, or edit the text, then open it again.`
    : 'Some flagged words are neither kept nor edited away. Press “Keep it (acknowledge)” on each, or edit the text, then open it again.';
}

/** The text the guardrails read: subject and body, as the customer would read them. */
export const followUpText = (subject: string, body: string) => `${subject}\n\n${body}`;

/**
 * The follow-up e-mail to the customer (seed 004): drafted by the server from the visit, edited here, checked
 * against the guardrails as it is edited, then opened in the user's own mail to send. Earshot never sends it.
 */
export function FollowUp({ visit, reload }: { visit: VisitDetail; reload: () => void }) {
  const [draft, setDraft] = useState<VisitFollowUp | null>(visit.followUp);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  // What the last compose button did, kept here: the page reloads as FOLLOWED_UP and the editor gives way to the record.
  const [opened, setOpened] = useState<string | null>(null);
  const section = useRef<HTMLElement>(null);
  const draftNow = async () => {
    setBusy(true);
    setProblem(null);
    try {
      setDraft((await runOp('WorkspaceDraftFollowUp', { input: { visitId: visit.id } }, visit.account.id)).draftVisitFollowUp.draft);
      // The button's work is the draft: the focus goes to its subject, to read and edit it.
      setTimeout(() => section.current?.querySelector<HTMLElement>('[data-testid="follow-up-subject"]')?.focus());
    } catch (error) {
      setProblem(describeFailure(error));
    } finally {
      setBusy(false);
    }
  };
  // Once recorded, the text sent is kept: the server refuses a new draft or a second recording.
  const sent = visit.status === 'FOLLOWED_UP';
  return (
    <section ref={section} class="panel-card" aria-labelledby="visit-follow-up" data-testid="follow-up">
      <h2 id="visit-follow-up" class="panel-card__title">
        Follow-up e-mail to the customer
      </h2>
      {sent ? (
        <SentFollowUp visit={visit} opened={opened} />
      ) : (
        <>
          {draft ? (
            <FollowUpEditor key={draft.draftedAt} visit={visit} draft={draft} reload={reload} onOpened={setOpened} />
          ) : (
            <p class="muted">A summary of what was discussed and who does what by when, for you to read, edit and send from your own mail.</p>
          )}
          <div class="subform__actions">
            <button type="button" class={draft ? 'button button--small button--quiet' : 'button button--primary'} disabled={busy} onClick={() => void draftNow()} data-testid="draft-follow-up">
              {busy ? 'Drafting…' : draft ? 'Draft it again from the visit' : 'Draft follow-up e-mail'}
            </button>
          </div>
          {problem ? (
            <p class="form-error" role="alert">
              {problem}
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}

/** Once FOLLOWED_UP, the follow-up as recorded, read-only: nothing here drafts or records it again. */
function SentFollowUp({ visit, opened }: { visit: VisitDetail; opened: string | null }) {
  const f = visit.followUp;
  return (
    <div data-testid="follow-up-sent">
      {opened ? (
        <p class="form-ok" role="status" data-testid="follow-up-outcome">
          {opened}
        </p>
      ) : null}
      <p>
        Sent{visit.followedUpAt ? ` on ${formatWhen(visit.followedUpAt)}` : ''} from your mail{f?.to.length ? ` to ${f.to.join(', ')}` : ''}. Earshot keeps
        this copy of what was opened to send:
      </p>
      {f ? (
        <dl class="visit__people">
          <div>
            <dt>Subject</dt>
            <dd data-testid="follow-up-sent-subject">{f.subject}</dd>
          </div>
          <div>
            <dt>Message</dt>
            <dd class="visit__text" data-testid="follow-up-sent-body">
              {f.body}
            </dd>
          </div>
        </dl>
      ) : (
        <p class="muted">The text was not kept.</p>
      )}
    </div>
  );
}

function FollowUpEditor({ visit, draft, reload, onOpened }: { visit: VisitDetail; draft: VisitFollowUp; reload: () => void; onOpened: (text: string) => void }) {
  const [to, setTo] = useState(draft.to.join(', '));
  const [subject, setSubject] = useState(draft.subject);
  const [body, setBody] = useState(draft.body);
  const [flags, setFlags] = useState<GuardrailFlag[]>(draft.flags);
  const [checking, setChecking] = useState(false);
  const [checkFailed, setCheckFailed] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const text = followUpText(subject, body);
  const settled = useDebounced(text, 600);
  const first = useRef(true);
  const generation = useRef(0);
  const outcomeRef = useRef<HTMLParagraphElement>(null);
  const form = useRef<HTMLFormElement>(null);

  const check = async (what: string) => {
    const mine = ++generation.current;
    setChecking(true);
    try {
      const found = (await runOp('WorkspaceCheckFollowUp', { visitId: visit.id, source: 'FOLLOW_UP', text: what })).visitGuardrails;
      if (mine === generation.current) {
        setFlags(found);
        setCheckFailed(null);
      }
    } catch (error) {
      if (mine === generation.current) setCheckFailed(describeFailure(error));
    } finally {
      if (mine === generation.current) setChecking(false);
    }
  };
  // The draft came with its flags: check again only once the user has edited and paused.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    void check(settled);
  }, [settled]);
  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);

  const acknowledge = async (flag: GuardrailFlag) => {
    setOutcome(null);
    try {
      // With the text as edited: the server keeps the words in the sentence they are flagged in, nowhere else.
      await runOp('WorkspaceAcknowledgeFlag', { input: { visitId: visit.id, source: 'FOLLOW_UP', kind: flag.kind, excerpt: flag.excerpt, subject, body } }, visit.account.id);
      setFlags((all) => all.map((f) => (f.kind === flag.kind && f.excerpt === flag.excerpt ? { ...f, acknowledged: true } : f)));
      // The button is gone: the focus goes to the next flag to decide on, else to the first compose button.
      setTimeout(() => form.current?.querySelector<HTMLElement>('[data-testid="acknowledge-flag"], [data-testid="compose-gmail"]')?.focus());
    } catch (error) {
      setOutcome({ ok: false, text: describeFailure(error) });
    }
  };

  const recipients = to
    .split(/[,;\s]+/)
    .map((a) => a.trim())
    .filter(Boolean);
  const links = composeUrls({ to: recipients, subject, body });
  const tooLong = links.gmail.tooLong || links.outlook.tooLong || links.mailto.tooLong;
  const open = async (target: ComposeTarget) => {
    setBusy(true);
    setOutcome(null);
    try {
      // The server keeps the text as sent and refuses while a flag on it is not acknowledged; once kept, it only opens again.
      await runOp('WorkspaceRecordFollowUp', { input: { visitId: visit.id, subject, body } }, visit.account.id);
    } catch (error) {
      const unacked = error instanceof OpError && error.code === 'GUARDRAIL_UNACKNOWLEDGED';
      setOutcome({ ok: false, text: unacked ? unacknowledgedSentence(error.message) : describeFailure(error) });
      if (unacked) void check(text);
      setBusy(false);
      return;
    }
    let said: { ok: boolean; text: string };
    if (links[target].tooLong) {
      // Too long for a link: the compose opens with the recipients and subject, the text goes to the clipboard.
      const copied = await copyText(body);
      openCompose(composeUrls({ to: recipients, subject, body: '' })[target]);
      said = copied
        ? { ok: true, text: 'The text is too long for a compose link: it is in your clipboard. Paste it into the message, read it and send it.' }
        : { ok: false, text: 'The text is too long for a compose link and could not be copied: select the message text on this page, copy it and paste it into the message.' };
    } else {
      openCompose(links[target]);
      said = { ok: true, text: OPENED_IN[target] };
    }
    setOutcome(said);
    onOpened(said.text);
    setBusy(false);
    reload();
  };

  const unacknowledged = flags.filter((f) => !f.acknowledged);
  return (
    <form ref={form} class="request-form" aria-label="Follow-up e-mail" onSubmit={(e) => e.preventDefault()} data-testid="follow-up-form">
      <p class="muted">Drafted {formatWhen(draft.draftedAt)}. Edit it freely; it is checked again as you type.</p>
      <label class="field">
        <span class="field__label">To</span>
        <input class="field__input" value={to} onInput={(e) => setTo(e.currentTarget.value)} data-testid="follow-up-to" />
      </label>
      <label class="field">
        <span class="field__label">Subject</span>
        <input class="field__input" value={subject} maxLength={300} onInput={(e) => setSubject(e.currentTarget.value)} data-testid="follow-up-subject" />
      </label>
      <label class="field">
        <span class="field__label">Message</span>
        <textarea class="field__input" rows={12} maxLength={20000} value={body} onInput={(e) => setBody(e.currentTarget.value)} data-testid="follow-up-body" />
      </label>
      <div aria-live="polite" data-testid="follow-up-check">
        {checking ? <p class="muted">Checking…</p> : null}
        {checkFailed ? <p class="form-error">Could not check the text: {checkFailed}</p> : null}
        {!checking && !checkFailed && flags.length === 0 ? <p class="form-ok">Nothing flagged: no promise, no other customer, nothing negative about us.</p> : null}
        {flags.length ? (
          <p>
            {unacknowledged.length ? `${unacknowledged.length} flag${unacknowledged.length === 1 ? '' : 's'} to edit away or keep:` : 'Every flag is acknowledged:'} a promise needs the team's
            agreement first, other customers are never named, and nobody here is blamed.
          </p>
        ) : null}
      </div>
      <GuardrailFlags
        flags={flags}
        testId="follow-up-flags"
        action={(f) =>
          f.acknowledged ? null : (
            <button
              type="button"
              class="button button--small button--quiet"
              aria-label={`Keep it (acknowledge): ${f.excerpt}`}
              onClick={() => void acknowledge(f)}
              data-testid="acknowledge-flag"
            >
              Keep it (acknowledge)
            </button>
          )
        }
      />
      {tooLong ? (
        <p class="muted" data-testid="follow-up-too-long">
          This e-mail is longer than a compose link can carry (about {COMPOSE_URL_LIMIT.toLocaleString('en-GB')} characters): the buttons open the compose with the
          subject and copy the text for you to paste.
        </p>
      ) : null}
      <div class="subform__actions">
        {TARGETS.map(({ target, label }) => (
          <button key={target} type="button" class="button" disabled={busy} onClick={() => void open(target)} data-testid={`compose-${target}`}>
            {label}
          </button>
        ))}
      </div>
      {outcome ? (
        <p class={outcome.ok ? 'form-ok' : 'form-error'} role={outcome.ok ? 'status' : 'alert'} tabIndex={-1} ref={outcomeRef} data-testid="follow-up-outcome">
          {outcome.text}
        </p>
      ) : null}
    </form>
  );
}
