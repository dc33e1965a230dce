import { SIGNAL_TYPE_INFO, type Severity, type SignalType } from '@earshot/shared';
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { send } from '@/lib/send';
import type { CaptureOutcome } from './capture-outcome';
import { CaptureStatus } from './CaptureStatus';
import { SeverityPicker } from './SeverityPicker';
import { SignalChips } from './SignalChips';
import { SendShortcut } from '@/ui/components/SendShortcut';

export interface CaptureAccount {
  id: string;
  name: string;
}

interface Props {
  account: CaptureAccount | null;
  /** Rendered first inside the form: the popup's account chooser. */
  accountField?: ComponentChildren;
  /** The page the observation was made on (the tab's URL), kept with the signal. */
  sourceUrl?: string | undefined;
  /** Focus goes to the chips whenever this changes to a non-null value (the account became known). */
  focusChipsKey?: string | null;
  onDone?: (outcome: CaptureOutcome) => void;
  onCancel?: () => void;
  submitLabel?: string;
}

/**
 * The quick-capture form (popup, and inline in the panel): a signal type, a severity (the type's default until
 * changed), a note; Ctrl/Cmd+Enter submits from anywhere in the form. Capture is queued by the service worker,
 * so it resolves even when the server is down ("pending").
 */
export function CaptureForm({ account, accountField, sourceUrl, focusChipsKey, onDone, onCancel, submitLabel = 'Send to credit' }: Props) {
  const [type, setType] = useState<SignalType | null>(null);
  const [severity, setSeverity] = useState<Severity>(1);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<CaptureOutcome | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const chips = useRef<HTMLFieldSetElement>(null);
  const noteId = useId();

  useEffect(() => {
    if (focusChipsKey != null) chips.current?.focus();
  }, [focusChipsKey]);

  const chooseType = (next: SignalType) => {
    if (next !== type) setSeverity(SIGNAL_TYPE_INFO[next].defaultSeverity);
    setType(next);
    setProblem(null);
  };

  const submit = async () => {
    if (busy) return;
    if (!account) return setProblem('Choose the customer first.');
    if (!type) {
      setProblem('Pick a signal.');
      chips.current?.focus();
      return;
    }
    if (type === 'OTHER' && !note.trim()) return setProblem('Say what you noticed in the note.');
    setBusy(true);
    setProblem(null);
    try {
      const res = await send('capture/submit', {
        accountId: account.id,
        accountName: account.name,
        type,
        severity,
        note: note.trim(),
        observedAt: new Date().toISOString(),
        ...(sourceUrl ? { sourceUrl } : {}),
      });
      const done: CaptureOutcome = { status: res.delivered ? 'sent' : 'pending', accountName: account.name, type };
      setOutcome(done);
      // Back to the defaults: the next signal starts from nothing, not from this one's severity.
      setType(null);
      setSeverity(1);
      setNote('');
      onDone?.(done);
      chips.current?.focus();
    } catch (error) {
      const failed: CaptureOutcome = { status: 'failed', message: error instanceof Error ? error.message : String(error) };
      setOutcome(failed);
      onDone?.(failed);
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    } else if (event.key === 'Escape' && onCancel) {
      event.preventDefault();
      onCancel();
    }
  };

  return (
    <form
      class="capture"
      data-testid="capture-form"
      aria-label={account ? `Capture a signal about ${account.name}` : 'Capture a signal'}
      onKeyDown={onKeyDown}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {accountField}
      <SignalChips value={type} onChange={chooseType} groupRef={chips} />
      <SeverityPicker value={severity} onChange={setSeverity} name={`${noteId}-severity`} />
      <label class="field" for={noteId}>
        <span class="field__label">Note</span>
        <textarea
          id={noteId}
          class="field__input capture__note"
          data-testid="capture-note"
          rows={3}
          maxLength={2000}
          placeholder={type ? SIGNAL_TYPE_INFO[type].question : 'What did you see or hear?'}
          value={note}
          onInput={(e) => setNote(e.currentTarget.value)}
        />
      </label>
      {problem ? (
        <p class="capture__problem" role="alert">
          {problem}
        </p>
      ) : null}
      <div class="capture__actions">
        <button type="submit" class="button button--primary" data-testid="capture-submit" aria-disabled={busy} aria-keyshortcuts="Control+Enter Meta+Enter">
          {busy ? 'Sending…' : submitLabel}
        </button>
        <SendShortcut />
        {onCancel ? (
          <button type="button" class="button button--quiet" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
      <CaptureStatus outcome={outcome} />
    </form>
  );
}
