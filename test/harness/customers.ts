/**
 * The known data the browser tests look for, derived from the adapters' own fixture index
 * (extension/src/sites/fixtures/index.ts): every e-mail, domain and CRM record id below comes from what
 * detection must find on those pages, so a fixture change flows here instead of drifting from a copy.
 *
 * What this file adds is the server side of each customer: a name that appears on none of the pages (so the
 * isolation test can look for it in the host document), and a recipe that puts it at a known risk level.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type CrmRecordRef, canonicalCrmRecord, domainAndParents, domainOfEmail, isFreeMailDomain, type RiskLevel, type Severity, type SignalType } from '@earshot/shared';
import {
  FIXTURE_HOSTS,
  FIXTURES_DIR,
  SITE_FIXTURES,
  type SiteFixture,
} from '../../extension/src/sites/fixtures/index.js';
import { SITE_CATALOG } from '../../extension/src/sites/catalog.js';
import type { EarshotApi } from './api.js';

export { FIXTURE_HOSTS, SITE_FIXTURES, type SiteFixture };

/** The user's company (the signed-in users and their colleagues): never a customer. */
export const OWN_DOMAIN = 'northwind-supplies.example';

/** The built-in sites, in the order the product lists them (extension/src/sites/catalog.ts). */
export const BUILT_IN_SITES: readonly string[] = SITE_CATALOG.map((s) => s.key);

/**
 * Every working page of a built-in site (`works: true`: not a "broken DOM" page), in catalog order, then in the
 * order each site's fixture file lists them. Nothing is picked by hand: a fixture added to the index is tested.
 */
export function builtInWorkingFixtures(): SiteFixture[] {
  return BUILT_IN_SITES.flatMap((site) => SITE_FIXTURES.filter((f) => f.site === site && f.works));
}

/** The self-hosted webmail's pages (generic adapter on a site the user enables), working ones only. */
export function webmailFixtures(): SiteFixture[] {
  return SITE_FIXTURES.filter((f) => f.site === 'generic' && f.works && f.expected.context?.pageType === 'webmail');
}

/** The page served on an origin the user enables in the options page (the generic adapter). */
export const CUSTOM_SITE_PAGE = { site: 'generic', page: 'webmail' } as const;

export function fixtureFor(site: string, page: string): SiteFixture {
  const f = SITE_FIXTURES.find((x) => x.site === site && x.file.startsWith(`${site}-${page}.`));
  if (!f) throw new Error(`no fixture ${site}/${page} in extension/src/sites/fixtures/index.ts`);
  if (!f.works || !f.expected.context) throw new Error(`fixture ${f.file} is not a working page`);
  return f;
}

export function fixtureHtml(f: SiteFixture): string {
  return readFileSync(fileURLToPath(FIXTURES_DIR + f.file), 'utf8');
}

/** A same-origin frame of a fixture page (a webmail's preview pane): its own file, served at its own URL. */
export interface FixtureFrame {
  selector: string;
  file: string;
  url: string;
}

/** The page's same-origin frames (`frames` in the index), each to be served beside it. */
export function framesOf(f: SiteFixture): readonly FixtureFrame[] {
  return (f as SiteFixture & { frames?: readonly FixtureFrame[] }).frames ?? [];
}

export function frameHtml(frame: FixtureFrame): string {
  return readFileSync(fileURLToPath(FIXTURES_DIR + frame.file), 'utf8');
}

interface SignalSpec {
  type: SignalType;
  severity: Severity;
  note: string;
}

/** An unpaid invoice, issued and due that many days ago. */
interface OpenInvoice {
  amount: string;
  issuedDaysAgo: number;
  dueDaysAgo: number;
}

interface Recipe {
  name: string;
  level: RiskLevel;
  onHold?: boolean;
  signals: SignalSpec[];
  openInvoices?: OpenInvoice[];
}

/**
 * Per customer domain (the fixture's first domain): its name on the server and how it reaches its level.
 * Levels follow server/src/domain/risk-weights.ts: negative signals add at most 35 points (MODERATE from 25),
 * a credit hold 15 more (HIGH from 50); long-overdue open invoices over the credit limit add the ledger's
 * overdue, severely-overdue and over-limit points (CRITICAL from 75).
 */
