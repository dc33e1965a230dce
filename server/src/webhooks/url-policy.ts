/**
 * Where webhooks may point. Threat: server-side request forgery — an admin (or a stolen admin token) aiming
 * deliveries at the cloud metadata service, a database on the private network or the server itself.
 *
 * Always: http(s) only, no credentials in the URL. In production (NODE_ENV=production) also no private,
 * loopback, link-local or otherwise non-public targets, unless EARSHOT_WEBHOOK_ALLOW_PRIVATE=true (for
 * receivers on the same network). The check runs when the webhook is created and again on every delivery,
 * against the addresses the connection actually uses (DNS may have changed since).
 */
import dns from 'node:dns/promises';
import net from 'node:net';

export interface WebhookUrlPolicy {
  /** Refuse targets that are not public internet addresses. */
  blockPrivateTargets: boolean;
}

export const ALLOW_PRIVATE_ENV = 'EARSHOT_WEBHOOK_ALLOW_PRIVATE';
export const MAX_WEBHOOK_URL_LENGTH = 2048;

export function webhookUrlPolicy(production: boolean, env: NodeJS.ProcessEnv = process.env): WebhookUrlPolicy {
  const allowPrivate = ['1', 'true', 'yes', 'on'].includes((env[ALLOW_PRIVATE_ENV] ?? '').trim().toLowerCase());
  return { blockPrivateTargets: production && !allowPrivate };
}

export class WebhookUrlError extends Error {}

const NON_PUBLIC = new net.BlockList();
for (const [net4, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  NON_PUBLIC.addSubnet(net4, bits, 'ipv4');
}
for (const [net6, bits] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96], // NAT64 reaches IPv4 space, private ranges included
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  NON_PUBLIC.addSubnet(net6, bits, 'ipv6');
}

/** True for addresses that are not on the public internet (IPv4-mapped IPv6 is judged by its IPv4 part). */
export function isNonPublicAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 0) return true;
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return NON_PUBLIC.check(mapped[1]!, 'ipv4');
  }
  return NON_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** The URL's host without IPv6 brackets. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
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
    const host = hostOf(url);
    let addresses: string[];
    try {
      addresses = net.isIP(host) ? [host] : await lookup(host);
    } catch {
      throw new WebhookUrlError(`The host ${host} does not resolve`);
    }
    if (!addresses.length || addresses.some(isNonPublicAddress)) {
      throw new WebhookUrlError(`The host ${host} is not a public address (set ${ALLOW_PRIVATE_ENV}=true to allow private targets)`);
    }
  }
  url.hash = '';
  return url.toString();
}

async function resolveAll(host: string): Promise<string[]> {
  return (await dns.lookup(host, { all: true, verbatim: true })).map((a) => a.address);
}
