import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { send } from '@/lib/send';
import type { AccountSearchHit } from '@/lib/types';
import type { CaptureAccount } from '@/ui/capture/CaptureForm';
import { riskLabel, TREND_TEXT } from '@/ui/format/risk';
import { useDebounced } from '@/ui/hooks/use-debounced';

/** Wait this long after the last key press before asking the server. */
export const SEARCH_DEBOUNCE_MS = 250;
const MIN_QUERY = 2;

interface Props {
  onPick: (account: CaptureAccount) => void;
  autoFocus?: boolean;
}

type Results = { query: string; hits: AccountSearchHit[]; error?: string };

/** Type-ahead account search (combobox): arrows move through the hits, Enter picks, Escape clears. */
export function AccountSearch({ onPick, autoFocus }: Props) {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<Results | null>(null);
  const [active, setActive] = useState(0);
  const debounced = useDebounced(query.trim(), SEARCH_DEBOUNCE_MS);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();

  useEffect(() => {
    if (autoFocus) input.current?.focus();
  }, [autoFocus]);

  useEffect(() => {
    if (debounced.length < MIN_QUERY) {
      setResults(null);
      return;
    }
    let current = true;
    send('account/search', { search: debounced }).then(
      (res) => {
        if (!current) return;
        setResults({ query: debounced, hits: res.hits });
        setActive(0);
      },
      (error: unknown) => {
        if (current) setResults({ query: debounced, hits: [], error: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      current = false;
    };
  }, [debounced]);

  const hits = results?.hits ?? [];
  const open = query.trim().length >= MIN_QUERY && results != null;
  const pick = (hit: AccountSearchHit | undefined) => {
    if (hit) onPick({ id: hit.id, name: hit.name });
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' && hits.length) {
      event.preventDefault();
      setActive((active + 1) % hits.length);
    } else if (event.key === 'ArrowUp' && hits.length) {
      event.preventDefault();
      setActive((active - 1 + hits.length) % hits.length);
    } else if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey) {
      // Enter picks a hit; it never submits the capture form from here.
      event.preventDefault();
      pick(hits[active]);
    } else if (event.key === 'Escape' && query) {
      event.preventDefault();
      event.stopPropagation();
      setQuery('');
    }
  };

  return (
    <div class="search">
      <input
        ref={input}
        class="field__input search__input"
        type="text"
        role="combobox"
        aria-label="Search customers"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && hits[active] ? `${listId}-${active}` : undefined}
        placeholder="Search customers by name or domain"
        autoComplete="off"
        data-testid="account-search"
        value={query}
        onInput={(e) => setQuery(e.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
      <div id={listId} class="search__results" role="listbox" aria-label="Customers" hidden={!open}>
        {hits.map((hit, i) => (
          // biome-ignore lint/a11y/useKeyWithClickEvents: keys are handled on the combobox input (aria-activedescendant pattern); focus never leaves it.
          <div
            key={hit.id}
            id={`${listId}-${i}`}
            role="option"
            tabIndex={-1}
            aria-selected={i === active}
            class="search__hit"
            data-testid="search-hit"
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => pick(hit)}
          >
            {/* The level's letter in a ring (as in the panel's switcher): a cue beside the colour, the words follow. */}
            <span class="level-badge" data-level={hit.creditStatus?.riskLevel ?? 'NONE'} aria-hidden="true">
              {hit.creditStatus ? riskLabel(hit.creditStatus.riskLevel).charAt(0) : '–'}
            </span>
            <span class="search__name">{hit.name}</span>
            {/* The level in words on screen too (the dot's colour alone says nothing to many readers). */}
            {hit.creditStatus ? (
              <span class="search__level" data-testid="search-hit-level">
                <span class="visually-hidden">, </span>
                {riskLabel(hit.creditStatus.riskLevel)}
                {hit.creditStatus.trend ? <span class="visually-hidden">, {TREND_TEXT[hit.creditStatus.trend].label.toLowerCase()}</span> : null}
              </span>
            ) : null}
            {hit.domains.length ? (
              <span class="search__domains muted">
                <span class="visually-hidden">, </span>
                {hit.domains.slice(0, 2).join(', ')}
              </span>
            ) : null}
          </div>
        ))}
      </div>
      {open && !hits.length ? <p class="muted search__empty">{results?.error ? `Search failed: ${results.error}` : 'No customer found.'}</p> : null}
    </div>
  );
}
