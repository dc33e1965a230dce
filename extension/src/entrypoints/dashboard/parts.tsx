/** The pieces every workspace view is built from: its heading, and its designed loading, empty and error states. */
import type { ComponentChildren } from 'preact';
import { createContext } from 'preact';
import { useContext, useEffect, useRef } from 'preact/hooks';
import { StateMessage } from '@/ui/components/StateMessage';
import { formatDate, formatMonth as formatMonthWords } from '@/ui/format/dates';
import { describeFailure } from './op';
import type { PagedState } from './use-query';

/** True once the user has moved from one view to another: then each new view's heading takes the focus. */
export const FocusOnArrival = createContext(false);

interface HeadingProps {
  children: ComponentChildren;
  /** Beside the title: a count, a button. */
  aside?: ComponentChildren;
}

/**
 * The view's `h1`. After a navigation it receives the focus (tabindex -1: focusable by script, not a tab stop),
 * so a keyboard or screen-reader user starts reading the new view instead of staying on the link they used.
 */
export function ViewHeading({ children, aside }: HeadingProps) {
  const focus = useContext(FocusOnArrival);
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <div class="view__head">
      <h1 class="view__title" tabIndex={-1} ref={ref} data-testid="view-heading">
        {children}
      </h1>
      {aside ? <div class="view__aside">{aside}</div> : null}
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <div class="loading-rows" data-testid="loading">
      <p class="visually-hidden" role="status">
        Loading {what}…
      </p>
      <div class="loading-rows__row" aria-hidden="true" />
      <div class="loading-rows__row" aria-hidden="true" />
      <div class="loading-rows__row loading-rows__row--short" aria-hidden="true" />
    </div>
  );
}

export function Failure({ error, onRetry, title = 'Could not load this' }: { error: unknown; onRetry?: () => void; title?: string }) {
  return (
    <StateMessage
      title={title}
      tone="error"
      actions={
        onRetry ? (
          <button type="button" class="button button--primary" onClick={onRetry}>
            Retry
          </button>
        ) : null
      }
    >
      <p data-testid="failure">{describeFailure(error)}</p>
    </StateMessage>
  );
}

export function Empty({ title, children, actions }: { title: string; children?: ComponentChildren; actions?: ComponentChildren }) {
  return (
    <div class="empty" data-testid="empty">
      <StateMessage title={title} actions={actions}>
        {children}
      </StateMessage>
    </div>
  );
}

/** "Showing 20 of 143" and the button for the next page (a real button: Enter and Space work). */
export function LoadMore<T>({ paged, noun }: { paged: PagedState<T>; noun: string }) {
  return (
    <div class="load-more">
      <p class="muted" aria-live="polite">
        Showing {paged.items.length} of {paged.totalCount} {noun}
      </p>
      {paged.hasNextPage ? (
        <button type="button" class="button" onClick={paged.loadMore} disabled={paged.loadingMore} data-testid="load-more">
          {paged.loadingMore ? 'Loading…' : 'Load more'}
        </button>
      ) : null}
      {paged.moreError ? (
        <p class="form-error" role="alert">
          {describeFailure(paged.moreError)}
        </p>
      ) : null}
    </div>
  );
}

/** "1 account", "3 accounts". */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** A date as the user reads it ("5 Dec 2026"); YYYY-MM-DD dates are calendar days, shown without a time zone shift. */
export const formatDay = formatDate;

/** "2026-12" → "December 2026": a month as a heading (the review plan's month). */
export function formatMonth(month: string): string {
  return formatMonthWords(month, { long: true });
}
