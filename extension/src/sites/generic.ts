/**
 * The fallback for any site the user enables (a self-hosted webmail, another CRM): no per-site DOM knowledge,
 * only what any page shows. Addresses come from `mailto:` links, from attributes that hold exactly an address
 * (`title`, `data-email`…), and from visible text; domains from those addresses plus the page's own host (and its
 * canonical / og:url host) as the weakest hint, last in the list.
 *
 * Same-origin frames are read too, from the top document (the content script runs in the top frame only):
 * webmail shows the open message in a preview frame — Roundcube's three-pane view loads
 * `?_task=mail&_action=preview&_uid=…&_framed=1` into `iframe#messagecontframe` (roundcube/roundcubemail
 * skins/elastic/templates/mail.html, program/js/app.js). Cross-origin frames cannot be read and are skipped.
 *
 * Webmail is the exception for hints: its host is the mail provider, not whoever the message is from, so on a page
 * that looks like webmail (`mail.`/`webmail.` host, `/webmail`, `/roundcube`, `/SOGo`, `/owa` path, or Roundcube's
 * `task-mail` body class) the host is not a hint, and the host's own domain (`webmail.northwind.example` →
 * `northwind.example`, the user's company) is dropped from the domains. There, too, the message list is not read
 * (every sender of the folder is not who this message is with: Roundcube's `#messagelist` rows carry each sender
 * as `<span title="addr">`), and the mailbox owner's address (Roundcube's `.header-title.username`, which
 * program/include/rcmail_output_html.php current_username fills with the login address or the default
 * identity's) is the user, never a customer.
 * No page type is "known" here, so this adapter never reports health.
 *
 * Only what a user can see counts (a sender can hide another customer's addresses in a message: a `display:none`
 * mailto link, a `font-size:0` span with a title): links, attributes and text on elements in a hidden subtree or
 * styled away (display, visibility, opacity, filter, font-size, a closed `<details>`; computed, inline as a
 * fallback), text painted invisibly (a transparent colour, SVG text with no fill), or with no box where the page
 * has a layout engine, are not read. On webmail, a message body's `mailto:` links and attributes are not read at
 * all, only its visible text (a link saying "click here" does not show its address); the header's are
 * (elementAddresses). White-on-white text and text covered by another box are not detected (paintHides). Addresses come in document order, the open message's header
 * (`#message-header`, `table.headers-table`) before the rest, so the sender's customer is the first match.
 *
 * Text is scanned with a TreeWalker over text nodes (no `innerText`), only nodes containing "@" are examined further
 * (every element an address is found on — text, link or attribute — then pays for a visibility check, which may
 * read computed style and layout), hidden subtrees are skipped, and the walk stops after a fixed budget.
 *
 * SOGo (AngularJS) renders the open message into the same document as its list (Alinto/sogo
 * UI/Templates/MailerUI/UIxMailFolderTemplate.wox `#detailView[ui-view=message]`): the list is skipped, the sidenav's
 * address is the owner, and `ng-hide` content (the detailed recipients) is hidden.
 *
 * Tested on the fixtures generic-page (synthetic), generic-webmail, generic-webmail-three-pane and its preview
 * (reconstructions of Roundcube's elastic skin from its source), generic-sogo-mail and generic-sogo-popup
 * (reconstructions of SOGo 5 from its source), generic-zimbra-mail (Zimbra's Classic client from its source: by
 * default its reading pane shows display names only, the address in no text or attribute, so there is honestly no
 * customer to find; with "names in place of addresses" unchecked the bubbles read `"Name" <address>`), and
 * generic.test.ts.
 */
import { type DetectResult, domainAndParents, normalizeDomain } from '@earshot/shared';
import { buildContext } from './context.js';
import { emailsInText, mailtoAddresses, queryFirst, sameOriginFrameDocuments, textOf } from './dom.js';
import type { PageLocation, SiteAdapter } from './types.js';