const RECIPES: Record<string, Recipe> = {
  'acme-tools.example': {
    name: 'Acme Tools Europe B.V.',
    level: 'MODERATE',
    signals: [
      { type: 'KEY_PERSON_LEFT', severity: 3, note: 'Their head of purchasing left last month.' },
      { type: 'STAFF_CUTS', severity: 3, note: 'Night shift cut at the Rotterdam plant.' },
      { type: 'SALES_DECLINE', severity: 3, note: 'Told us sales are down a fifth this year.' },
    ],
  },
  'initech-parts.example': {
    name: 'Initech Parts Holding GmbH',
    level: 'HIGH',
    onHold: true,
    signals: [
      { type: 'PREMISES_RUNDOWN', severity: 3, note: 'Warehouse half empty, roof leaking.' },
      { type: 'ORDER_DROP', severity: 3, note: 'Orders down to a third of last year.' },
      { type: 'DISPUTE', severity: 3, note: 'Disputing the March delivery in full.' },
      { type: 'BANK_CHANGE', severity: 2, note: 'Asked us to pay refunds to a new bank.' },
    ],
  },
  'umbrella-logistics.example': {
    name: 'Umbrella Logistics SAS',
    level: 'LOW',
    signals: [{ type: 'HIRING', severity: 1, note: 'Hiring drivers for the new Lyon depot.' }],
  },
  'hooli-hardware.example': {
    name: 'Hooli Hardware Ltd',
    level: 'CRITICAL',
    onHold: true,
    signals: [
      { type: 'STAFF_CUTS', severity: 3, note: 'Half the showroom staff let go.' },
      { type: 'QUIET', severity: 2, note: 'Showroom empty on a Tuesday morning.' },
    ],
    // 60,000 open against a 50,000 limit, all of it more than 60 days past due.
    openInvoices: [
      { amount: '32000.00', issuedDaysAgo: 150, dueDaysAgo: 120 },
      { amount: '28000.00', issuedDaysAgo: 120, dueDaysAgo: 90 },
    ],
  },
};

/**
 * A customer no recipe above names (a fixture added for a new site or URL form): one of the recipes above,
 * chosen by the domain, under a name made from the domain that no page shows ("Globex Industrial Group (e2e)"; for
 * a customer known only by a CRM record, "Account <id> (e2e)").
 */
function fallbackRecipe(key: string): Recipe {
  const templates = Object.values(RECIPES);
  let h = 0;
  for (const ch of key) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  const template = templates[h % templates.length]!;
  const crm = /^crm:[A-Z]+:[^:]+:(.+)$/.exec(key);
  const words = (key.split('.')[0] ?? key).split(/[-_]+/).filter(Boolean);
  const name = crm ? `Account ${crm[1]} (e2e)` : `${words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ')} Group (e2e)`;
  return { ...template, name };
}

export interface Customer {
  /** The customer's first domain, or `crm:<system>:<id>` for one known only by a CRM record. */
  domain: string;
  name: string;
  level: RiskLevel;
  onHold: boolean;
  signals: SignalSpec[];
  openInvoices: OpenInvoice[];
  domains: string[];
  contactEmails: string[];
  crmRecords: (CrmRecordRef & { url?: string })[];
  /** Filled in by seedCustomers. */
  id?: string;
}

const isOwn = (domain: string, own: readonly string[] = [OWN_DOMAIN]) =>
  domainAndParents(domain).some((d) => own.includes(d));

/** `SALESFORCE:account:001…` — one key per record, whatever form (15/18 characters, GUID braces) the page used. */
export function crmKey(ref: CrmRecordRef): string {
  const c = canonicalCrmRecord(ref);
  return `${c.system}:${c.objectType}:${c.recordId}`;
}

/** The page's customer domain: its first domain (or sender's domain) that is not the user's own company. */
export function customerDomainOf(f: SiteFixture): string | undefined {
  const ctx = f.expected.context;
  if (!ctx) return undefined;
  const fromEmails = ctx.emails.map((e) => domainOfEmail(e) ?? '').filter(Boolean);
  return [...ctx.domains, ...fromEmails].map((d) => d.toLowerCase()).find((d) => !isOwn(d));
}

/**
 * The CRM records to link for a page: the records it belongs to (`linkedRecords`: a deal's or opportunity's
 * account) when it names any, and then NOT the page's own record, so that the page can only resolve through
 * its account; otherwise the page's own record.
 */
