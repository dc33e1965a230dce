/**
 * The workspace page's address: everything it shows is reachable from the URL hash, so a view can be
 * bookmarked, shared with a colleague who has the extension, and opened from the popup or a notification
 * (`dashboard.html#/account/<id>`, `#/review/<id>`, `#/alerts`, `#/portfolio?level=HIGH`, `#/visit/<id>/briefing`).
 */

export type Route =
  | { view: 'home' }
  | { view: 'portfolio'; query: URLSearchParams }
  | { view: 'alerts' }
  | { view: 'reviews'; month: string | null }
  | { view: 'review'; id: string }
  | { view: 'intel' }
  | { view: 'intel-new'; accountId: string | null }
  | { view: 'watches' }
  | { view: 'account'; id: string }
  | { view: 'visits' }
  | { view: 'visit-new'; accountId: string | null }
  | { view: 'visit'; id: string }
  | { view: 'visit-briefing'; id: string }
  | { view: 'not-found'; path: string };

export type ViewName = Route['view'];

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function decode(part: string | undefined): string | null {
  if (!part) return null;
  try {
    const value = decodeURIComponent(part);
    return value.length > 0 && value.length <= 200 ? value : null;
  } catch {
    return null;
  }
}

/** `#/review/SGVhbHRo…?x=1` → the route; anything unknown is `not-found` (shown as such, never guessed). */
export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [pathPart = '', queryPart = ''] = raw.split('?', 2);
  const query = new URLSearchParams(queryPart);
  const segments = pathPart.split('/').filter(Boolean);
  const [first, second, third, ...rest] = segments;
  // Only a visit has a page below it: its briefing folder (`#/visit/<id>/briefing`).
  if (rest.length || (third !== undefined && !(first === 'visit' && third === 'briefing'))) return { view: 'not-found', path: pathPart };
  switch (first) {
    case undefined:
      return { view: 'home' };
    case 'portfolio':
      return second ? { view: 'not-found', path: pathPart } : { view: 'portfolio', query };
    case 'alerts':
      return second ? { view: 'not-found', path: pathPart } : { view: 'alerts' };
    case 'watches':
      return second ? { view: 'not-found', path: pathPart } : { view: 'watches' };
    case 'reviews': {
      const month = query.get('month');
      return second ? { view: 'not-found', path: pathPart } : { view: 'reviews', month: month && MONTH.test(month) ? month : null };
    }
    case 'intel':
      if (!second) return { view: 'intel' };
      if (second === 'new') return { view: 'intel-new', accountId: decode(query.get('account') ?? undefined) };
      return { view: 'not-found', path: pathPart };
    case 'visits':
      if (!second) return { view: 'visits' };
      if (second === 'new') return { view: 'visit-new', accountId: decode(query.get('account') ?? undefined) };
      return { view: 'not-found', path: pathPart };
    case 'visit': {
      const id = decode(second);
      if (!id) return { view: 'not-found', path: pathPart };
      return third ? { view: 'visit-briefing', id } : { view: 'visit', id };
    }
    case 'review':
    case 'account': {
      const id = decode(second);
      if (!id) return { view: 'not-found', path: pathPart };
      return first === 'review' ? { view: 'review', id } : { view: 'account', id };
    }
    default:
      return { view: 'not-found', path: pathPart };
  }
}

/** Hrefs for links inside the page (always through these, so every link is one the parser reads back). */
export const href = {
  home: () => '#/',
  portfolio: (query?: URLSearchParams) => (query && [...query.keys()].length ? `#/portfolio?${query}` : '#/portfolio'),
  alerts: () => '#/alerts',
  reviews: (month?: string) => (month ? `#/reviews?month=${month}` : '#/reviews'),
  review: (id: string) => `#/review/${encodeURIComponent(id)}`,
  intel: () => '#/intel',
  intelNew: (accountId?: string) => (accountId ? `#/intel/new?account=${encodeURIComponent(accountId)}` : '#/intel/new'),
  watches: () => '#/watches',
  account: (id: string) => `#/account/${encodeURIComponent(id)}`,
  visits: () => '#/visits',
  visitNew: (accountId?: string) => (accountId ? `#/visits/new?account=${encodeURIComponent(accountId)}` : '#/visits/new'),
  visit: (id: string) => `#/visit/${encodeURIComponent(id)}`,
  visitBriefing: (id: string) => `#/visit/${encodeURIComponent(id)}/briefing`,
};

/** "2026-12" for the month `now` falls in (local time: the month the user is living in). */
export function monthOf(now: Date): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}
