import { SEVERITIES, type Severity } from '@earshot/shared';
import { severityLabel } from '../format/risk';

interface Props {
  value: Severity;
  onChange: (severity: Severity) => void;
  name: string;
}

/** 1–3 as native radios: arrow keys move between them, one Tab stop. */
export function SeverityPicker({ value, onChange, name }: Props) {
  return (
    <fieldset class="severity" data-testid="capture-severity" data-value={value}>
      <legend class="severity__legend">Severity</legend>
      {SEVERITIES.map((s) => (
        <label key={s} class="severity__option" data-checked={s === value ? 'true' : undefined}>
          <input type="radio" name={name} value={s} checked={s === value} onChange={() => onChange(s)} />
          <span class="severity__number">{s}</span>
          <span class="severity__label">{severityLabel(s)}</span>
        </label>
      ))}
    </fieldset>
  );
}
