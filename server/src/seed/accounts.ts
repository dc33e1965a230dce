/**
 * The demo's customers: invented names and `.example` domains, country, industry, who manages them, how they
 * like to be contacted and where they live in the CRMs. Ledger, limits and review dates are added later,
 * once each account's payment behaviour (profiles.ts) is known.
 */
import { type CrmLinkPlan, crmLink, type DemoCrmSystem } from './crm.js';
import { INDUSTRIES, type IndustryCard, industryCard } from './industries.js';
import { CONTACT_HABITS, CONTACT_ROLES, COUNTRIES, type DemoCountry, slug } from './names.js';
import { type DemoUserKey, demoUser } from './people.js';
import type { Rng } from './random.js';

export type ContactChannel = 'EMAIL' | 'PHONE' | 'VIDEO' | 'IN_PERSON' | 'CHAT';
export type ContactTone = 'FORMAL' | 'FRIENDLY' | 'BRIEF' | 'DETAILED';

export interface ContactPlan {
  name: string;
  email: string;
  role: string;
  phone: string | null;
  preferredChannel: ContactChannel;
  preferredTone: ContactTone;
  notes: string | null;
}

export interface AccountBase {
  /** The ERP customer number, also the plan's key for the account (`C-10023`). */
  externalId: string;
  name: string;
  /** The company stem, for sentences ("Kestrel's buyer said…"). */
  shortName: string;
  description: string;
  industry: string;
  country: DemoCountry;
  website: string;
  businessUnit: string;
  accountManager: DemoUserKey;
  creditOwner: DemoUserKey;
  currency: 'EUR' | 'GBP' | 'USD';
  paymentTermsDays: 30 | 45 | 60;
  whyTheyBuy: string[];
  ourValue: string;
  alternatives: string;
  contactFrequencyDays: number;
  /** Minor units (cents). */
  anticipatedMonthly: number;
  domains: string[];
  crmLinks: CrmLinkPlan[];
  contacts: ContactPlan[];
}

/** 44 customers: mostly in the euro area, some in the UK and US, three in a country credit watches. */
const COUNTRY_MIX: readonly [DemoCountry, number][] = [
  ['DE', 14],
  ['GB', 8],
  ['FR', 7],
  ['NL', 7],
  ['US', 5],
  ['AR', 3],
];
export const DEMO_ACCOUNT_COUNT = COUNTRY_MIX.reduce((n, [, c]) => n + c, 0);

const TERMS: Readonly<Record<DemoCountry, readonly (30 | 45 | 60)[]>> = {
  DE: [30, 30, 30, 45],
  GB: [30, 30, 45],
  FR: [45, 45, 60],
  NL: [30, 30, 45],
  US: [30, 30, 45],
  AR: [60],
};

const CRM_SYSTEMS: readonly DemoCrmSystem[] = ['SALESFORCE', 'HUBSPOT', 'DYNAMICS', 'PIPEDRIVE'];

/** Seed 000's directory: the business unit and account manager follow the market; credit is split by region. */
function owners(country: DemoCountry, card: IndustryCard): { accountManager: DemoUserKey; creditOwner: DemoUserKey } {
  let accountManager: DemoUserKey;
  if (country === 'US' || country === 'AR') accountManager = 'export';
  else if (card.unit === 'Industrial') accountManager = country === 'DE' || country === 'NL' ? 'sales' : 'industrial2';
  else accountManager = country === 'FR' ? 'retailFr' : 'retail';
  const creditOwner: DemoUserKey = country === 'GB' || country === 'FR' || country === 'US' ? 'credit2' : 'credit';
  return { accountManager, creditOwner };
}

function industriesFor(rng: Rng, countries: readonly DemoCountry[]): string[] {
  // Every industry about equally often, plus extra construction so the industry watch list has several matches;
  // the accounts in the watched country grow and pack food.
  const general = rng.shuffle([...INDUSTRIES.flatMap((c) => [c.industry, c.industry, c.industry, c.industry]), 'Construction']);
  const local = rng.shuffle(['Agriculture', 'Agriculture', 'Food & Beverage']);
  return countries.map((c) => (c === 'AR' ? local.pop()! : general.pop()!));
}

