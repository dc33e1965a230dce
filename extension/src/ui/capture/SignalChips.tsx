import { CAPTURABLE_SIGNAL_TYPES, SIGNAL_TYPE_INFO, type SignalType } from '@earshot/shared';
import type { Ref } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { chipMatches, filterChips } from './chip-filter';

interface Props {
  value: SignalType | null;
  onChange: (type: SignalType) => void;
  /** Receives the chip group so the form can put focus there. */
  groupRef?: Ref<HTMLFieldSetElement>;
  types?: readonly SignalType[];
}

/** How long a typed filter survives without another key press. */
export const FILTER_RESET_MS = 1200;

/**
 * The signal types as native radios styled as chips: one Tab stop, arrows move (selection follows focus), typing
 * filters and jumps to the first match, Escape clears the filter. The selected type's field question is the hint.
 */
export function SignalChips({ value, onChange, groupRef, types = CAPTURABLE_SIGNAL_TYPES }: Props) {
  const [filter, setFilter] = useState('');
  const hintId = useId();
  const inputs = useRef(new Map<SignalType, HTMLInputElement>());
  const name = useId();
  const resetTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(resetTimer.current), []);

  const focusType = (type: SignalType) => {
    onChange(type);
    inputs.current.get(type)?.focus();
  };

  const updateFilter = (next: string) => {
    setFilter(next);
    clearTimeout(resetTimer.current);
    if (next) resetTimer.current = setTimeout(() => setFilter(''), FILTER_RESET_MS);
    const first = next ? filterChips(types, next)[0] : undefined;
    if (first) focusType(first);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const visible = filter ? types.filter((t) => chipMatches(t, filter)) : [...types];
    const list = visible.length ? visible : [...types];
    const index = value ? list.indexOf(value) : -1;
    const move = (to: number) => {
      event.preventDefault();
      const next = list[(to + list.length) % list.length];
      if (next) focusType(next);
    };
    switch (event.key) {
      case 'ArrowRight':
      case 'ArrowDown':
        return move(index + 1);
      case 'ArrowLeft':
      case 'ArrowUp':
        return move(index < 0 ? list.length - 1 : index - 1);
      case 'Home':
        return move(0);
      case 'End':
        return move(list.length - 1);
      case 'Escape':
        if (filter) {
          event.preventDefault();
          event.stopPropagation();
          updateFilter('');
        }
        return;
      case 'Backspace':
        if (filter) {
          event.preventDefault();
          updateFilter(filter.slice(0, -1));
        }
        return;
    }
    if (event.key.length === 1 && /\S| /.test(event.key) && !(event.key === ' ' && !filter)) {
      event.preventDefault();
      updateFilter(filter + event.key);
    }
  };

  const hint = value ? SIGNAL_TYPE_INFO[value].question : 'Pick what you saw or heard. Type to filter, arrows to move.';
  // The roving tab stop: the selected chip, else the first.
  const tabStop = value && types.includes(value) ? value : types[0];

  return (
    <fieldset
      ref={groupRef}
      class="chips"
      aria-describedby={hintId}
      onKeyDown={onKeyDown}
      tabIndex={-1}
      onFocus={(e) => {
        // Focus sent to the group itself (by the form) goes on to the roving chip.
        if (e.target === e.currentTarget && tabStop) inputs.current.get(tabStop)?.focus();
      }}
    >
      <legend class="field__label">Signal</legend>
      <div class="chips__group">
        {types.map((type) => {
          const info = SIGNAL_TYPE_INFO[type];
          const selected = type === value;
          return (
            <label
              key={type}
              class="chip"
              data-testid="signal-chip"
              data-type={type}
              data-sentiment={info.sentiment}
              data-checked={selected ? 'true' : undefined}
              data-dim={filter && !chipMatches(type, filter) ? 'true' : undefined}
              title={info.question}
            >
              <input
                ref={(el) => {
                  if (el) inputs.current.set(type, el);
                  else inputs.current.delete(type);
                }}
                type="radio"
                class="chip__input"
                name={name}
                value={type}
                checked={selected}
                tabIndex={type === tabStop ? 0 : -1}
                onChange={() => onChange(type)}
              />
              {info.label}
            </label>
          );
        })}
      </div>
      <p id={hintId} class="chips__hint" aria-live="polite">
        {filter ? (
          <span class="chips__filter">
            Filter “{filter}” <kbd>Esc</kbd> clears ·{' '}
          </span>
        ) : null}
        {hint}
      </p>
    </fieldset>
  );
}
