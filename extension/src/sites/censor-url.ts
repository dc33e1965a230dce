/**
 * The URL of a health report, censored like its DOM structure: a Gmail search (`#search/acme+overdue/…`), a label
 * name or a query string can carry what somebody typed, so only the URL's grammar and its opaque ids survive.
 *
 * A path or hash segment is kept when it is one of the route words below, a number (`12345`, `0-2`), a GUID, or an
 * opaque record / thread / item id (long, no separators a human would type: Salesforce `001…`, Gmail `FMfcg…`,
 * Outlook `AAQk…%3D`). Anything else becomes `:x`. Query keys stay; values only for the keys listed.
 */

const ROUTE_WORDS = new Set(
  ('mail u 0 1 2 3 inbox sent drafts starred all imp important snoozed scheduled spam trash label search category ' +
    'advanced-search compose id read deeplink item lightning r o view edit related Account Contact Opportunity ' +
    'contacts record company contact deal organization person persons organizations main.aspx').split(' '),
);
/** Query values kept: enumerations as lowercase words, ids only when they look like ids (see censorSegment). */
const ENUM_PARAMS = new Set(['pagetype', 'etn', 'view', 'compose']);
const ID_PARAMS = new Set(['id', 'appid']);
const NUMBER = /^\d+(-\d+)*$/;
const GUID = /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i;
// Opaque ids: at least 15 characters of [A-Za-z0-9], optionally with %-escapes of base64 (`%2B %2F %3D`) and -/_.
const OPAQUE_ID = /^(?:[A-Za-z0-9_-]|%2[BbFf]|%3[Dd]){15,}$/;

function censorSegment(segment: string): string {
  if (segment === '' || ROUTE_WORDS.has(segment) || NUMBER.test(segment) || GUID.test(segment)) return segment;
  // A long run of letters only, with no digit, is as likely to be a typed word as an id; Gmail thread ids are
  // letters only but are 16+ characters with mixed case.
  if (OPAQUE_ID.test(segment) && (/\d/.test(segment) || (/[a-z]/.test(segment) && /[A-Z].*[A-Z]/.test(segment)))) {
    return segment;
  }
  return ':x';
}

function censorQuery(query: string): string {
  if (!query) return '';
  const parts = query.split('&').map((pair) => {
    const [key = '', value] = pair.split('=', 2);
    const safeKey = /^[\w.-]{1,40}$/.test(key) ? key : ':k';
    if (value === undefined) return safeKey;
    const name = safeKey.toLowerCase();
    const keep =
      (ENUM_PARAMS.has(name) && /^[a-z]{1,30}$/.test(value)) ||
      (ID_PARAMS.has(name) && censorSegment(value.replace(/^%7B|%7D$/gi, '')) !== ':x');
    return `${safeKey}=${keep ? value : '…'}`;
  });
  return `?${parts.join('&')}`;
}

function censorPathLike(path: string): string {
  const [route = '', query = ''] = path.split('?', 2);
  return route.split('/').map(censorSegment).join('/') + censorQuery(query);
}

export function censorUrl(href: string): string {
  const url = new URL(href);
  const hash = url.hash ? `#${censorPathLike(url.hash.slice(1))}` : '';
  return url.origin + censorPathLike(url.pathname) + censorQuery(url.search.slice(1)) + hash;
}