function buildContacts(rng: Rng, country: DemoCountry, domain: string, count: number, phoneSeq: { n: number }): ContactPlan[] {
  const info = COUNTRIES[country];
  const roles = [rng.pick(CONTACT_ROLES.payables), ...rng.sample(CONTACT_ROLES.others, count - 1)];
  const used = new Set<string>();
  const contacts: ContactPlan[] = [];
  for (const role of roles) {
    let first: string;
    let last: string;
    do {
      first = rng.pick(info.firstNames);
      last = rng.pick(info.lastNames);
    } while (used.has(`${slug(first)}.${slug(last)}`));
    const local = `${slug(first)}.${slug(last)}`;
    used.add(local);
    const payables = role === roles[0];
    contacts.push({
      name: `${first} ${last}`,
      email: `${local}@${domain}`,
      role,
      phone: info.phone ? info.phone(phoneSeq.n++) : null,
      preferredChannel: payables ? rng.pick(['EMAIL', 'EMAIL', 'PHONE'] as const) : rng.pick(['PHONE', 'IN_PERSON', 'EMAIL', 'VIDEO', 'CHAT'] as const),
      preferredTone: info.language === 'de' || info.language === 'fr' ? rng.pick(['FORMAL', 'FORMAL', 'BRIEF'] as const) : rng.pick(['FRIENDLY', 'BRIEF', 'DETAILED', 'FORMAL'] as const),
      notes: rng.chance(0.45) ? rng.pick(CONTACT_HABITS) : null,
    });
  }
  return contacts;
}

export function buildAccounts(rng: Rng): AccountBase[] {
  const countries = rng.shuffle(COUNTRY_MIX.flatMap(([c, n]) => Array.from({ length: n }, () => c)));
  const industries = industriesFor(rng.fork('industries'), countries);
  const stems = Object.fromEntries(Object.entries(COUNTRIES).map(([c, info]) => [c, rng.shuffle(info.stems)])) as Record<DemoCountry, string[]>;
  const domainsTaken = new Set<string>();
  const crmTaken = new Set<string>();
  const phoneSeq = { n: rng.int(100, 400) };
  let customerNo = 10000 + rng.int(3, 40);

  return countries.map((country, index) => {
    const r = rng.fork(`account:${index}`);
    const info = COUNTRIES[country];
    const card = industryCard(industries[index]!);
    const stem = stems[country].pop()!;
    const suffix = r.pick(card.suffix[info.language]);
    const name = `${stem} ${suffix} ${r.pick(info.legalForms)}`;

    let domain = `${slug(stem)}${slug(suffix)}.example`;
    if (domainsTaken.has(domain)) domain = `${slug(stem)}${slug(suffix)}-${country.toLowerCase()}.example`;
    domainsTaken.add(domain);
    const domains = [domain];
    if (r.chance(0.3)) {
      const second = r.pick([`${slug(stem)}-group.example`, `${slug(stem)}-${country.toLowerCase()}.example`, `${slug(stem)}online.example`]);
      if (!domainsTaken.has(second)) {
        domainsTaken.add(second);
        domains.push(second);
      }
    }

    // About four in five are linked to a CRM record; a few are in two CRMs (a migration half done).
    const crmLinks: CrmLinkPlan[] = [];
    if (r.chance(0.8)) {
      const systems = r.chance(0.12) ? r.sample(CRM_SYSTEMS, 2) : [CRM_SYSTEMS[index % CRM_SYSTEMS.length]!];
      for (const system of systems) {
        let link: CrmLinkPlan;
        do link = crmLink(r, system);
        while (crmTaken.has(`${link.system}:${link.recordId}`));
        crmTaken.add(`${link.system}:${link.recordId}`);
        crmLinks.push(link);
      }
    }

    const { accountManager, creditOwner } = owners(country, card);
    customerNo += r.int(1, 9);
    const [min, max] = card.monthly;
    return {
      externalId: `C-${customerNo}`,
      name,
      shortName: stem,
      description: r.pick(card.descriptions).replace('{n}', String(r.int(2, 9))),
      industry: card.industry,
      country,
      website: `https://www.${domain}`,
      businessUnit: demoUser(accountManager).businessUnit!,
      accountManager,
      creditOwner,
      currency: info.currency,
      paymentTermsDays: r.pick(TERMS[country]),
      whyTheyBuy: r.sample(card.whyTheyBuy, r.pick([1, 2, 3, 3, 3])),
      ourValue: r.pick(card.ourValue),
      alternatives: r.pick(card.alternatives),
      contactFrequencyDays: r.pick([14, 30, 30, 60, 90]),
      anticipatedMonthly: Math.round(r.int(min, max) / 500) * 500 * 100,
      domains,
      crmLinks,
      contacts: buildContacts(r, country, domain, r.pick([1, 2, 2, 3, 3, 3, 4]), phoneSeq),
    };
  });
}