export function recordsToLink(f: SiteFixture): (CrmRecordRef & { url?: string })[] {
  const ctx = f.expected.context;
  if (!ctx) return [];
  // A related list names its record but is not that record's page: nothing is linked for it, so it can only find
  // its customer through the record's own page (the worker's record-link memory; see recordPageOf).
  if (ctx.pageType === 'related-list') return [];
  if (ctx.linkedRecords?.length) return ctx.linkedRecords.map((r) => ({ ...r }));
  return ctx.crmRecord ? [{ ...ctx.crmRecord, url: f.url }] : [];
}

/**
 * Inconsistencies between fixture pages found while deriving the customers (one CRM record named as two
 * customers'): the first owner is kept, and the sites test fails listing these.
 */
export const FIXTURE_PROBLEMS = new Set<string>();

/**
 * The customers behind a set of fixture pages, merged by their customer domain (several pages of one customer
 * share it, with all their contacts and CRM records). A page that shows no domain but a linked record (a deal
 * page naming only its account) joins the customer that record is linked to, or becomes one of its own.
 */
export function customersFor(fixtures: readonly SiteFixture[]): Customer[] {
  const byKey = new Map<string, Customer>();
  const recordOwner = new Map<string, string>();
  const customer = (key: string, domain: string | undefined): Customer => {
    let c = byKey.get(key);
    if (!c) {
      const recipe = RECIPES[key] ?? fallbackRecipe(key);
      c = {
        domain: key,
        name: recipe.name,
        level: recipe.level,
        onHold: !!recipe.onHold,
        signals: recipe.signals,
        openInvoices: recipe.openInvoices ?? [],
        domains: domain ? [domain] : [],
        contactEmails: [],
        crmRecords: [],
      };
      byKey.set(key, c);
    }
    return c;
  };
  const withDomain = fixtures.filter((f) => customerDomainOf(f));
  const withoutDomain = fixtures.filter((f) => f.expected.context && !customerDomainOf(f) && recordsToLink(f).length);
  for (const f of [...withDomain, ...withoutDomain]) {
    const ctx = f.expected.context!;
    const domain = customerDomainOf(f);
    const records = recordsToLink(f);
    const key = domain ?? records.map((r) => recordOwner.get(crmKey(r))).find(Boolean) ?? `crm:${crmKey(records[0]!)}`;
    const c = customer(key, domain);
    if (domain) {
      for (const e of ctx.emails) {
        const d = (domainOfEmail(e) ?? '').toLowerCase();
        const email = e.toLowerCase();
        if ((d === domain || d.endsWith(`.${domain}`)) && !c.contactEmails.includes(email)) c.contactEmails.push(email);
      }
    }
    for (const r of records) {
      const k = crmKey(r);
      const owner = recordOwner.get(k);
      if (owner && owner !== key) {
        FIXTURE_PROBLEMS.add(`${f.file}: CRM record ${k} is linked to ${owner} by another page, and to ${key} here`);
      }
      if (owner) continue;
      recordOwner.set(k, key);
      c.crmRecords.push(r);
    }
  }
  return [...byKey.values()];
}

/** The page's own customer (the one its domain or CRM record names); undefined for a page of no customer. */
export function customerOf(customers: readonly Customer[], f: SiteFixture): Customer {
  const domain = customerDomainOf(f);
  const keys = recordsToLink(f).map(crmKey);
  const c = customers.find((x) => (domain && x.domain === domain) || x.crmRecords.some((r) => keys.includes(crmKey(r))));
  if (!c) throw new Error(`no customer for ${f.file}`);
  return c;
}

/**
 * The record's own page for a page that only names the record (a Salesforce related list): the fixture showing the
 * same CRM record with the accounts it belongs to (`linkedRecords`). Undefined when the index has none.
 */
export function recordPageOf(f: SiteFixture, fixtures: readonly SiteFixture[] = SITE_FIXTURES): SiteFixture | undefined {
  const record = f.expected.context?.crmRecord;
  if (!record) return undefined;
  return fixtures.find(
    (x) =>
      x !== f &&
      x.works &&
      x.expected.context?.pageType === 'record' &&
      x.expected.context.crmRecord !== undefined &&
      crmKey(x.expected.context.crmRecord) === crmKey(record) &&
      (x.expected.context.linkedRecords?.length ?? 0) > 0,
  );
}

