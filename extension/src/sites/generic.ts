/**
 * The fallback for any site the user enables (a self-hosted webmail, another CRM): no DOM knowledge, only what
 * any page shows. Addresses come from `mailto:` links and from visible text; domains from those addresses plus
 * the page's own host (and its canonical / og:url host) as the weakest hint, last in the list.
 *
 * Webmail is the exception: its host is the mail provider, not whoever the message is from, so on a page that
 * looks like webmail (`mail.`/`webmail.` host, `/webmail`, `/roundcube`, `/SOGo`, `/owa` path, or Roundcube's
 * `task-mail` body class) the host is not a hint, and the host's own domain (`webmail.northwind.example` →
 * `northwind.example`, the user's company) is dropped from the domains.
 * No page type is "known" here, so this adapter never reports health.
 *
 * Text is scanned with a TreeWalker over text nodes (no `innerText`, which forces layout), only nodes containing
 * "@" are examined further, hidden subtrees are skipped, and the walk stops after a fixed budget.
 *
 * Tested on fixtures generic-page and generic-webmail (2026-11-22).
 */
import { type DetectResult, domainAndParents, normalizeDomain } from '@earshot/shared';
import { buildContext } from './context.js';
import { emailsInText, mailtoAddresses, queryFirst } from './dom.js';
import type { PageLocation, SiteAdapter } from './types.js';

export const genericSelectors = {
  mailto: ['a[href^="mailto:" i]'],
  // Where a page names its own address.
  canonical: ['link[rel="canonical"][href]', 'meta[property="og:url"][content]'],
  // 2026-11-22: Roundcube marks its mail screens on <body>; SOGo and Zimbra are caught by path / host.
  webmailMarker: ['body[class*="task-mail"]', '#messagelist', '#mailview-top'],
  // Subtrees whose text is not shown to the user (or is ours).
  hidden: ['script, style, noscript, template, [hidden], [aria-hidden="true"], [data-earshot-root]'],
} as const;

const WEBMAIL_HOST = /^(web)?mail\.|^(e?mail|webmail|owa|correo|posta)[.-]/i;
const WEBMAIL_PATH = /^\/(webmail|roundcube|rc|sogo|owa|zimbra|horde|rainloop|snappymail)(\/|$)/i;
const TEXT_BUDGET = 400_000;
const NODE_BUDGET = 20_000;

export function looksLikeWebmail(doc: Document, loc: Pick<PageLocation, 'hostname' | 'pathname'>): boolean {
  return WEBMAIL_HOST.test(loc.hostname) || WEBMAIL_PATH.test(loc.pathname) || queryFirst(doc, genericSelectors.webmailMarker) !== null;
}

/** Addresses in visible text nodes, within a fixed budget of nodes and characters. */
export function visibleTextAddresses(root: Node): string[] {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  const found: string[] = [];
  let chars = 0;
  for (let n = 0; n < NODE_BUDGET && chars < TEXT_BUDGET; n++) {
    const node = walker.nextNode();
    if (!node) break;
    const text = node.nodeValue ?? '';
    chars += text.length;
    if (!text.includes('@') || node.parentElement?.closest(genericSelectors.hidden[0])) continue;
    found.push(...emailsInText(text));
  }
  return found;
}

function detect(doc: Document, loc: PageLocation): DetectResult {
  const webmail = looksLikeWebmail(doc, loc);
  const fromLinks = [...doc.querySelectorAll(genericSelectors.mailto[0])].flatMap((a) => mailtoAddresses(a.getAttribute('href') ?? ''));
  const fromText = doc.body ? visibleTextAddresses(doc.body) : [];
  const host = normalizeDomain(loc.hostname);
  const canonical = queryFirst(doc, genericSelectors.canonical);
  const canonicalHref = canonical?.getAttribute('href') ?? canonical?.getAttribute('content') ?? '';
  return {
    context: buildContext({
      site: 'generic',
      pageType: webmail ? 'webmail' : 'page',
      url: loc.href,
      emails: [...fromLinks, ...fromText],
      websites: webmail ? [] : [host, /^https?:/i.test(canonicalHref) ? canonicalHref : null],
      ownDomains: webmail && host ? domainAndParents(host) : [],
    }),
  };
}

export const genericAdapter: SiteAdapter = {
  name: 'generic',
  selectors: genericSelectors,
  debounceMs: 1000,
  matchesHost: () => false,
  detect,
};
