/**
 * The user's own company is never a customer. Before a page's context is looked up, the worker leaves out (the
 * content script stays dumb and knows nothing of this):
 * - addresses and domains at the company's own domains or any sub-domain of them (`workspaceSettings.ownDomains`,
 *   set by an ADMIN on the server, read at sign-in, at worker start, every `OWN_DOMAINS_MAX_AGE_MS`, when the
 *   options page opens, and after a lookup that matched nobody (at most once per `OWN_DOMAINS_RECHECK_MS`));
 * - the signed-in user's own address, and its domain unless it is a free-mail domain (a user signed in with a
 *   gmail.com address does not make gmail.com "us").
 * The server refuses to match own domains as well; leaving them out here also keeps them out of the request.
 */
import { domainOfEmail, isFreeMailDomain, normalizeDomain, normalizeEmail, type PageContext } from '@earshot/shared';

/** How long the own domains read from the server are trusted before they are read again. */
export const OWN_DOMAINS_MAX_AGE_MS = 15 * 60_000;
/**
 * After a lookup found nobody for a page with someone on it, the own domains are read again if older than this (an
 * ADMIN may just have added the domain the page is at), and when the options page opens (it shows them).
 */
export const OWN_DOMAINS_RECHECK_MS = 60_000;

export interface OwnCompany {
  /** The workspace's own domains. */
  domains: readonly string[];
  /** The signed-in user's address. */
  userEmail?: string | null | undefined;
}

/** The domains that are "us": the configured ones plus the user's own non-free-mail domain, normalised. */
export function ownDomainSet(own: OwnCompany): string[] {
  const out = new Set<string>();
  for (const raw of own.domains) {
    const d = normalizeDomain(raw);
    if (d) out.add(d);
  }
  const userDomain = own.userEmail ? domainOfEmail(own.userEmail) : null;
  if (userDomain && !isFreeMailDomain(userDomain)) out.add(userDomain);
  return [...out];
}

/** `domain` is one of `own` or a sub-domain of one (`eu.northwind.example` under `northwind.example`). */
export function isOwnDomain(domain: string, own: readonly string[]): boolean {
  const d = domain.toLowerCase().replace(/\.$/, '');
  return own.some((o) => d === o || d.endsWith(`.${o}`));
}

/** The context without the company's own addresses and domains; null when nobody else is left on the page. */
export function withoutOwnCompany(context: PageContext, own: OwnCompany): PageContext | null {
  const domains = ownDomainSet(own);
  const userEmail = own.userEmail ? normalizeEmail(own.userEmail) : null;
  const emails = context.emails.filter((raw) => {
    const email = normalizeEmail(raw);
    if (!email) return true; // not ours to judge: the server validates
    if (email === userEmail) return false;
    const domain = domainOfEmail(email);
    return !(domain && isOwnDomain(domain, domains));
  });
  const kept = context.domains.filter((d) => !isOwnDomain(normalizeDomain(d) ?? d, domains));
  if (emails.length === 0 && kept.length === 0 && !context.crmRecord && !context.linkedRecords?.length) return null;
  return { ...context, emails, domains: kept };
}

export interface OwnDomainsReaderOptions {
  /** The own domains known now and when they were read (ms since the epoch; 0: never). */
  known: () => Promise<{ domains: readonly string[]; checkedAt: number }>;
  /** Keeps a read's result (settings). */
  store: (domains: string[], checkedAt: number) => Promise<void>;
  /** Asks the server: the list, `failed` when it could not answer, `signed-out` when there is nobody to ask for. */
  read: () => Promise<readonly string[] | 'failed' | 'signed-out'>;
  now: () => number;
}

/**
 * Reads the company's own domains from the server when they are older than a caller's `maxAgeMs`. Concurrent
 * callers share a read only when it is fresh enough for them: a caller asking at most `maxAgeMs` old data joins a
 * running read that started at most `maxAgeMs` ago, and starts its own otherwise (the options page opening asks
 * for the list as it is now, not as it was when a page report's 15-minute check started reading). Only the latest
 * read started writes its result, so a slow older answer never overwrites a newer one. A failed read keeps what
 * was known, and is not retried for `OWN_DOMAINS_RECHECK_MS` except by a caller asking for fresh data (maxAge 0).
 */
export class OwnDomainsReader {
  private running: { startedAt: number; seq: number; done: Promise<boolean> } | null = null;
  private seq = 0;
  private failedAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: OwnDomainsReaderOptions) {}

  /** Answers whether the list changed. */
  async refresh(maxAgeMs = OWN_DOMAINS_MAX_AGE_MS): Promise<boolean> {
    const { now } = this.options;
    const known = await this.options.known();
    if (now() - known.checkedAt < maxAgeMs) return false;
    const running = this.running;
    if (running && now() - running.startedAt <= maxAgeMs) return running.done;
    if (maxAgeMs > 0 && now() - this.failedAt < OWN_DOMAINS_RECHECK_MS) return false;
    const seq = ++this.seq;
    const startedAt = now();
    const done = this.readOnce(seq, known.domains).finally(() => {
      if (this.running?.seq === seq) this.running = null;
    });
    this.running = { startedAt, seq, done };
    return done;
  }

  private async readOnce(seq: number, before: readonly string[]): Promise<boolean> {
    const read = await this.options.read().catch(() => 'failed' as const);
    if (seq !== this.seq) {
      // A fresher read started meanwhile: its answer is the one that counts.
      return this.running && this.running.seq !== seq ? this.running.done : false;
    }
    if (read === 'signed-out') return false;
    if (read === 'failed') {
      this.failedAt = this.options.now();
      return false;
    }
    const domains = [...new Set(read.map((d) => d.trim().toLowerCase()))].sort();
    await this.options.store(domains, this.options.now());
    return domains.join() !== [...before].map((d) => d.toLowerCase()).sort().join();
  }
}
