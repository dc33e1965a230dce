import { useEffect, useRef, useState } from 'preact/hooks';
import { runOp } from '@/lib/run-op';
import { formKeys } from '@/ui/hooks/form-keys';

interface Props {
  requestId: string;
  accountId: string;
  onDeclined: () => void;
  onBack: () => void;
}

/** "Can't answer": the reason goes back to credit (`declineIntelRequest`); Escape goes back to the questions. */
export function DeclineForm({ requestId, accountId, onDeclined, onBack }: Props) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  useEffect(() => textarea.current?.focus(), []);

  const send = async () => {
    if (busy) return;
    if (!reason.trim()) {
      setProblem('Say why, so credit knows whom else to ask.');
      textarea.current?.focus();
      return;
    }
    setBusy(true);
    setProblem(null);
    const outcome = await runOp('PanelDeclineIntelRequest', { input: { intelRequestId: requestId, reason: reason.trim() } }, accountId);
    setBusy(false);
    if (outcome.ok) onDeclined();
    else setProblem(`Not sent: ${outcome.error}`);
  };

  return (
    <form
      class="intel-form"
      data-testid="intel-decline-form"
      aria-label="Can’t answer"
      {...formKeys(send, onBack)}
    >
      <label class="field">
        <span class="field__label">Why can’t you answer?</span>
        <textarea
          ref={textarea}
          class="field__input"
          rows={2}
          maxLength={2000}
          value={reason}
          data-testid="intel-decline-reason"
          placeholder="e.g. I no longer look after this customer"
          onInput={(e) => setReason(e.currentTarget.value)}
        />
      </label>
      {problem ? (
        <p class="capture__problem" role="alert">
          {problem}
        </p>
      ) : null}
      <div class="capture__actions">
        <button type="submit" class="button button--primary" data-testid="intel-decline-send" disabled={busy}>
          {busy ? 'Sending…' : 'Send to credit'}
        </button>
        <button type="button" class="button button--quiet" onClick={onBack} disabled={busy}>
          Back to the questions
        </button>
      </div>
    </form>
  );
}