/**
 * The accounts the panel must list for a page context, strongest first, as the server documents its matching
 * (server/src/services/resolve.ts): the page's CRM record, then the records it belongs to, then contacts' e-mail
 * addresses, then domains (the page's and the addresses'; a sub-domain matches its parent; most specific first).
 * The user's own company's domains (`ownDomains`) never match. The panel shows the first and, when there are
 * several, a switcher listing them all.
 */
export function expectedMatches(
  customers: readonly Customer[],
  ctx: NonNullable<SiteFixture['expected']['context']>,
  ownDomains: readonly string[] = [],
): { customer: Customer; by: 'CRM_RECORD' | 'CONTACT_EMAIL' | 'DOMAIN' }[] {
  const out: { customer: Customer; by: 'CRM_RECORD' | 'CONTACT_EMAIL' | 'DOMAIN' }[] = [];
  const add = (c: Customer | undefined, by: 'CRM_RECORD' | 'CONTACT_EMAIL' | 'DOMAIN') => {
    if (c && !out.some((m) => m.customer === c)) out.push({ customer: c, by });
  };
  const own = (d: string) => ownDomains.length > 0 && isOwn(d, ownDomains);
  for (const r of [...(ctx.crmRecord ? [ctx.crmRecord] : []), ...(ctx.linkedRecords ?? [])]) {
    add(customers.find((c) => c.crmRecords.some((x) => crmKey(x) === crmKey(r))), 'CRM_RECORD');
  }
  const emails = ctx.emails.map((e) => e.toLowerCase()).filter((e) => !own(domainOfEmail(e) ?? ''));
  for (const e of emails) add(customers.find((c) => c.contactEmails.includes(e)), 'CONTACT_EMAIL');
  const domains = [...ctx.domains.map((d) => d.toLowerCase()), ...emails.map((e) => domainOfEmail(e) ?? '')].filter((d) => d && !own(d));
  const candidates = new Set(domains.filter((d) => !isFreeMailDomain(d)).flatMap((d) => domainAndParents(d)));
  const rows = customers
    .flatMap((c) => c.domains.filter((d) => candidates.has(d)).map((d) => ({ c, d })))
    .sort((a, b) => b.d.split('.').length - a.d.split('.').length || a.d.localeCompare(b.d));
  for (const { c } of rows) add(c, 'DOMAIN');
  return out.slice(0, 10);
}

/** `YYYY-MM-DD`, `days` before today (UTC). */
function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

/** Creates the customers through the API (as an admin): account, contacts, CRM links, then the signals. */
export async function seedCustomers(api: EarshotApi, customers: Customer[]): Promise<void> {
  const observedAt = new Date(Date.now() - 60 * 60 * 1000).toISOString();
  for (const c of customers) {
    c.id = await api.createAccount({
      name: c.name,
      domains: c.domains,
      ...(c.onHold ? { onHold: true, holdReason: 'Disputed invoices; collections involved.' } : {}),
    });
    for (const email of c.contactEmails) {
      const local = email.split('@')[0] ?? email;
      const name = local.replace(/[._-]+/g, ' ').replace(/\b\w/g, (m) => m.toUpperCase());
      await api.createContact({ accountId: c.id, name, email });
    }
    for (const r of c.crmRecords) {
      await api.linkCrmRecord({
        accountId: c.id,
        system: r.system,
        objectType: r.objectType,
        recordId: r.recordId,
        ...(r.url ? { url: r.url } : {}),
      });
    }
    for (const [i, s] of c.signals.entries()) {
      await api.createSignal({
        accountId: c.id,
        type: s.type,
        severity: s.severity,
        note: s.note,
        observedAt,
        idempotencyKey: `e2e-seed-${c.domain}-${i}`,
      });
    }
    if (c.openInvoices.length) {
      const id = c.id;
      await api.importLedger({
        invoices: c.openInvoices.map((inv, i) => ({
          externalId: `e2e-${c.domain}-inv-${i}`,
          account: { id },
          number: `E2E-${1000 + i}`,
          currency: 'EUR',
          amount: inv.amount,
          issuedAt: daysAgo(inv.issuedDaysAgo),
          dueAt: daysAgo(inv.dueDaysAgo),
        })),
        payments: [],
      });
    }
    const level = await api.riskLevel(c.id);
    if (level !== c.level) {
      throw new Error(`seed: ${c.name} is ${level} on the server, the recipe expects ${c.level} (risk weights changed?)`);
    }
  }
}
