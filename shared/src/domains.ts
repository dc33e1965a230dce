/**
 * Normalising e-mail addresses and domains, the keys by which a page is matched to a customer.
 * Used by the server (to store and look up) and by the extension (to send clean identifiers).
 */

/**
 * Consumer mailbox providers: a sender at one of these tells nothing about which company they work for,
 * so these domains never match an account by domain (only an exact contact e-mail can).
 * Keep sorted; add regional variants as customers report them.
 */
export const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  'aol.com',
  'btinternet.com',
  'comcast.net',
  'fastmail.com',
  'free.fr',
  'gmail.com',
  'gmx.com',
  'gmx.de',
  'gmx.net',
  'googlemail.com',
  'hey.com',
  'hotmail.co.uk',
  'hotmail.com',
  'hotmail.fr',
  'icloud.com',
  'laposte.net',
  'live.com',
  'mac.com',
  'mail.com',
  'mail.ru',
  'me.com',
  'msn.com',
  'naver.com',
  'orange.fr',
  'outlook.com',
  'pm.me',
  'proton.me',
  'protonmail.com',
  'qq.com',
  'rediffmail.com',
  'sky.com',
  't-online.de',
  'tutanota.com',
  'verizon.net',
  'web.de',
  'yahoo.co.uk',
  'yahoo.com',
  'yahoo.fr',
  'yandex.com',
  'yandex.ru',
  'ymail.com',
  'zoho.com',
]);

/** Second-level labels under which registrable domains sit one level deeper (`acme.co.uk`). */
const MULTI_PART_SUFFIXES = new Set(['co', 'com', 'net', 'org', 'gov', 'ac', 'edu', 'ltd', 'plc', 'ne', 'or', 'go']);

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const EMAIL = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+$/;

/**
 * Lower-cases, trims, strips a scheme, path, port, `www.` and a trailing dot. Returns null for anything that is
 * not a plausible host name with a dot (so `localhost`, `1.2.3.4`-like inputs and garbage are rejected).
 */
export function normalizeDomain(input: string): string | null {
  let d = input.trim().toLowerCase();
  if (!d) return null;
  d = d.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  d = d.replace(/^[^@/]*@/, '');
  d = d.split(/[/?#]/)[0] ?? '';
  d = d.replace(/:\d+$/, '').replace(/\.$/, '');
  if (d.startsWith('www.')) d = d.slice(4);
  // An internationalised name (`münchen.example`) is stored and matched in its ASCII (punycode) form, as mail headers
  // and most pages carry it. The URL parser applies IDNA the same way in Node and in the browser.
  if ([...d].some((c) => c.charCodeAt(0) > 0x7f)) {
    try {
      d = new URL(`http://${d}`).hostname;
    } catch {
      return null;
    }
  }
  if (d.length > 253) return null;
  const labels = d.split('.');
  if (labels.length < 2) return null;
  if (!labels.every((l) => LABEL.test(l))) return null;
  const tld = labels[labels.length - 1] ?? '';
  if (!/^[a-z][a-z0-9-]*$/.test(tld)) return null;
  return d;
}

/** Lower-cased, trimmed address, or null when it is not an e-mail address. */
export function normalizeEmail(input: string): string | null {
  const e = input.trim().toLowerCase().replace(/^mailto:/, '');
  if (e.length > 254 || !EMAIL.test(e)) return null;
  const at = e.lastIndexOf('@');
  const domain = normalizeDomain(e.slice(at + 1));
  if (!domain) return null;
  return `${e.slice(0, at)}@${domain}`;
}

export function domainOfEmail(email: string): string | null {
  const e = normalizeEmail(email);
  return e ? (e.split('@')[1] ?? null) : null;
}

export function isFreeMailDomain(domain: string): boolean {
  return FREE_MAIL_DOMAINS.has(domain);
}

/**
 * A bare public suffix such as `co.uk` or `com.au` (a single label never passes `normalizeDomain`): no company's
 * domain, and an account holding one would match every company under it.
 */
export function isPublicSuffix(domain: string): boolean {
  const labels = domain.split('.');
  return labels.length === 2 && labels[1]?.length === 2 && MULTI_PART_SUFFIXES.has(labels[0] ?? '');
}

/** Why a normalised domain can never be a customer's, or null when it can: a consumer mailbox provider or a public suffix. */
export function customerDomainProblem(domain: string): string | null {
  if (isFreeMailDomain(domain)) return `${domain} is a free e-mail provider: its senders are not one company`;
  if (isPublicSuffix(domain)) return `${domain} is a public suffix, not a company’s domain`;
  return null;
}

/**
 * The domain and each parent down to the registrable domain: `eu.mail.acme.co.uk` →
 * [`eu.mail.acme.co.uk`, `mail.acme.co.uk`, `acme.co.uk`]. A sub-domain matches its account's domain this way,
 * without ever matching a bare public suffix such as `co.uk`.
 */
export function domainAndParents(domain: string): string[] {
  const labels = domain.split('.');
  const last = labels.length - 1;
  const secondLast = labels[last - 1] ?? '';
  const minLabels = labels.length >= 3 && labels[last]?.length === 2 && MULTI_PART_SUFFIXES.has(secondLast) ? 3 : 2;
  const out: string[] = [];
  for (let i = 0; labels.length - i >= minLabels; i++) out.push(labels.slice(i).join('.'));
  return out;
}
