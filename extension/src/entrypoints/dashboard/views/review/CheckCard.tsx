import type { ComponentChildren } from 'preact';

interface Props {
  number: number;
  title: string;
  /** The evidence, pre-filled from what Earshot already knows. */
  children: ComponentChildren;
  /** The reviewer's confirmation and note (or what was recorded, once done). */
  verdict?: ComponentChildren;
  testId: string;
}

/** One of the seed's four checks: the evidence on the left, the reviewer's verdict below it. */
export function CheckCard({ number, title, children, verdict, testId }: Props) {
  const id = `check-${testId}`;
  return (
    <section class="check" aria-labelledby={id} data-testid={testId}>
      <h2 id={id} class="check__title">
        <span class="check__number" aria-hidden="true">
          {number}
        </span>{' '}
        {title}
      </h2>
      <div class="check__evidence">{children}</div>
      {verdict ? <div class="check__verdict">{verdict}</div> : null}
    </section>
  );
}

/** What the reviewer recorded for a check, in words. */
export function Recorded({ value, yes, no, note }: { value: boolean | null; yes: string; no: string; note: string | null }) {
  return (
    <p class="check__recorded">
      <strong>{value == null ? 'Not recorded' : value ? yes : no}</strong>
      {note ? ` — ${note}` : ''}
    </p>
  );
}

interface ConfirmProps {
  label: string;
  checked: boolean;
  onChange: (value: boolean) => void;
  note: string;
  onNote: (value: string) => void;
  name: string;
  /** Why the box starts ticked or not. */
  suggestion?: string;
}

/** The reviewer's confirmation of a check (pre-ticked from the evidence) and an optional note. */
export function Confirm({ label, checked, onChange, note, onNote, name, suggestion }: ConfirmProps) {
  return (
    <div class="confirm">
      <label class="confirm__box">
        <input type="checkbox" name={name} checked={checked} onChange={(e) => onChange(e.currentTarget.checked)} data-testid={`confirm-${name}`} /> {label}
      </label>
      {suggestion ? <p class="muted confirm__hint">{suggestion}</p> : null}
      <label class="field">
        <span class="field__label">Note</span>
        <input class="field__input" name={`${name}Note`} value={note} maxLength={2000} onInput={(e) => onNote(e.currentTarget.value)} />
      </label>
    </div>
  );
}