export const genericSelectors = {
  mailto: ['a[href^="mailto:" i]'],
  // Where a page names its own address.
  canonical: ['link[rel="canonical"][href]', 'meta[property="og:url"][content]'],
  // Roundcube marks its mail screens on <body> (skins/elastic templates); SOGo is caught by its `/SOGo` path. Zimbra's
  // classic web client is often served at the root of a `zimbra.` host: its main shell is `div#z_shell`
  // (Zimbra/zm-web-client WebRoot/js/zimbraMail/core/ZmId.js ZmId.SHELL).
  webmailMarker: ['body[class*="task-mail"]', '#messagelist', '#mailview-top', '#z_shell'],
  // Subtrees whose text is not shown to the user (or is ours). AngularJS (SOGo's web UI) hides `ng-show` / `ng-hide`
  // content with the class `ng-hide` (`display: none !important`, angular/angular.js css/angular.css), kept here for
  // documents without computed style.
  // A closed `<details>` shows only its `<summary>` (HTML's details element: the rest is not rendered until opened).
  hidden: [
    'script, style, noscript, template, [hidden], [aria-hidden="true"], [data-earshot-root], .ng-hide:not(.ng-hide-animate), details:not([open]) > :not(summary)',
  ],
  // Attributes holding exactly an address. Roundcube (program/actions/mail/index.php address_string): a linked
  // sender is `<a href="mailto:x" class="rcmContactAddress" title="x">Name</a>`, an unlinked one
  // `<span title="x" class="rcmContactAddress">Name</span>`: the name is the text, the address only in attributes.
  addressAttribute: ['[title*="@"], [data-email*="@"], [data-address*="@"], [data-mail*="@"], [data-hovercard-id*="@"]'],
  // Webmail message lists: every sender in the folder, not who the open message is with. Roundcube elastic
  // `table#messagelist.messagelist` (skins/elastic/templates/mail.html); SOGo's virtual-scrolled
  // `md-virtual-repeat-container > md-list > md-list-item.sg-message-list-item`, whose rows show "Name <address>"
  // with the SOGoMailDisplayFullEmail preference (Alinto/sogo UI/Templates/MailerUI/UIxMailFolderTemplate.wox,
  // UI/WebServerResources/js/Mailer/sgMessageListItemMain.directive.js); generic list widgets by role.
  messageList: ['#messagelist, .messagelist, md-virtual-repeat-container, .sg-message-list-item, [role="grid"], [role="listbox"], [role="tree"]'],
  // 2026-08 Roundcube elastic: the folder pane's header `<span class="header-title username">` names the mailbox owner.
  // SOGo: the sidenav toolbar's `<p class="md-caption" ng-bind="::activeUser.email">` (Alinto/sogo
  // UI/Templates/UIxSidenavToolbarTemplate.wox, in md-sidenav of UI/Templates/MailerUI/UIxMailMainFrame.wox).
  // Zimbra's banner user field `#z_userName` (ZmId.USER_NAME): the DISPLAY_NAME setting, else the login address,
  // clipped to 24 characters (Zimbra/zm-web-client WebRoot/js/zimbraMail/core/ZmZimbraMail.js setUserInfo).
  mailboxOwner: ['.header-title.username', '.username', 'md-sidenav md-toolbar .md-caption', '#z_userName'],
  // The open message's header (From / To / Cc): its addresses come before the body's. Roundcube elastic
  // `#message-header` (skins/elastic/templates/message.html), the headers table `table.headers-table`
  // (program/actions/mail/show.php message_headers).
  messageHeader: ['#message-header', 'table.headers-table'],
} as const;

const ATTRIBUTE_NAMES = ['title', 'data-email', 'data-address', 'data-mail', 'data-hovercard-id'] as const;
/** An attribute value that is an address (`ann@acme.example`, `Ann <ann@acme.example>`), not a sentence. */
const ADDRESS_VALUE = /^(?:[^@<>]*<)?\s*[^\s@<>]+@[^\s@<>]+\s*>?$/;
/** Frames inside frames are read to this depth (Roundcube's preview frame holds the message directly). */
const FRAME_DEPTH = 2;
const SVG_NS = 'http://www.w3.org/2000/svg';

