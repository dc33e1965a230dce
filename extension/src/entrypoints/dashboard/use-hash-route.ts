import { useEffect, useState } from 'preact/hooks';
import { parseRoute, type Route } from './route';

/** The route in the URL hash, and how many times the user has navigated since the page opened. */
export function useHashRoute(): { route: Route; hash: string; navigations: number } {
  const [state, setState] = useState(() => ({ hash: location.hash, navigations: 0 }));
  useEffect(() => {
    const onChange = () => setState((s) => (s.hash === location.hash ? s : { hash: location.hash, navigations: s.navigations + 1 }));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return { route: parseRoute(state.hash), hash: state.hash, navigations: state.navigations };
}
