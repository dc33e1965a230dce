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
import type { CrmRecordRef, RiskLevel, Severity, SignalType } from '@earshot/shared';
import {
  FIXTURE_HOSTS,
  FIXTURES_DIR,
  SITE_FIXTURES,
  type SiteFixture,
} from '../../extension/src/sites/fixtures/index.js';
import type { EarshotApi } from './api.js';

export { FIXTURE_HOSTS, SITE_FIXTURES, type SiteFixture };

/** The seven built-in sites, one page each, in the order the product lists them. */
export const SITE_PAGES = [
  { site: 'gmail', page: 'thread' },
  { site: 'outlook', page: 'reading' },
  { site: 'salesforce', page: 'account' },
  { site: 'hubspot', page: 'company-legacy' },
  { site: 'dynamics', page: 'account' },
  { site: 'pipedrive', page: 'organization' },
  { site: 'zoho', page: 'account' },
] as const;

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

export interface Customer {
  domain: string;
  name: string;
  level: RiskLevel;
  onHold: boolean;
  signals: SignalSpec[];
  openInvoices: OpenInvoice[];
  domains: string[];
  contactEmails: string[];
  crmRecords: (CrmRecordRef & { url: string })[];
  /** Filled in by seedCustomers. */
  id?: string;
}

/** The customers behind a set of fixture pages, merged by their first domain. */
export function customersFor(fixtures: readonly SiteFixture[]): Customer[] {
  const byDomain = new Map<string, Customer>();
  for (const f of fixtures) {
    const ctx = f.expected.context;
    const domain = ctx?.domains[0];
    if (!ctx || !domain) throw new Error(`fixture ${f.file} names no customer domain`);
    const recipe = RECIPES[domain];
    if (!recipe) throw new Error(`fixture ${f.file}: no recipe for ${domain} in test/harness/customers.ts`);
    const c: Customer = byDomain.get(domain) ?? {
      domain,
      name: recipe.name,
      level: recipe.level,
      onHold: !!recipe.onHold,
      signals: recipe.signals,
      openInvoices: recipe.openInvoices ?? [],
      domains: [domain],
      contactEmails: [],
      crmRecords: [],
    };
    for (const e of ctx.emails) {
      if (e.endsWith(`@${domain}`) && !c.contactEmails.includes(e)) c.contactEmails.push(e);
    }
    if (ctx.crmRecord) c.crmRecords.push({ ...ctx.crmRecord, url: f.url });
    byDomain.set(domain, c);
  }
  return [...byDomain.values()];
}

export function customerOf(customers: readonly Customer[], f: SiteFixture): Customer {
  const domain = f.expected.context?.domains[0];
  const c = customers.find((x) => x.domain === domain);
  if (!c) throw new Error(`no customer for ${f.file}`);
  return c;
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
      await api.linkCrmRecord({ accountId: c.id, system: r.system, objectType: r.objectType, recordId: r.recordId, url: r.url });
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