const WEBMAIL_HOST = /^(web)?mail\.|^(e?mail|webmail|owa|correo|posta)[.-]/i;
const WEBMAIL_PATH = /^\/(webmail|roundcube|rc|sogo|owa|zimbra|horde|rainloop|snappymail)(\/|$)/i;
const TEXT_BUDGET = 400_000;
const NODE_BUDGET = 20_000;

export function looksLikeWebmail(doc: Document, loc: Pick<PageLocation, 'hostname' | 'pathname'>): boolean {
  return WEBMAIL_HOST.test(loc.hostname) || WEBMAIL_PATH.test(loc.pathname) || queryFirst(doc, genericSelectors.webmailMarker) !== null;
}

/** An address found on the page, with the node it came from (to order them). */
interface Found {
  node: Node;
  emails: string[];
}

/** Whether the page has a layout engine (a browser): happy-dom and DOMParser documents give every box 0×0. */
function hasLayout(doc: Document): boolean {
  const rect = doc.documentElement?.getBoundingClientRect?.();
  return !!rect && rect.width > 0 && rect.height > 0;
}

function styleOf(el: Element): CSSStyleDeclaration | null {
  try {
    return el.ownerDocument.defaultView?.getComputedStyle(el) ?? null;
  } catch {
    return null;
  }
}

const zero = (value: string | undefined) => !!value && /^0(\.0*)?(px|em|rem|%|pt)?$/.test(value.trim());
/** An opacity below 0.1 (`0`, `0.01`, `5%`): a ghost nobody reads, the same as none. */
const FAINT = 0.1;
const faint = (value: string | undefined) => {
  const m = /^(\d*\.?\d+)(%?)$/.exec(value?.trim() ?? '');
  return !!m && Number(m[1]) / (m[2] ? 100 : 1) < FAINT;
};
/** A length of at most 1px (`0`, `1px`, `0.5px`): the visually-hidden ("sr-only") sizes. */
const tiny = (value: string | undefined) => !!value && /^(0*\.\d+|[01](\.0*)?)(px)?$/.test(value.trim());
/** A length that puts a positioned box far outside the page (`left: -9999px`, `top: -10000px`, `-100em`). */
const farOff = (value: string | undefined) => {
  const m = /^-(\d+(?:\.\d+)?)(px|em|rem)$/.exec(value?.trim() ?? '');
  return !!m && Number(m[1]) * (m[2] === 'px' ? 1 : 16) >= 999;
};
const px = (value: string) => (/^-?\d+(\.\d+)?(px)?$/.test(value.trim()) ? Number.parseFloat(value) : Number.NaN);

/** `clip: rect(…)` leaving at most 1px either way (`rect(0 0 0 0)`, `rect(1px, 1px, 1px, 1px)`). */
function clipHides(clip: string | undefined): boolean {
  const m = /^rect\(([^)]*)\)$/i.exec(clip?.trim() ?? '');
  if (!m) return false;
  const [top, right, bottom, left] = m[1]!.split(/[\s,]+/).map(px);
  if ([top, right, bottom, left].some((v) => v === undefined || Number.isNaN(v))) return false;
  return right! - left! <= 1 || bottom! - top! <= 1;
}

/** `clip-path` that leaves nothing: `inset(50%)` or more, `circle(0)`, `polygon(0 0, 0 0, 0 0)`. */
function clipPathHides(path: string | undefined): boolean {
  const value = path?.trim().toLowerCase() ?? '';
  const inset = /^inset\(([^)]*)\)/.exec(value);
  if (inset) {
    const parts = inset[1]!.split(/\s+round\s+/)[0]!.trim().split(/\s+/);
    const pct = parts.map((p) => (p.endsWith('%') ? Number.parseFloat(p) : Number.NaN));
    const [t, r = t, b = t, l = r] = pct;
    return [t, r, b, l].every((v) => v !== undefined && !Number.isNaN(v)) && (t! + b! >= 100 || l! + r! >= 100);
  }
  return /^circle\(0(px|%)?[\s)]/.test(value) || /^polygon\(\s*(0(px|%)?\s+0(px|%)?\s*,?\s*)+\)$/.test(value);
}

