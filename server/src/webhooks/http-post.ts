/**
 * One webhook POST. node:http(s) rather than fetch so the connection goes through our own DNS lookup: with
 * the private-target guard on, the address actually connected to is checked (a name that resolved to a public
 * address when the webhook was created may point inside the network now). Redirects are not followed.
 */
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { hostOf, isNonPublicAddress, type WebhookUrlPolicy } from './url-policy.js';

export const WEBHOOK_TIMEOUT_MS = 5_000;
const MAX_RESPONSE_SNIPPET = 300;

export interface PostOutcome {
  status: number;
  /** The start of the response body, for the delivery log. */
  snippet: string;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

function guardedLookup(hostname: string, options: dns.LookupOptions, callback: LookupCallback): void {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const bad = addresses.find((a) => isNonPublicAddress(a.address));
    if (bad) return callback(Object.assign(new Error(`${hostname} resolves to a non-public address (${bad.address})`), { code: 'EPRIVATE' }), []);
    if (options.all) return callback(null, addresses);
    const first = addresses[0];
    if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), []);
    callback(null, first.address, first.family);
  });
}

export function postWebhook(
  target: string,
  body: string,
  headers: Record<string, string>,
  { policy, timeoutMs = WEBHOOK_TIMEOUT_MS }: { policy: WebhookUrlPolicy; timeoutMs?: number },
): Promise<PostOutcome> {
  const url = new URL(target);
  const host = hostOf(url);
  if (policy.blockPrivateTargets && net.isIP(host) && isNonPublicAddress(host)) {
    return Promise.reject(new Error(`${host} is not a public address`));
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
        ...(policy.blockPrivateTargets ? { lookup: guardedLookup as never } : {}),
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
