/**
 * One webhook POST. node:http(s) rather than fetch so the connection goes through our own DNS lookup: with
 * the private-target guard on, every address the name resolves to is checked inside the lookup the socket
 * itself uses, and the socket connects to exactly those checked addresses — there is no second resolution a
 * DNS-rebinding name could answer differently. IP-literal hosts (which Node connects to without a lookup) are
 * checked before connecting. Redirects are never followed: a 3xx is a failed attempt like any other non-2xx.
 */
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { hostOf, isNonPublicAddress, privateTargetMessage, type WebhookUrlPolicy } from './url-policy.js';

export const WEBHOOK_TIMEOUT_MS = 5_000;
const MAX_RESPONSE_SNIPPET = 300;

export interface PostOutcome {
  status: number;
  /** The start of the response body, for the delivery log. */
  snippet: string;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;
/** Resolves a host name to every address (tests inject one; default: the system resolver, as Node would). */
export type Resolver = (hostname: string, options: dns.LookupOptions) => Promise<dns.LookupAddress[]>;

const systemResolver: Resolver = (hostname, options) => dns.promises.lookup(hostname, { ...options, all: true });

/** A `lookup` for http.request that refuses the whole name when any of its addresses is not public. */
export function guardedLookup(resolve: Resolver, blockPrivate: boolean) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback): void => {
    resolve(hostname, options).then(
      (addresses) => {
        const bad = blockPrivate ? addresses.find((a) => isNonPublicAddress(a.address)) : undefined;
        if (bad) return callback(Object.assign(new Error(privateTargetMessage(hostname, bad.address)), { code: 'EPRIVATE' }), []);
        if (options.all) return callback(null, addresses);
        const first = addresses[0];
        if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), []);
        callback(null, first.address, first.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, []),
    );
  };
}

export function postWebhook(
  target: string,
  body: string,
  headers: Record<string, string>,
  { policy, timeoutMs = WEBHOOK_TIMEOUT_MS, resolver = systemResolver }: { policy: WebhookUrlPolicy; timeoutMs?: number; resolver?: Resolver },
): Promise<PostOutcome> {
  const url = new URL(target);
  const host = hostOf(url);
  if (policy.blockPrivateTargets && net.isIP(host) && isNonPublicAddress(host)) {
    return Promise.reject(new Error(privateTargetMessage(host, host)));
  }
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<PostOutcome>((resolve, reject) => {
    const fail = (err: Error) => reject(err.name === 'AbortError' || err.name === 'TimeoutError' ? new Error(`No response within ${timeoutMs} ms`) : err);
    const req = client.request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'Earshot-Webhooks/1', ...headers },
        // Bounds the whole exchange, the response body included.
        signal: AbortSignal.timeout(timeoutMs),
        // Always our lookup, so the addresses checked are the addresses connected to (and tests can inject DNS).
        lookup: guardedLookup(resolver, policy.blockPrivateTargets) as never,
        // A fresh connection each time: a pooled keep-alive socket would skip the lookup, and the check with it.
        agent: false,
      },
      (res) => {
        let snippet = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (snippet.length < MAX_RESPONSE_SNIPPET) snippet += chunk.slice(0, MAX_RESPONSE_SNIPPET - snippet.length);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, snippet }));
        res.on('error', fail);
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}
