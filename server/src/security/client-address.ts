/**
 * Who is calling, for the per-address limits. The socket's remote address, unless the operator said the server
 * sits behind proxies (EARSHOT_TRUST_PROXY = how many): then the entry those proxies appended to
 * X-Forwarded-For, counted from the right — entries further left come from the client and are not trusted.
 *
 * IPv6 clients are grouped by their /64 (one subscriber usually holds a whole /64 and can rotate within it);
 * IPv4-mapped IPv6 addresses count as their IPv4 address.
 */
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

export function clientAddress(req: Pick<IncomingMessage, 'headers' | 'socket'>, trustProxy: number): string {
  let address = req.socket.remoteAddress ?? null;
  if (trustProxy > 0) {
    const header = req.headers['x-forwarded-for'];
    const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    // With n trusted proxies, the n-th entry from the right was written by the outermost one.
    const forwarded = hops[hops.length - trustProxy];
    if (forwarded && isIP(stripPort(forwarded))) address = stripPort(forwarded);
  }
  // A socket that closed before we looked has no address: all such requests share one key, never none.
  return address ? addressKey(address) : "unknown";
}

function stripPort(entry: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(entry);
  if (bracketed) return bracketed[1]!;
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(entry);
  return v4 ? v4[1]! : entry;
}

/** The rate-limit key of an address: IPv4 as is, IPv6 by its /64. */
export function addressKey(address: string): string {
  const plain = address.replace(/%.*$/, '').toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(plain);
  if (mapped) return mapped[1]!;
  if (isIP(plain) !== 6) return plain;
  const groups = expandIPv6(plain);
  return `${groups.slice(0, 4).join(':')}::/64`;
}

function expandIPv6(address: string): string[] {
  let text = address;
  // A trailing dotted IPv4 part (e.g. 64:ff9b::1.2.3.4) becomes two groups.
  const v4 = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array(8 - left.length - right.length).fill('0');
  return [...left, ...fill, ...right].map((g) => Number.parseInt(g, 16).toString(16));
}
