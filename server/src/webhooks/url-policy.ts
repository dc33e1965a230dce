/**
 * Where webhooks may point. Threat: server-side request forgery — an admin (or a stolen admin token) aiming
 * deliveries at the cloud metadata service, a database on the private network or the server itself.
 *
 * Always: http(s) only, no credentials in the URL. In every environment, by default, also only public unicast
 * addresses: anything whose ipaddr.js `range()` is not `unicast` is refused, IPv4 and IPv6 alike, after
 * unwrapping the IPv4 address that IPv4-mapped, IPv4-compatible, SIIT (rfc6145), NAT64 (64:ff9b::/96), 6to4
 * and Teredo addresses carry. `EARSHOT_WEBHOOK_ALLOW_PRIVATE=true` turns the address check off (receivers on
 * your own network). The check runs when the webhook is created, and again at every delivery inside the
 * connection's own DNS lookup, on every address the name resolves to, so the address connected to is the one
 * checked (http-post.ts). Redirects are never followed.
 */
import dns from 'node:dns/promises';
import net from 'node:net';
import ipaddr from 'ipaddr.js';

export interface WebhookUrlPolicy {
  /** Refuse targets that are not public internet addresses. */
  blockPrivateTargets: boolean;
}

export const ALLOW_PRIVATE_ENV = 'EARSHOT_WEBHOOK_ALLOW_PRIVATE';
export const MAX_WEBHOOK_URL_LENGTH = 2048;

/** Strict unless EARSHOT_WEBHOOK_ALLOW_PRIVATE is true/1/yes/on — whatever NODE_ENV says. */
export function webhookUrlPolicy(env: NodeJS.ProcessEnv = process.env): WebhookUrlPolicy {
  const allowPrivate = ['1', 'true', 'yes', 'on'].includes((env[ALLOW_PRIVATE_ENV] ?? '').trim().toLowerCase());
  return { blockPrivateTargets: !allowPrivate };
}

export class WebhookUrlError extends Error {}

const v4 = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);

/**
 * The IPv4 addresses an IPv6 address stands for (its own traffic ends up there), or null when it embeds none.
 * Teredo carries two: the relay server and the (obfuscated) client.
 */
function embeddedIPv4(a: ipaddr.IPv6): ipaddr.IPv4[] | null {
  const p = a.parts;
  switch (a.range()) {
    case 'ipv4Mapped': // ::ffff:a.b.c.d
    case 'rfc6145': // ::ffff:0:a.b.c.d
      return [v4(p[6]!, p[7]!)];
    case 'rfc6052': // NAT64: 64:ff9b::a.b.c.d; the local-use 64:ff9b:1::/48 places it elsewhere — refused outright
      return p[2] === 0 ? [v4(p[6]!, p[7]!)] : [new ipaddr.IPv4([0, 0, 0, 0])];
    case '6to4': // 2002:AABB:CCDD::
      return [v4(p[1]!, p[2]!)];
    case 'teredo': // 2001:0:SERVER:…:~CLIENT
      return [v4(p[2]!, p[3]!), v4(p[6]! ^ 0xffff, p[7]! ^ 0xffff)];
    default:
      // IPv4-compatible (deprecated, ::a.b.c.d — what `[::127.0.0.1]` becomes): the first 96 bits are zero.
      // (`::` and `::1` are judged as what they are: unspecified, loopback.)
      if (a.range() === 'unicast' && p.slice(0, 6).every((x) => x === 0)) return [v4(p[6]!, p[7]!)];
      return null;
  }
}

/** Why an address is refused ('loopback', 'private', '6to4 → loopback' …), or null for a public unicast address. */
export function nonPublicReason(address: string): string | null {
  const literal = address.replace(/^\[(.*)\]$/, '$1');
  // Only the canonical forms: DNS answers and WHATWG-normalised URL hosts are dotted quads or IPv6.
  if (!net.isIP(literal) || !ipaddr.isValid(literal)) return 'not an IP address';
  const parsed = ipaddr.parse(literal);
  if (parsed.kind() === 'ipv4') {
    const range = (parsed as ipaddr.IPv4).range();
    return range === 'unicast' ? null : range;
  }
  const a = parsed as ipaddr.IPv6;
  const inner = embeddedIPv4(a);
  if (inner) {
    const bad = inner.map((x) => x.range()).find((r) => r !== 'unicast');
    return bad ? `${a.range() === 'unicast' ? 'IPv4-compatible' : a.range()} → ${bad}` : null;
  }
  const range = a.range();
  return range === 'unicast' ? null : range;
}

/** True for addresses that are not public unicast ones (embedded IPv4 judged by its IPv4 part). */
export function isNonPublicAddress(address: string): boolean {
  return nonPublicReason(address) !== null;
}

/** The URL's host without IPv6 brackets. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

export function privateTargetMessage(host: string, address: string): string {
  const shown = address === host ? host : `${host} (${address})`;
  return `The host ${shown} is not a public address: ${nonPublicReason(address)} (set ${ALLOW_PRIVATE_ENV}=true to allow private targets)`;
}

/** Parses and checks a webhook URL; returns it normalised. Throws WebhookUrlError with a message for the user. */
export async function checkWebhookUrl(
  input: string,
  policy: WebhookUrlPolicy,
  lookup: (host: string) => Promise<string[]> = resolveAll,
): Promise<string> {
  if (input.length > MAX_WEBHOOK_URL_LENGTH) throw new WebhookUrlError(`URL is longer than ${MAX_WEBHOOK_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new WebhookUrlError('Not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new WebhookUrlError('Only http and https URLs are allowed');
  if (url.username || url.password) throw new WebhookUrlError('Credentials in the URL are not allowed (use the signing secret to authenticate deliveries)');
  if (!url.hostname) throw new WebhookUrlError('The URL has no host');
  if (policy.blockPrivateTargets) {
    // WHATWG URL parsing has already turned 2130706433, 0x7f.1, 017700000001 and 127.1 into 127.0.0.1.
    const host = hostOf(url);
    let addresses: string[];
    try {
      addresses = net.isIP(host) ? [host] : await lookup(host);
    } catch {
      throw new WebhookUrlError(`The host ${host} does not resolve`);
    }
    if (!addresses.length) throw new WebhookUrlError(`The host ${host} does not resolve`);
    const bad = addresses.find(isNonPublicAddress);
    if (bad) throw new WebhookUrlError(privateTargetMessage(host, bad));
  }
  url.hash = '';
  return url.toString();
}

async function resolveAll(host: string): Promise<string[]> {
  return (await dns.lookup(host, { all: true, verbatim: true })).map((a) => a.address);
}
