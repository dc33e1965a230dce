import type { NoteVisibility } from '@earshot/shared';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { send } from '@/lib/send';
import { VISIBILITY_LABEL } from '@/ui/format/labels';
import { formKeys } from '@/ui/hooks/form-keys';

interface Props {
  accountId: string;
  /** Credit users choose who can read the note; everyone else writes notes for all. */
  canRestrict: boolean;
  onSaved: () => void;
  onCancel: () => void;
}

/** A free-text note on the account; Ctrl/Cmd+Enter saves, Escape closes. */
export function NoteForm({ accountId, canRestrict, onSaved, onCancel }: Props) {
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<NoteVisibility>('ALL');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const id = useId();

  useEffect(() => textarea.current?.focus(), []);

  const save = async () => {
    if (busy) return;
    if (!body.trim()) {
      setProblem('Write the note first.');
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const res = await send('note/add', { accountId, body: body.trim(), visibility: canRestrict ? visibility : 'ALL' });
      if (res.ok) onSaved();
      else setProblem(res.error);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="note-form"
      data-testid="note-form"
      aria-label="Add a note"
      {...formKeys(save, onCancel)}
    >
      <label class="field" for={`${id}-body`}>
        <span class="field__label">Note</span>
        <textarea
          ref={textarea}
          id={`${id}-body`}
          class="field__input"
          data-testid="note-body"
          rows={3}
          maxLength={4000}
          value={body}
          onInput={(e) => setBody(e.currentTarget.value)}
        />
      </label>
      {canRestrict ? (
        <fieldset class="visibility" data-testid="note-visibility">
          <legend class="field__label">Who can read it</legend>
          {(['ALL', 'CREDIT_ONLY'] as const).map((v) => (
            <label key={v} class="visibility__option">
              <input type="radio" name={`${id}-visibility`} value={v} checked={visibility === v} onChange={() => setVisibility(v)} />{' '}
              {VISIBILITY_LABEL[v]}
            </label>
          ))}
        </fieldset>
      ) : null}
      {problem ? (
        <p class="capture__problem" role="alert">
          {problem}
        </p>
      ) : null}
      <div class="capture__actions">
        <button type="submit" class="button button--primary" data-testid="note-submit" disabled={busy}>
          {busy ? 'Saving…' : 'Save note'}
        </button>
        <button type="button" class="button button--quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
