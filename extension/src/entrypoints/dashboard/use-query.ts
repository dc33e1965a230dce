import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Connection } from '@/lib/workspace-types';

export type QueryState<T> = { phase: 'loading' } | { phase: 'failed'; error: unknown } | { phase: 'ready'; data: T };

/**
 * Runs `load` when `key` changes (and on `reload`); an answer to an older key is dropped, so a slow first search
 * never overwrites a newer one. `reload` keeps showing the data while it fetches again.
 */
export function useQuery<T>(load: () => Promise<T>, key: string): QueryState<T> & { reload: () => void } {
  const [state, setState] = useState<QueryState<T>>({ phase: 'loading' });
  const generation = useRef(0);
  const loader = useRef(load);
  loader.current = load;

  const run = useCallback((keepData: boolean) => {
    const mine = ++generation.current;
    if (!keepData) setState({ phase: 'loading' });
    loader.current().then(
      (data) => mine === generation.current && setState({ phase: 'ready', data }),
      (error: unknown) => mine === generation.current && setState({ phase: 'failed', error }),
    );
  }, []);

  useEffect(() => {
    run(false);
    return () => {
      generation.current++;
    };
  }, [key, run]);

  return { ...state, reload: () => run(true) };
}

export interface PagedState<T> {
  phase: 'loading' | 'failed' | 'ready';
  error: unknown;
  items: T[];
  totalCount: number;
  hasNextPage: boolean;
  /** A "Load more" is running, or failed (then `moreError`). */
  loadingMore: boolean;
  moreError: unknown;
  loadMore: () => void;
  reload: () => void;
}

/**
 * A connection read page by page (`after` = the last page's end cursor), as "Load more" asks for it. Changing
 * `key` (filters, search) starts again from the first page.
 */
export function usePaged<T>(load: (after: string | null) => Promise<Connection<T>>, key: string): PagedState<T> {
  const [pages, setPages] = useState<{ items: T[]; totalCount: number; endCursor: string | null; hasNextPage: boolean } | null>(null);
  const [phase, setPhase] = useState<PagedState<T>['phase']>('loading');
  const [error, setError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  const generation = useRef(0);
  const loader = useRef(load);
  loader.current = load;

  const first = useCallback((keepData: boolean) => {
    const mine = ++generation.current;
    if (!keepData) {
      setPhase('loading');
      setPages(null);
    }
    setMoreError(null);
    loader.current(null).then(
      (c) => {
        if (mine !== generation.current) return;
        setPages({ items: c.edges.map((e) => e.node), totalCount: c.totalCount, endCursor: c.pageInfo.endCursor, hasNextPage: c.pageInfo.hasNextPage });
        setPhase('ready');
      },
      (e: unknown) => {
        if (mine !== generation.current) return;
        setError(e);
        setPhase('failed');
      },
    );
  }, []);

  useEffect(() => {
    first(false);
    return () => {
      generation.current++;
    };
  }, [key, first]);

  const loadMore = () => {
    if (!pages?.hasNextPage || loadingMore) return;
    const mine = generation.current;
    setLoadingMore(true);
    setMoreError(null);
    loader.current(pages.endCursor).then(
      (c) => {
        setLoadingMore(false);
        if (mine !== generation.current) return;
        setPages((p) => ({
          items: [...(p?.items ?? []), ...c.edges.map((e) => e.node)],
          totalCount: c.totalCount,
          endCursor: c.pageInfo.endCursor,
          hasNextPage: c.pageInfo.hasNextPage,
        }));
      },
      (e: unknown) => {
        setLoadingMore(false);
        if (mine === generation.current) setMoreError(e);
      },
    );
  };

  return {
    phase,
    error,
    items: pages?.items ?? [],
    totalCount: pages?.totalCount ?? 0,
    hasNextPage: pages?.hasNextPage ?? false,
    loadingMore,
    moreError,
    loadMore,
    reload: () => first(true),
  };
}