/** `filter: opacity(0)` or another faint one (alone or among other filter functions): the same as `opacity: 0`. */
const filterHides = (filter: string | undefined) => {
  const m = /(?:^|\s)opacity\(\s*(\d*\.?\d+)(%?)\s*\)/i.exec(filter ?? '');
  return !!m && faint(`${m[1]}${m[2]}`);
};

/** SVG presentation attributes that hide an element and everything in it: `opacity="0"`, `display`, `visibility`. */
function svgAttributesHide(el: Element): boolean {
  if (el.namespaceURI !== SVG_NS) return false;
  const visibility = el.getAttribute('visibility');
  return zero(el.getAttribute('opacity') ?? undefined) || el.getAttribute('display') === 'none' || visibility === 'hidden' || visibility === 'collapse';
}

/** A colour nobody sees: `transparent`, an rgba / hsla / #rrggbbaa with alpha 0. */
function invisibleColor(color: string | undefined): boolean {
  const value = color?.trim().toLowerCase() ?? '';
  if (value === 'transparent') return true;
  const fn = /^(?:rgba?|hsla?)\((.*)\)$/.exec(value);
  if (fn) {
    const parts = fn[1]!.split(/\s*[,/]\s*|\s+/).filter(Boolean);
    return parts.length === 4 && zero(parts[3]!.replace(/%$/, ''));
  }
  return /^#(?:[0-9a-f]{3}0|[0-9a-f]{6}00)$/.test(value);
}

/**
 * The first value of an inherited property on `el` or its nearest ancestor that sets it: computed where the page
 * computes styles (inheritance included), else the inline style, else the SVG presentation attribute.
 */
function inherited(el: Element, property: 'color' | 'webkitTextFillColor' | 'fillOpacity' | 'fill' | 'stroke', attribute?: string): string | undefined {
  const computed = (styleOf(el) as unknown as Record<string, string> | null)?.[property];
  if (computed) return computed;
  const css = property.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/^webkit-/, '-webkit-');
  const declared = new RegExp(`(?:^|;)\\s*${css}\\s*:\\s*([^;]+)`, 'i');
  for (let cur: Element | null = el; cur; cur = cur.parentElement) {
    const inline =
      ((cur as HTMLElement).style as unknown as Record<string, string> | undefined)?.[property] ||
      declared.exec(cur.getAttribute('style') ?? '')?.[1]?.replace(/\s*!important\s*$/i, '').trim();
    if (inline) return inline;
    const attr = attribute ? cur.getAttribute(attribute) : null;
    if (attr) return attr;
  }
  return undefined;
}

/** Gradient text: `background-clip: text` paints the background through transparent glyphs, which are then seen. */
function clipsBackgroundToText(el: Element): boolean {
  for (let cur: Element | null = el; cur; cur = cur.parentElement) {
    const style = styleOf(cur) as unknown as Record<string, string> | null;
    if (style?.backgroundClip === 'text' || style?.webkitBackgroundClip === 'text') return true;
    if (/background-clip\s*:\s*text/i.test(cur.getAttribute('style') ?? '')) return true;
  }
  return false;
}

/**
 * Whether the text of `el` is painted invisibly: HTML text in a transparent colour (`color: transparent`,
 * `rgba(…, 0)`, `-webkit-text-fill-color: transparent`) unless a `background-clip: text` shows it through, or SVG
 * text with nothing painted (`fill-opacity="0"` or `fill="none"`, and no stroke). Inherited properties, so they are
 * read for the element itself (the nearest setting wins: a child may set a visible colour again), not cached for
 * its descendants like the hiding styles of isShown.
 *
 * Not handled, on purpose: text in a colour equal to its background (white on white) and text covered by another
 * box (`z-index`, an overlapping positioned element). Both need the painted result (backgrounds of every
 * ancestor, images, stacking order), which no DOM reading gives reliably; a sender can use them to hide an address.
 */
