import { useEffect, useState } from 'preact/hooks';
import { parseRoute, type Route } from './route';

/** The last hash a view wrote for itself (`replaceHash`): not a navigation, so the view is not rebuilt. */
let replaced: string | null = null;

/**
 * Rewrites the address without navigating (a view keeping its filters in the URL). Browsers fire no
 * `hashchange` for `history.replaceState`; some DOM implementations do, so the route hook ignores this hash.
 */
export function replaceHash(hash: string): void {
  replaced = hash;
  if (location.hash !== hash) history.replaceState(null, '', hash);
}

/** The route in the URL hash, and how many times the user has navigated since the page opened. */
export function useHashRoute(): { route: Route; hash: string; navigations: number } {
  const [state, setState] = useState(() => ({ hash: location.hash, navigations: 0 }));
  useEffect(() => {
    const onChange = () => {
      if (location.hash === replaced) return;
      replaced = null;
      setState((s) => (s.hash === location.hash ? s : { hash: location.hash, navigations: s.navigations + 1 }));
    };
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return { route: parseRoute(state.hash), hash: state.hash, navigations: state.navigations };
}
