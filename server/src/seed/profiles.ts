/**
 * Payment-behaviour profiles: each demo account pays in one recognisable way, so every credit signal the
 * product computes from the ledger (seed 003's "paying later", "small invoices only", over limit, long
 * overdue) has at least one customer that shows it, next to a majority of ordinary good payers.
 */
import type { AccountBase } from './accounts.js';
import type { Rng } from './random.js';

export const PROFILES = ['steady', 'slipping', 'smallNotLarge', 'overLimit', 'longOverdue', 'improving', 'creditNote', 'secondCurrency', 'brandNew'] as const;
export type Profile = (typeof PROFILES)[number];

export const PROFILE_INFO: Readonly<Record<Profile, string>> = {
  steady: 'Pays on time, give or take a few days; the occasional invoice in two instalments.',
  slipping: 'Paid on terms for most of the year; over the last four months each payment comes later, up to ~40 days beyond terms.',
  smallNotLarge: 'Keeps paying the small invoices on time while the large ones of the last months stay unpaid past due.',
  overLimit: 'Pays a few days late; a large recent order pushed open invoices above the credit limit.',
  longOverdue: 'Chronic late payer with invoices now 60–120 days overdue (some part-paid).',
  improving: 'Paid 30–40 days late for most of the year; pays on the due date for the last three months.',
  creditNote: 'Good payer with a credit note (negative invoice) for damaged goods.',
  secondCurrency: 'Good payer invoiced in two currencies (deliveries to a site abroad).',
  brandNew: 'Opened this month: no ledger history yet.',
};

/** How many accounts show each profile besides `steady` (the rest). */
export const PROFILE_COUNTS: Readonly<Record<Exclude<Profile, 'steady'>, number>> = {
  slipping: 3,
  smallNotLarge: 2,
  overLimit: 3,
  longOverdue: 3,
  improving: 1,
  creditNote: 1,
  secondCurrency: 1,
  brandNew: 1,
};

type Rule = { profile: Exclude<Profile, 'steady'>; when?: (a: AccountBase) => boolean };

// The most constrained first. The first slipping account carries the demo's cluster of negative field signals,
// so it belongs to the sales user who signs in; one long-overdue account each sits in the watched country and
// in the watched industry, so the watch lists have something to show.
const RULES: readonly Rule[] = [
  { profile: 'slipping', when: (a) => a.accountManager === 'sales' },
  { profile: 'longOverdue', when: (a) => a.country === 'AR' },
  { profile: 'longOverdue', when: (a) => a.industry === 'Construction' },
  { profile: 'secondCurrency', when: (a) => a.currency === 'EUR' },
  { profile: 'brandNew', when: (a) => a.country !== 'AR' },
  { profile: 'overLimit', when: (a) => a.country !== 'AR' },
  { profile: 'smallNotLarge', when: (a) => a.country !== 'AR' },
  { profile: 'improving' },
  { profile: 'creditNote' },
];

export interface ProfileAssignment {
  /** Profile per account externalId. */
  byAccount: Map<string, Profile>;
  /** Accounts per profile in the order they were picked: `slipping[0]` is the sales user's, `longOverdue[0]` is in the watched country, `longOverdue[1]` in the watched industry. */
  picked: Record<Profile, string[]>;
}

/** Throws if a constraint cannot be met (it always can with the demo's country and industry mix). */
export function assignProfiles(rng: Rng, accounts: readonly AccountBase[]): ProfileAssignment {
  const byAccount = new Map<string, Profile>(accounts.map((a) => [a.externalId, 'steady']));
  const picked = Object.fromEntries(PROFILES.map((p) => [p, [] as string[]])) as Record<Profile, string[]>;
  const take = (rule: Rule) => {
    const candidates = accounts.filter((a) => byAccount.get(a.externalId) === 'steady' && (rule.when?.(a) ?? true));
    if (candidates.length === 0) throw new Error(`No account left for the ${rule.profile} profile`);
    const chosen = rng.pick(candidates).externalId;
    byAccount.set(chosen, rule.profile);
    picked[rule.profile].push(chosen);
  };
  for (const rule of RULES) take(rule);
  for (const [profile, wanted] of Object.entries(PROFILE_COUNTS) as [Exclude<Profile, 'steady'>, number][]) {
    while (picked[profile].length < wanted) take({ profile, when: (a) => a.country !== 'AR' });
  }
  picked.steady = accounts.filter((a) => byAccount.get(a.externalId) === 'steady').map((a) => a.externalId);
  return { byAccount, picked };
}