function paintHides(el: Element): boolean {
  if (el.namespaceURI === SVG_NS) {
    const stroke = inherited(el, 'stroke', 'stroke');
    const stroked = !!stroke && stroke !== 'none' && !invisibleColor(stroke);
    const fill = inherited(el, 'fill', 'fill');
    return !stroked && (zero(inherited(el, 'fillOpacity', 'fill-opacity')) || fill === 'none' || invisibleColor(fill));
  }
  const color = inherited(el, 'color');
  const fillColor = inherited(el, 'webkitTextFillColor');
  return (invisibleColor(color) || invisibleColor(fillColor)) && !clipsBackgroundToText(el);
}

/**
 * One element's own style hides it (and everything in it): computed style, and the inline style as a fallback.
 * Beyond display / visibility / opacity / font-size, the ways pages hide text from sight but not from the DOM:
 * a positioned box moved far off the page (`left: -9999px`), text indented out of its box (`text-indent: -9999px`),
 * clipped to nothing (`clip: rect(0 0 0 0)`, `clip-path: inset(50%)`), or a box of at most 1px that clips its
 * overflow (the "sr-only" / "visually-hidden" pattern, or a zero-size `overflow: hidden` container).
 */
function styleHides(style: CSSStyleDeclaration | null | undefined): boolean {
  if (!style) return false;
  if (style.display === 'none' || style.visibility === 'hidden' || style.visibility === 'collapse' || faint(style.opacity) || zero(style.fontSize)) return true;
  const positioned = style.position === 'absolute' || style.position === 'fixed';
  if (positioned && (farOff(style.left) || farOff(style.top))) return true;
  if (farOff(style.textIndent)) return true;
  if (positioned && clipHides(style.clip)) return true;
  if (clipPathHides(style.clipPath)) return true;
  if (filterHides(style.filter)) return true;
  const clips = [style.overflow, style.overflowX, style.overflowY].some((o) => !!o && /hidden|clip|scroll|auto/.test(o));
  return clips && (tiny(style.width) || tiny(style.height) || tiny(style.maxWidth) || tiny(style.maxHeight));
}

/** `clip` read from the `style` attribute, for DOMs that do not parse it (happy-dom); browsers compute it. */
function inlineClipHides(el: Element): boolean {
  const inline = el.getAttribute('style');
  if (!inline || !/clip\s*:/i.test(inline)) return false;
  const clip = /(?:^|;)\s*clip\s*:\s*([^;]+)/i.exec(inline)?.[1];
  return /position\s*:\s*(absolute|fixed)/i.test(inline) && clipHides(clip?.replace(/\s*!important\s*$/i, ''));
}

/**
 * Where the page has a layout engine: whether `el` has a box a user can see, more than 1px either way (the
 * "sr-only" pattern leaves 1×1), not entirely above or left of the page (where no scrolling reaches: a transform
 * or a negative margin can put it there as well as `left: -9999px`), and not cut off by an ancestor that clips its
 * overflow to (almost) nothing.
 */
function layoutShows(el: Element): boolean {
  const win = el.ownerDocument.defaultView;
  const [sx, sy] = [win?.scrollX ?? 0, win?.scrollY ?? 0];
  const rects = [...el.getClientRects()];
  const onPage = rects.some((r) => r.width > 1 && r.height > 1 && r.right + sx > 0 && r.bottom + sy > 0);
  if (!onPage) return false;
  for (let cur = el.parentElement; cur && cur !== el.ownerDocument.body; cur = cur.parentElement) {
    const style = styleOf(cur);
    if (!style || !/hidden|clip|scroll|auto/.test(`${style.overflow} ${style.overflowX} ${style.overflowY}`)) continue;
    const box = cur.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) return false;
  }
  return true;
}

