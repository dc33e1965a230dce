/**
 * Read-only DOM helpers shared by the adapters. They never write to the page and never use `innerText` (which
 * forces a layout of the host page); elements may come from another frame, so no `instanceof` checks.
 */

// Deliberately loose: normalizeEmail() decides what is really an address.
const EMAIL_IN_TEXT = /[a-z0-9][a-z0-9._%+'-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)+/gi;

/** The first element matched by the first selector in the list that matches anything. */
export function queryFirst(root: ParentNode, selectors: readonly string[]): Element | null {
  for (const selector of selectors) {
    const el = root.querySelector(selector);
    if (el) return el;
  }
  return null;
}

/** All elements of the first selector in the list that matches anything (fallbacks are not mixed in). */
export function queryAll(root: ParentNode, selectors: readonly string[]): Element[] {
  for (const selector of selectors) {
    const found = root.querySelectorAll(selector);
    if (found.length > 0) return [...found];
  }
  return [];
}

/** Whitespace-collapsed text of an element; for form fields, their value. */
export function textOf(el: Element | null | undefined): string {
  if (!el) return '';
  const tag = el.tagName;
  const raw = tag === 'INPUT' || tag === 'TEXTAREA' ? (el as HTMLInputElement).value : el.textContent;
  return (raw ?? '').replace(/\s+/g, ' ').trim();
}

/** Candidate e-mail addresses in free text (`Ann Buyer <ann@acme.example>`, a signature, an input's value). */
export function emailsInText(text: string): string[] {
  return (text.match(EMAIL_IN_TEXT) ?? []).map((e) => e.replace(/[.'-]+$/, ''));
}

/** The addresses of a `mailto:` link: `mailto:a@x,b@x?cc=c@x&subject=…` → a, b, c. */
export function mailtoAddresses(href: string): string[] {
  if (!/^mailto:/i.test(href)) return [];
  let decoded: string;
  try {
    decoded = decodeURIComponent(href.slice(7).replace(/\+/g, '%2B'));
  } catch {
    decoded = href.slice(7);
  }
  const [to = '', query = ''] = decoded.split('?', 2);
  const out = emailsInText(to);
  for (const part of query.split('&')) {
    const [key = '', value = ''] = part.split('=', 2);
    if (/^(to|cc|bcc)$/i.test(key)) out.push(...emailsInText(value));
  }
  return out;
}

/** Attributes that carry an address on the sites we know, most specific first. */
const ADDRESS_ATTRIBUTES = ['email', 'data-hovercard-id', 'title', 'aria-label', 'value'] as const;

/**
 * Addresses an element carries: its `email`-like attributes, a `mailto:` href, then its text. Stops at the first
 * source that yields anything, so a chip's visible name never adds noise when its attribute already told.
 */
export function addressesOf(el: Element): string[] {
  const href = el.getAttribute('href');
  if (href) {
    const fromLink = mailtoAddresses(href);
    if (fromLink.length > 0) return fromLink;
  }
  for (const name of ADDRESS_ATTRIBUTES) {
    const value = name === 'value' && el.tagName === 'INPUT' ? (el as HTMLInputElement).value : el.getAttribute(name);
    const found = value ? emailsInText(value) : [];
    if (found.length > 0) return found;
  }
  return emailsInText(textOf(el));
}

/** `href` of the first link inside (or on) an element, else its text: how CRMs show a website field. */
export function linkOrText(el: Element | null): string {
  if (!el) return '';
  const link = el.matches('a[href]') ? el : el.querySelector('a[href]');
  const href = link?.getAttribute('href') ?? '';
  return /^https?:/i.test(href) ? href : textOf(el);
}

/**
 * Documents of same-origin child frames (about:blank, srcdoc or same origin) under `root` (or of `frames`, some of them). Cross-origin frames
 * throw or return null on access and are skipped: the top-frame content script cannot read them, by design.
 */
export function sameOriginFrameDocuments(root: ParentNode, frames: Iterable<Element> = root.querySelectorAll('iframe')): Document[] {
  const docs: Document[] = [];
  for (const frame of frames) {
    try {
      const doc = (frame as HTMLIFrameElement).contentDocument;
      if (doc?.body) docs.push(doc);
    } catch {
      // cross-origin
    }
  }
  return docs;
}
