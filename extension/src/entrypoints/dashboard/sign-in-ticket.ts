/**
 * The server's redirect sign-in comes back with `#earshot_ticket=<one-time>` (and the attempt's `?flow=`, through
 * signin-return.html), or with `#earshot_error=<CODE>` when the server refused. The ticket is taken out of the address at once, before anything renders, so that it is in
 * no history entry, no bookmark and no screenshot of the address bar; the worker redeems it.
 */
/** A ticket to redeem, or the server's refusal (`#earshot_error=<CODE>`: a domain not allowed, no group…). */
export type SignInArrival = { ticket: string; flow: string } | { error: string };

const TICKET_PARAM = 'earshot_ticket';
const ERROR_PARAM = 'earshot_error';

/** Reads and removes the ticket (and the flow) from the address; null when the page was not opened by a sign-in. */
export function takeSignInArrival(loc: Pick<Location, 'hash' | 'search' | 'pathname'> = location, hist: Pick<History, 'replaceState'> = history): SignInArrival | null {
  const fragment = new URLSearchParams(loc.hash.replace(/^#/, ''));
  if (!fragment.has(TICKET_PARAM) && !fragment.has(ERROR_PARAM)) return null;
  const flow = new URLSearchParams(loc.search).get('flow') ?? '';
  hist.replaceState(null, '', `${loc.pathname}#/`);
  const error = fragment.get(ERROR_PARAM);
  if (error !== null) return { error: error.slice(0, 60) };
  const ticket = fragment.get(TICKET_PARAM) ?? '';
  // No flow: not an attempt this page started; the worker refuses it and the page says so.
  return ticket ? { ticket, flow: flow || 'none' } : null;
}
