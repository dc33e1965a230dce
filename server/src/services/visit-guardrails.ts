/**
 * Guardrail check of a visit's text against the database's customers (the rules are in
 * domain/visit-guardrails.ts). Loading 100,000 accounts on every keystroke-debounced check would be the cost of
 * the feature, so the other customers live in an in-memory index per database client, rebuilt only when a cheap
 * change marker moves (count and latest change of accounts and of their domains), and that marker is read at
 * most every `recheckMs`. While a rebuild runs, checks use the previous index (a name added a moment ago is
 * flagged on a later check); the first check of a process waits for the first build. The visited account is
 * read fresh on every check, so its own name and domains are never stale.
 */
import type { Prisma } from '../db/client.js';
import { buildCustomerIndex, type CustomerIndex, findGuardrailFlags, GUARDRAIL_TEXT_MAX, type GuardrailFlag, type KnownCustomer } from '../domain/visit-guardrails.js';
import { badInput, notFound } from '../graphql/errors.js';

export interface VisitTextCheckOptions {
  /**
   * How long the customer index is trusted before the change marker is read again, in milliseconds.
   * @defaultValue 10_000
   */
  recheckMs?: number;
}

export const DEFAULT_RECHECK_MS = 10_000;

interface CachedIndex {
  index: CustomerIndex;
  marker: string;
  checkedAt: number;
  refreshing: Promise<void> | null;
}

const caches = new WeakMap<Prisma, CachedIndex>();
const firstBuilds = new WeakMap<Prisma, Promise<CachedIndex>>();

/** Moves when an account is created, renamed or deleted, or a domain added or removed (domain ids are time-ordered uuid7). */
async function changeMarker(prisma: Prisma): Promise<string> {
  const [accounts, domains] = await Promise.all([
    prisma.account.aggregate({ _count: { _all: true }, _max: { updatedAt: true } }),
    prisma.accountDomain.aggregate({ _count: { _all: true }, _max: { id: true } }),
  ]);
  return [accounts._count._all, accounts._max.updatedAt?.toISOString() ?? '', domains._count._all, domains._max.id ?? ''].join('|');
}

/** Every account with its domains: two flat queries (no per-account relation load, no 100,000-id IN list). */
async function loadCustomers(prisma: Prisma): Promise<KnownCustomer[]> {
  const [accounts, domains] = await Promise.all([
    prisma.account.findMany({ select: { id: true, name: true } }),
    prisma.accountDomain.findMany({ select: { accountId: true, domain: true } }),
  ]);
  const byAccount = new Map<string, string[]>();
  for (const d of domains) {
    const list = byAccount.get(d.accountId);
    if (list) list.push(d.domain);
    else byAccount.set(d.accountId, [d.domain]);
  }
  return accounts.map((a) => ({ accountId: a.id, name: a.name, domains: byAccount.get(a.id) ?? [] }));
}

async function build(prisma: Prisma): Promise<CachedIndex> {
  const marker = await changeMarker(prisma);
  const index = buildCustomerIndex(await loadCustomers(prisma));
  return { index, marker, checkedAt: Date.now(), refreshing: null };
}

function refreshInBackground(prisma: Prisma, cached: CachedIndex): void {
  cached.checkedAt = Date.now();
  cached.refreshing = (async () => {
    try {
      const marker = await changeMarker(prisma);
      if (marker !== cached.marker) caches.set(prisma, await build(prisma));
    } catch {
      // The previous index stays in use; the next check after recheckMs tries again.
    } finally {
      cached.refreshing = null;
    }
  })();
}

/**
 * The customer index for this database: built on first use, refreshed in the background when the change marker
 * has moved. Exported for tests, which wait for a refresh with `refreshed`.
 */
export async function customerIndex(prisma: Prisma, options: VisitTextCheckOptions = {}): Promise<CustomerIndex> {
  const cached = caches.get(prisma);
  if (!cached) {
    let first = firstBuilds.get(prisma);
    if (!first) {
      first = build(prisma).finally(() => firstBuilds.delete(prisma));
      firstBuilds.set(prisma, first);
    }
    const built = await first;
    if (!caches.has(prisma)) caches.set(prisma, built);
    return built.index;
  }
  if (!cached.refreshing && Date.now() - cached.checkedAt >= (options.recheckMs ?? DEFAULT_RECHECK_MS)) refreshInBackground(prisma, cached);
  return cached.index;
}

/** Resolves when a background refresh of this database's index (if any) has finished. */
export async function refreshed(prisma: Prisma): Promise<void> {
  await caches.get(prisma)?.refreshing;
}

export async function checkVisitText(prisma: Prisma, input: { accountId: string; text: string }, options: VisitTextCheckOptions = {}): Promise<GuardrailFlag[]> {
  if (input.text.length > GUARDRAIL_TEXT_MAX) throw badInput(`text: must be at most ${GUARDRAIL_TEXT_MAX} characters`, 'text');
  const account = await prisma.account.findUnique({ where: { id: input.accountId }, select: { id: true, name: true, domains: { select: { domain: true } } } });
  if (!account) throw notFound('Account');
  const visited: KnownCustomer = { accountId: account.id, name: account.name, domains: account.domains.map((d) => d.domain) };
  if (!input.text.trim()) return [];
  return findGuardrailFlags(input.text, { visited, others: await customerIndex(prisma, options) });
}