/**
 * Whether a user can see `el`: not in a hidden subtree (`[hidden]`, `aria-hidden`, `<template>`, AngularJS
 * `.ng-hide`, the content of a closed `<details>`…), no ancestor styled away (`display: none`, `visibility: hidden`,
 * an opacity under 0.1 (`opacity: 0.01`, `filter: opacity(0)`), SVG `opacity="0"`, `font-size: 0`, moved
 * far off the page, clipped to nothing, a clipping box of at most 1px: see styleHides; computed, or inline where
 * nothing is computed), and, where the page has a layout engine, a box of more than 1px on the page, inside no
 * ancestor clipped to nothing (layoutShows). A sender can hide addresses in a message (a `display:none` mailto
 * link, a `font-size:0` span with a title, an off-screen preheader) to name another customer, and pages keep
 * hidden copies (a quoted old message collapsed, a template, screen-reader text).
 */
export function isShown(el: Element, cache = new Map<Element, boolean>(), layout = hasLayout(el.ownerDocument)): boolean {
  const known = cache.get(el);
  if (known !== undefined) return known;
  let shown = !el.closest(genericSelectors.hidden[0]);
  for (let cur: Element | null = el; shown && cur; cur = cur.parentElement) {
    const seen = cur === el ? undefined : cache.get(cur);
    if (seen !== undefined) {
      shown = seen;
      break;
    }
    if (styleHides(styleOf(cur)) || styleHides((cur as HTMLElement).style) || inlineClipHides(cur) || svgAttributesHide(cur)) shown = false;
  }
  if (shown && layout && styleOf(el)?.display !== 'contents') shown = layoutShows(el);
  cache.set(el, shown);
  return shown;
}

/** Addresses in visible text nodes, within a fixed budget of nodes and characters; `skip`: subtrees not read. */
function textAddresses(root: Node, skip: string | undefined, cache: Map<Element, boolean>): Found[] {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  const found: Found[] = [];
  const layout = hasLayout(doc);
  let chars = 0;
  for (let n = 0; n < NODE_BUDGET && chars < TEXT_BUDGET; n++) {
    const node = walker.nextNode();
    if (!node) break;
    const text = node.nodeValue ?? '';
    chars += text.length;
    const parent = node.parentElement;
    if (!text.includes('@') || !parent || !isShown(parent, cache, layout)) continue;
    if ((skip && parent.closest(skip)) || paintHides(parent)) continue;
    // Text directly inside a closed <details> (not in its <summary>) is not rendered.
    if (parent.localName === 'details' && !parent.hasAttribute('open')) continue;
    found.push({ node, emails: emailsInText(text) });
  }
  return found;
}

/** Addresses in visible text nodes, within a fixed budget of nodes and characters; `skip`: subtrees not read. */
export function visibleTextAddresses(root: Node, skip?: string): string[] {
  return textAddresses(root, skip, new Map()).flatMap((f) => f.emails);
}

/** The document and the same-origin frame documents inside it (preview panes), top first. */
export function readableDocuments(doc: Document, depth = FRAME_DEPTH): Document[] {
  if (depth === 0) return [doc];
  // A frame the user cannot see (a hidden or zero-size iframe: a prefetch, a sandbox) is not the message shown.
  const cache = new Map<Element, boolean>();
  const shownFrames = [...doc.querySelectorAll('iframe')].filter((frame) => isShown(frame, cache));
  return [doc, ...sameOriginFrameDocuments(doc, shownFrames).flatMap((frameDoc) => readableDocuments(frameDoc, depth - 1))];
}

/**
 * Addresses on shown elements: `mailto:` links, then `title`, `data-email`… whose whole value is an address.
 * `header`: where a webmail page shows the open message's header; when given (webmail), only elements inside it are
 * read. A message body is written by its sender, and neither a link's target nor an attribute is what a reader sees:
 * `<a href="mailto:cfo@globex.example">click here</a>` or `<b title="ap@globex.example">Hi</b>` in a body would
 * name a customer the reader never saw. So in a body a `mailto:` link's address counts only when its visible text
 * is that address, and then the text walk reads it (textAddresses), as any shown address; the header's links and
 * attributes are the webmail's own rendering of From / To / Cc (Roundcube keeps the address only in `title` and
 * `href`), and count. Other pages (a CRM, an intranet) are the site's own rendering: their links and attributes
 * count wherever they are shown (a contact's "Email" button is a `mailto:` link).
 */
