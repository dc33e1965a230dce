/**
 * Guardrail check of a visit's text against the database's customers (the rules are in
 * domain/visit-guardrails.ts). Loading 100,000 accounts on every (debounced) check would be the cost of the
 * feature, so the customers live in an in-memory index per database client. Before a check, at most every
 * `recheckMs`, a cheap change marker is read (count and latest change of accounts, count and newest id of their
 * domains); when it has moved, only the accounts changed since are read and patched into the index, and the
 * index is rebuilt from scratch only when something was deleted (the counts do not add up). So a customer
 * created a moment ago is flagged on the next check. The visited account is read fresh on every check.
 *
 * Pass the application's client (`db.prisma`), not a transaction's: the cache is keyed on the client object.
 */
import type { Prisma } from '../db/client.js';
import {
  buildCustomerIndex,
  type CustomerIndex,
  findGuardrailFlags,
  GUARDRAIL_TEXT_MAX,
  type GuardrailFlag,
  type KnownCustomer,
  upsertCustomers,
} from '../domain/visit-guardrails.js';
import { badInput, notFound } from '../graphql/errors.js';

export interface VisitTextCheckOptions {
  /**
   * How long the customer index is trusted before the change marker is read again, in milliseconds.
   * @defaultValue 1_000
   */
  recheckMs?: number;
}

export const DEFAULT_RECHECK_MS = 1_000;
/**
 * Changes committed out of order are re-read for this long: Prisma stamps updatedAt when the query runs, and an
 * interactive transaction commits within its timeout (5 s by default) of that.
 */
const LATE_COMMIT_MS = 10_000;
/** More changed accounts than this since the last check (an import): rebuild rather than patch. */
const PATCH_MAX = 2_000;

interface Marker {
  accounts: number;
  lastChange: Date | null;
  domains: number;
  newestDomainId: string | null;
}

interface CachedIndex {
  index: CustomerIndex;
  marker: Marker;
  checkedAt: number;
}

const caches = new WeakMap<Prisma, CachedIndex>();
/** One refresh at a time per client; concurrent checks wait for it. */
const refreshes = new WeakMap<Prisma, Promise<CachedIndex>>();

async function readMarker(prisma: Prisma): Promise<Marker> {
  const [accounts, domains] = await Promise.all([
    prisma.account.aggregate({ _count: { _all: true }, _max: { updatedAt: true } }),
    prisma.accountDomain.aggregate({ _count: { _all: true }, _max: { id: true } }),
  ]);
  return { accounts: accounts._count._all, lastChange: accounts._max.updatedAt, domains: domains._count._all, newestDomainId: domains._max.id };
}

const sameMarker = (a: Marker, b: Marker) =>
  a.accounts === b.accounts && a.lastChange?.getTime() === b.lastChange?.getTime() && a.domains === b.domains && a.newestDomainId === b.newestDomainId;

function toCustomers(accounts: { id: string; name: string }[], domains: { accountId: string; domain: string }[]): KnownCustomer[] {
  const byAccount = new Map<string, string[]>();
  for (const d of domains) {
    const list = byAccount.get(d.accountId);
    if (list) list.push(d.domain);
    else byAccount.set(d.accountId, [d.domain]);
  }
  return accounts.map((a) => ({ accountId: a.id, name: a.name, domains: byAccount.get(a.id) ?? [] }));
}

/** Every account with its domains: two flat queries (no per-account relation load, no 100,000-id IN list). */
async function rebuild(prisma: Prisma): Promise<CachedIndex> {
  const marker = await readMarker(prisma);
  const [accounts, domains] = await Promise.all([
    prisma.account.findMany({ select: { id: true, name: true } }),
    prisma.accountDomain.findMany({ select: { accountId: true, domain: true } }),
  ]);
  return { index: buildCustomerIndex(toCustomers(accounts, domains)), marker, checkedAt: Date.now() };
}

/** Patches the accounts changed since `cached.marker` into the index, or rebuilds when that cannot be exact. */
async function refresh(prisma: Prisma, cached: CachedIndex): Promise<CachedIndex> {
  const marker = await readMarker(prisma);
  if (sameMarker(marker, cached.marker)) return { ...cached, checkedAt: Date.now() };
  if (marker.accounts < cached.marker.accounts || marker.domains < cached.marker.domains) return rebuild(prisma);
  const since = new Date((cached.marker.lastChange?.getTime() ?? 0) - LATE_COMMIT_MS);
  const [changed, newDomains] = await Promise.all([
    prisma.account.findMany({ where: { updatedAt: { gte: since } }, select: { id: true }, take: PATCH_MAX + 1 }),
    prisma.accountDomain.findMany({ where: cached.marker.newestDomainId ? { id: { gt: cached.marker.newestDomainId } } : {}, select: { accountId: true }, take: PATCH_MAX + 1 }),
  ]);
  const ids = [...new Set([...changed.map((a) => a.id), ...newDomains.map((d) => d.accountId)])];
  if (ids.length > PATCH_MAX || newDomains.length > PATCH_MAX) return rebuild(prisma);
  const [accounts, domains] = await Promise.all([
    prisma.account.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
    prisma.accountDomain.findMany({ where: { accountId: { in: ids } }, select: { accountId: true, domain: true } }),
  ]);
  const added = accounts.filter((a) => !cached.index.byAccount.has(a.id)).length;
  // Counts that do not add up mean a deletion (or a change committed too late to see): start again.
  if (cached.marker.accounts + added !== marker.accounts || cached.marker.domains + newDomains.length !== marker.domains) return rebuild(prisma);
  upsertCustomers(cached.index, toCustomers(accounts, domains));
  return { index: cached.index, marker, checkedAt: Date.now() };
}

/** The customer index for this database, current as of at most `recheckMs` ago. */
export async function customerIndex(prisma: Prisma, options: VisitTextCheckOptions = {}): Promise<CustomerIndex> {
  const cached = caches.get(prisma);
  if (cached && Date.now() - cached.checkedAt < (options.recheckMs ?? DEFAULT_RECHECK_MS)) return cached.index;
  let running = refreshes.get(prisma);
  if (!running) {
    running = (cached ? refresh(prisma, cached) : rebuild(prisma))
      .then((next) => {
        caches.set(prisma, next);
        return next;
      })
      .finally(() => refreshes.delete(prisma));
    refreshes.set(prisma, running);
  }
  return (await running).index;
}

export async function checkVisitText(prisma: Prisma, input: { accountId: string; text: string }, options: VisitTextCheckOptions = {}): Promise<GuardrailFlag[]> {
  if (input.text.length > GUARDRAIL_TEXT_MAX) throw badInput(`text: must be at most ${GUARDRAIL_TEXT_MAX} characters`, 'text');
  const account = await prisma.account.findUnique({ where: { id: input.accountId }, select: { id: true, name: true, domains: { select: { domain: true } } } });
  if (!account) throw notFound('Account');
  const visited: KnownCustomer = { accountId: account.id, name: account.name, domains: account.domains.map((d) => d.domain) };
  if (!input.text.trim()) return [];
  return findGuardrailFlags(input.text, { visited, others: await customerIndex(prisma, options) });
}
