import { useEffect, useRef, useState } from 'preact/hooks';
import { describeFailure, runOp } from '../../op';

interface Props {
  accountId: string;
  today: string;
  onRecorded: () => void;
  /** Closed without recording (Cancel or Escape): the opener takes the focus back. */
  onCancel: () => void;
}

/**
 * A credit report read during the review: recorded on the account (`recordCreditReport`), then the check shows it.
 * A group, not a form: it sits inside the review's form (forms do not nest), so Enter here records the report
 * instead of completing the review.
 */
export function RecordReportForm({ accountId, today, onRecorded, onCancel }: Props) {
  const [source, setSource] = useState('');
  const [score, setScore] = useState('');
  const [rating, setRating] = useState('');
  const [reportedOn, setReportedOn] = useState(today);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const group = useRef<HTMLFieldSetElement>(null);

  // Opened (by Enter, Space or a click): the first field has the focus.
  useEffect(() => {
    group.current?.querySelector<HTMLInputElement>('input')?.focus();
  }, []);

  const submit = async () => {
    const value = Number(score);
    if (!source.trim()) return setProblem('Name the bureau or report.');
    if (!/^\d{1,3}$/.test(score.trim()) || value < 0 || value > 100) return setProblem('The score is a whole number from 0 to 100.');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(reportedOn)) return setProblem('Give the report date.');
    setBusy(true);
    setProblem(null);
    try {
      await runOp(
        'WorkspaceRecordCreditReport',
        { input: { accountId, source: source.trim(), score: value, ...(rating.trim() ? { rating: rating.trim() } : {}), reportedAt: `${reportedOn}T12:00:00.000Z` } },
        accountId,
      );
      onRecorded();
    } catch (error) {
      setProblem(describeFailure(error));
      setBusy(false);
    }
  };

  return (
    <fieldset
      ref={group}
      class="subform"
      data-testid="record-report"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onCancel();
          return;
        }
        if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT') {
          e.preventDefault();
          void submit();
        }
      }}
    >
      <legend class="field__label">Record a new credit report</legend>
      <div class="subform__row">
        <label class="field">
          <span class="field__label">Bureau or report</span>
          <input class="field__input" name="source" value={source} onInput={(e) => setSource(e.currentTarget.value)} maxLength={100} />
        </label>
        <label class="field field--narrow">
          <span class="field__label">Score (0–100)</span>
          <input class="field__input" name="score" inputMode="numeric" value={score} onInput={(e) => setScore(e.currentTarget.value)} />
        </label>
        <label class="field field--narrow">
          <span class="field__label">Rating</span>
          <input class="field__input" name="rating" value={rating} onInput={(e) => setRating(e.currentTarget.value)} maxLength={20} placeholder="A2" />
        </label>
        <label class="field">
          <span class="field__label">Report date</span>
          <input class="field__input" name="reportedOn" type="date" value={reportedOn} onInput={(e) => setReportedOn(e.currentTarget.value)} />
        </label>
      </div>
      {problem ? (
        <p class="form-error" role="alert">
          {problem}
        </p>
      ) : null}
      <div class="subform__actions">
        <button type="button" class="button button--primary" disabled={busy} onClick={() => void submit()}>
          {busy ? 'Recording…' : 'Record report'}
        </button>
        <button type="button" class="button button--quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </fieldset>
  );
}
