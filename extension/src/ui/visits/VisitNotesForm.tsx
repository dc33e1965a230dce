import { GUARDRAIL_LABEL } from '@earshot/shared';
import { useId, useRef, useState } from 'preact/hooks';
import type { NotesFlag } from '@/lib/messages';
import { send } from '@/lib/send';
import { useBroadcast } from '../hooks/use-broadcast';
import { formKeys } from '../hooks/form-keys';
import { SendShortcut } from '../components/SendShortcut';

interface Props {
  visitId: string;
  account: { id: string; name: string };
  /** Names the box for screen readers: "Notes on the credit terms review, today at 14:00". */
  label: string;
}

type Outcome =
  | { status: 'sent'; flags: NotesFlag[] }
  /** In the service worker's queue: delivered when the server answers again. */
  | { status: 'pending'; key: string }
  /** The server refused them (the visit was cancelled, the notes too long): the text is back in the box. */
  | { status: 'refused'; message: string }
  /** The service worker did not take them: nothing was saved, the text is still in the box. */
  | { status: 'failed'; message: string };

/**
 * Notes during or right after a visit (seed 004: "take notes during the meeting"), for the panel and the popup.
 * They go through the service worker's capture queue, so they are kept when the server or the network is away and
 * sent once when it is back; Ctrl/⌘+Enter sends. What the guardrails flag in them is shown when they are sent.
 */
export function VisitNotesForm({ visitId, account, label }: Props) {
  const [notes, setNotes] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const id = useId();

  const submit = async () => {
    if (busy) return;
    if (!notes.trim()) {
      setProblem('Write the notes first.');
      textarea.current?.focus();
      return;
    }
    setProblem(null);
    setBusy(true);
    const written = notes.trim();
    try {
      const res = await send('visitNotes/submit', {
        visitId,
        accountId: account.id,
        accountName: account.name,
        notes: written,
        takenAt: new Date().toISOString(),
      });
      if (res.delivered) {
        setNotes('');
        setOutcome({ status: 'sent', flags: res.flags });
      } else if (res.queued.failedAt) {
        // Refused at once: the words stay in the box to be changed, not in the queue as a failed item.
        await send('capture/discard', { idempotencyKey: res.queued.idempotencyKey }).catch(() => undefined);
        setOutcome({ status: 'refused', message: res.queued.lastError ?? 'The server did not accept them.' });
      } else {
        setNotes('');
        setOutcome({ status: 'pending', key: res.queued.idempotencyKey });
      }
    } catch (error) {
      setOutcome({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };

  // Queued notes: follow them until they leave the queue (sent) or are refused (back into the box).
  useBroadcast(['broadcast/queue-changed'], () => {
    if (outcome?.status !== 'pending') return;
    const { key } = outcome;
    send('capture/pending', {}).then(
      async ({ pending }) => {
        const item = pending.find((p) => p.idempotencyKey === key);
        if (!item) return setOutcome({ status: 'sent', flags: [] });
        if (!item.failedAt || item.kind !== 'visitNotes') return;
        setNotes((current) => current || item.notes);
        await send('capture/discard', { idempotencyKey: key }).catch(() => undefined);
        setOutcome({ status: 'refused', message: item.lastError ?? 'The server did not accept them.' });
      },
      () => undefined, // the worker will broadcast again
    );
  });

  const retry = () => void send('capture/retry', {}).catch(() => undefined);

  return (
    <form class="visit-notes" data-testid="visit-notes" aria-label={label} {...formKeys(submit, () => textarea.current?.blur())}>
      <label class="field" for={`${id}-notes`}>
        <span class="field__label">Notes</span>
        <textarea
          ref={textarea}
          id={`${id}-notes`}
          class="field__input"
          data-testid="visit-notes-text"
          rows={3}
          maxLength={5000}
          placeholder="What was said, what they plan, what you agreed to look into"
          value={notes}
          onInput={(e) => setNotes(e.currentTarget.value)}
        />
      </label>
      {problem ? (
        <p class="capture__problem" role="alert">
          {problem}
        </p>
      ) : null}
      <div class="capture__actions">
        <button type="submit" class="button button--primary" data-testid="visit-notes-submit" disabled={busy} aria-keyshortcuts="Control+Enter Meta+Enter">
          {busy ? 'Sending…' : 'Send notes'}
        </button>
        <SendShortcut />
        {outcome?.status === 'pending' ? (
          <button type="button" class="button button--quiet button--small" data-testid="visit-notes-retry" onClick={retry}>
            Retry now
          </button>
        ) : null}
      </div>
      <p class="capture__status" data-testid="visit-notes-status" data-status={statusOf(outcome)} role="status">
        {statusText(outcome)}
      </p>
      {outcome?.status === 'sent' && outcome.flags.length ? (
        <ul class="visit-notes__flags" aria-label="Check before the follow-up" data-testid="visit-notes-flags">
          {outcome.flags.map((f) => (
            <li key={`${f.kind}-${f.excerpt}`}>
              <strong>{GUARDRAIL_LABEL[f.kind]}</strong>: “{f.excerpt}” — {f.reason}
            </li>
          ))}
        </ul>
      ) : null}
    </form>
  );
}

function statusOf(outcome: Outcome | null): string {
  if (!outcome) return 'idle';
  return outcome.status === 'refused' ? 'failed' : outcome.status;
}

function statusText(outcome: Outcome | null): string {
  switch (outcome?.status) {
    case 'sent':
      return outcome.flags.length
        ? `Sent. ${outcome.flags.length === 1 ? 'One passage' : `${outcome.flags.length} passages`} to check before the follow-up, below.`
        : 'Sent.';
    case 'pending':
      return 'Not sent yet — will send when back online.';
    case 'refused':
      return `Not accepted: ${outcome.message} Your notes are still in the box.`;
    case 'failed':
      return `Not sent: ${outcome.message}`;
    default:
      return '';
  }
}