function elementAddresses(root: ParentNode, skip: string | undefined, cache: Map<Element, boolean>, header?: Element | null): Found[] {
  const found: Found[] = [];
  if (header === null) return found;
  const selector = `${genericSelectors.mailto[0]}, ${genericSelectors.addressAttribute[0]}`;
  for (const el of (header ?? root).querySelectorAll(selector)) {
    if ((skip && el.closest(skip)) || !isShown(el, cache) || (el.textContent?.trim() && paintHides(el))) continue;
    const emails: string[] = [];
    if (el.matches(genericSelectors.mailto[0])) emails.push(...mailtoAddresses(el.getAttribute('href') ?? ''));
    for (const name of ATTRIBUTE_NAMES) {
      const value = el.getAttribute(name)?.trim();
      if (value && ADDRESS_VALUE.test(value)) emails.push(...emailsInText(value));
    }
    if (emails.length > 0) found.push({ node: el, emails });
  }
  return found;
}

/** Addresses kept in attributes of shown elements: `title`, `data-email`… whose whole value is an address. */
export function attributeAddresses(root: ParentNode, skip?: string): string[] {
  const cache = new Map<Element, boolean>();
  return [...root.querySelectorAll(genericSelectors.addressAttribute[0])]
    .filter((el) => !(skip && el.closest(skip)) && isShown(el, cache))
    .flatMap((el) =>
      ATTRIBUTE_NAMES.flatMap((name) => {
        const value = el.getAttribute(name)?.trim();
        return value && ADDRESS_VALUE.test(value) ? emailsInText(value) : [];
      }),
    );
}

/**
 * Every shown address of one document, in document order, the message header's first: in webmail the header names
 * who the message is from and to, the body may quote or mention anyone. `webmail`: links and attributes are read
 * in the message header only (elementAddresses).
 */
export function addressesIn(doc: Document, skip: string | undefined, webmail = false): string[] {
  const cache = new Map<Element, boolean>();
  const header = queryFirst(doc, genericSelectors.messageHeader);
  const found = [...elementAddresses(doc, skip, cache, webmail ? header : undefined), ...(doc.body ? textAddresses(doc.body, skip, cache) : [])];
  const inHeader = (f: Found) => (header?.contains(f.node) ? 0 : 1);
  found.sort((a, b) => inHeader(a) - inHeader(b) || (a.node.compareDocumentPosition(b.node) & 4 /* FOLLOWING */ ? -1 : a.node === b.node ? 0 : 1));
  return found.flatMap((f) => f.emails);
}

function detect(doc: Document, loc: PageLocation): DetectResult {
  const docs = readableDocuments(doc);
  const webmail = looksLikeWebmail(doc, loc) || docs.slice(1).some((d) => queryFirst(d, genericSelectors.webmailMarker) !== null);
  const skip = webmail ? genericSelectors.messageList[0] : undefined;
  // The open message first (a preview frame), then the page around it.
  const emails = [...docs.slice(1), doc].flatMap((d) => addressesIn(d, skip, webmail));
  const owner = webmail ? emailsInText(textOf(queryFirst(doc, genericSelectors.mailboxOwner))) : [];
  const host = normalizeDomain(loc.hostname);
  const canonical = queryFirst(doc, genericSelectors.canonical);
  const canonicalHref = canonical?.getAttribute('href') ?? canonical?.getAttribute('content') ?? '';
  return {
    context: buildContext({
      site: 'generic',
      pageType: webmail ? 'webmail' : 'page',
      url: loc.href,
      emails,
      own: owner,
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
