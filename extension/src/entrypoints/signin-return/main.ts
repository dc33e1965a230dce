/**
 * Where the Earshot server's redirect sign-in comes back to (`return_to`), and nothing else. Chromium refuses a web
 * page's redirect to an extension page that is not web-accessible (net::ERR_BLOCKED_BY_CLIENT, seen in Chromium 156
 * for dashboard.html), and making the workspace itself web-accessible would let any site frame it. So this one
 * empty page is web-accessible: it hands its address (the `flow` of the attempt, the `#earshot_ticket`) to the
 * workspace page, which redeems the ticket through the worker, and replaces itself so no history entry keeps it.
 */
import { browser } from 'wxt/browser';

// Framed by some site: not a sign-in the user is doing (the workspace never frames this page).
if (window.top === window) {
  location.replace(browser.runtime.getURL('/dashboard.html') + location.search + location.hash);
}
