/**
 * The lookup benchmark's load generator, run as its own process (pinned apart from the server under test).
 * `connections` keep-alive connections each loop: take the next lookup number i, send the extension's
 * `ResolveAccounts` for account a(i) (by a domain, a contact's e-mail or a CRM record, in turn), then `AccountCard`
 * of the first match. The sequence is deterministic: one lookup in a hundred is one of the big accounts.
 * Argument: JSON {url, token, accounts, connections, seconds, start}; prints JSON results on stdout.
 */
import http from 'node:http';
import { OPERATIONS } from '@earshot/shared';
import { BIG_ACCOUNTS, lookupKeys } from './lookup-data.js';

export interface LoadOptions {
  url: string;
  token: string;
  accounts: number;
  connections: number;
  seconds: number;
  /** First lookup number (rounds continue the sequence rather than repeat it). */
  start: number;
}

export interface LoadResult {
  requests: number;
  lookups: number;
  errors: number;
  firstError?: string;
  seconds: number;
  p50: number;
  p99: number;
}

export function accountOf(i: number, accounts: number): number {
  return i % 100 === 99 ? 1 + (Math.floor(i / 100) % Math.min(BIG_ACCOUNTS, accounts)) : 1 + ((i * 7919) % accounts);
}

export function resolveVariables(i: number, accounts: number): Record<string, unknown> {
  const keys = lookupKeys(accountOf(i, accounts));
  const context = [{ domains: [keys.domain] }, { emails: [keys.email] }, { crmRecord: keys.crmRecord }][i % 3];
  return { context };
}

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const url = new URL('/graphql', o.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.connections });
  const post = (operationName: 'ResolveAccounts' | 'AccountCard', variables: unknown) =>
    // biome-ignore lint/suspicious/noExplicitAny: a GraphQL response, read one path of it
    new Promise<{ status: number; json: any }>((resolve, reject) => {
      const body = JSON.stringify({ operationName, query: OPERATIONS[operationName], variables });
      const req = http.request(
        url,
        { method: 'POST', agent, headers: { 'content-type': 'application/json', authorization: `Bearer ${o.token}`, 'content-length': Buffer.byteLength(body) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString()) }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let lookups = 0;
  let next = o.start;
  const fail = (what: string) => {
    errors++;
    firstError ??= what.slice(0, 500);
  };
  const timed = async (operationName: 'ResolveAccounts' | 'AccountCard', variables: unknown) => {
    const t = performance.now();
    const r = await post(operationName, variables);
    latencies.push(performance.now() - t);
    if (r.status !== 200 || r.json.errors) fail(`${operationName} ${r.status} ${JSON.stringify(r.json.errors ?? r.json)}`);
    return r.json;
  };
  const started = performance.now();
  const end = started + o.seconds * 1000;
  await Promise.all(
    Array.from({ length: o.connections }, async () => {
      while (performance.now() < end) {
        const i = next++;
        try {
          const resolved = await timed('ResolveAccounts', resolveVariables(i, o.accounts));
          const id = resolved.data?.resolveAccounts?.[0]?.account?.id;
          if (!id) fail(`lookup ${i} matched nothing`);
          else await timed('AccountCard', { id });
          lookups++;
        } catch (err) {
          fail(String(err));
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? Number.NaN;
  return { requests: latencies.length, lookups, errors, ...(firstError ? { firstError } : {}), seconds, p50: pct(50), p99: pct(99) };
}

if (process.argv[2] === '--run') {
  console.log(JSON.stringify(await runLoad(JSON.parse(process.argv[3]!))));
  process.exit(0);
}
