/**
 * Links that open the user's own mail compose window, filled in: Gmail, Outlook on the web, or the mail app
 * (`mailto:`). Earshot never sends mail to a customer itself (issue 9): the user reads, edits and sends.
 *
 * Every value is percent-encoded with `%20` for a space, never `+`: RFC 6068 (mailto) requires it, and Outlook's
 * deeplink shows a `+` literally when the signed-out redirect re-encodes the query (Microsoft Tech Community,
 * "Outlook deeplink for email compose replaces spaces with ++ when user not logged in", 2024:
 * https://techcommunity.microsoft.com/discussions/microsoft-365/outlook-deeplink-for-email-compose-replaces-spaces-with--when-user-not-logged-in/4111903).
 * Line breaks go as CRLF (`%0D%0A`), as RFC 6068 §5 asks for the body.
 */

export interface ComposeInput {
  to: readonly string[];
  subject: string;
  body: string;
}

export type ComposeTarget = 'gmail' | 'outlook' | 'mailto';

export interface ComposeLink {
  target: ComposeTarget;
  url: string;
  /** Longer than some browsers, mail apps or webmail redirects accept: offer copying the text instead. */
  tooLong: boolean;
}

/**
 * The length past which a compose link may be cut or refused: Outlook on the web's documented limit is "around
 * 2048 chars" for compose URLs, and some mail apps (Outlook desktop through `mailto:`) stop near 2,000 as well.
 */
export const COMPOSE_URL_LIMIT = 2000;

/** Percent-encoding for a mailto/compose value: RFC 3986 unreserved characters stay, everything else is encoded. */
export function encodeMailValue(value: string): string {
  return encodeURIComponent(value.replace(/\r\n|\r|\n/g, '\r\n')).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function query(pairs: [string, string][]): string {
  return pairs
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}=${encodeMailValue(v)}`)
    .join('&');
}

function link(target: ComposeTarget, url: string): ComposeLink {
  return { target, url, tooLong: url.length > COMPOSE_URL_LIMIT };
}

/** The three compose links for one message. Addresses are joined with commas (RFC 6068; Gmail and Outlook accept them). */
export function composeUrls(input: ComposeInput): Record<ComposeTarget, ComposeLink> {
  const to = input.to.map((a) => a.trim()).filter(Boolean);
  const recipients = to.join(',');
  // Gmail's compose view: view=cm (compose), fs=1 (full screen), su = subject.
  const gmail = `https://mail.google.com/mail/?view=cm&fs=1&${query([
    ['to', recipients],
    ['su', input.subject],
    ['body', input.body],
  ])}`;
  // Outlook on the web (work or school accounts, and outlook.com redirects there): /mail/deeplink/compose.
  const outlook = `https://outlook.office.com/mail/deeplink/compose?${query([
    ['to', recipients],
    ['subject', input.subject],
    ['body', input.body],
  ])}`;
  // RFC 6068: the addresses are the path (each encoded, `@` may stay), the rest header fields.
  const mailtoQuery = query([
    ['subject', input.subject],
    ['body', input.body],
  ]);
  const mailto = `mailto:${to.map((a) => encodeMailValue(a).replace(/%40/g, '@')).join(',')}${mailtoQuery ? `?${mailtoQuery}` : ''}`;
  return { gmail: link('gmail', gmail), outlook: link('outlook', outlook), mailto: link('mailto', mailto) };
}
