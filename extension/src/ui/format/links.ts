/**
 * The only way the extension turns data into a link. Contact e-mails, phone numbers and CRM URLs come from the
 * server, which got them from people, imports and host pages: a value is linked only when it is exactly what
 * it claims to be, otherwise it renders as plain text (each function returns null). Reproduced before this:
 * the contact e-mail `ap?bcc=attacker%40evil.example&body=…@acme-tools.example` became a live mailto link
 * with a hidden Bcc and a prefilled body.
 *
 * - e-mail: a plain ASCII `local@domain` — no `?`, `&`, `#`, `%`, `/`, quotes, spaces, commas (a second
 *   recipient) or control characters, a domain of dot-separated labels; nothing is trimmed or decoded;
 * - phone: digits with the usual separators, an optional leading `+`; the link carries the digits only;
 * - web: http(s) only, no user name or password (`https://crm.example@evil.example`), no whitespace or control
 *   characters anywhere (the URL parser would silently drop them: `java\nscript:`).
 */

/** Characters no link may carry: C0/C1 controls, space, and invisible or direction-changing format characters. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const UNSAFE = /[\u0000-\u0020\u007f-\u00a0\u00ad\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff]/;

const LOCAL = /^[A-Za-z0-9!$'*+=^_`{|}~-]+(?:\.[A-Za-z0-9!$'*+=^_`{|}~-]+)*$/;
const LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

/** True for a plain e-mail address that is safe to put after `mailto:` as it is. */
export function isLinkableEmail(email: string | null | undefined): email is string {
  if (typeof email !== 'string' || email.length > 254 || UNSAFE.test(email)) return false;
  const at = email.lastIndexOf('@');
  if (at < 1 || at !== email.indexOf('@')) return false;
  const local = email.slice(0, at);
  const labels = email.slice(at + 1).split('.');
  return local.length <= 64 && LOCAL.test(local) && labels.length >= 2 && labels.every((l) => LABEL.test(l)) && /[A-Za-z]/.test(labels.at(-1)!);
}

/** `mailto:` for a validated address (and an optional subject, encoded here); null otherwise. */
export function mailtoHref(email: string | null | undefined, subject?: string): string | null {
  if (!isLinkableEmail(email)) return null;
  return subject ? `mailto:${email}?subject=${encodeURIComponent(subject)}` : `mailto:${email}`;
}

/** `tel:` with the digits (and a leading +) of a number written with the usual separators; null otherwise. */
export function telHref(phone: string | null | undefined): string | null {
  if (typeof phone !== 'string' || phone.length > 40) return null;
  // Spaces are fine between digits; nothing else invisible or controlling is.
  if (UNSAFE.test(phone.replace(/ /g, ''))) return null;
  if (!/^\+?\(?\d[\d ().\-/]*\d$/.test(phone)) return null;
  const digits = phone.replace(/[^\d+]/g, '');
  return /^\+?\d{3,20}$/.test(digits) ? `tel:${digits}` : null;
}

/** The normalised URL of an http(s) link without credentials; null for anything else. */
export function webHref(url: string | null | undefined): string | null {
  if (typeof url !== 'string' || url.length > 4096 || UNSAFE.test(url)) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  if (parsed.username || parsed.password || !parsed.hostname) return null;
  return parsed.href;
}
