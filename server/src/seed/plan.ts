/**
 * The whole demo as plain data, before anything touches the database: deterministic for a seed and a date.
 * Tests read the plan for what was intended; demo.ts writes it.
 */
import { toDay } from '../domain/calendar.js';
import { buildAccounts } from './accounts.js';
import { type BankDetailPlan, bankDetails, type CreditReportPlan, creditReports, creditTerms, type WatchPlan, watches } from './credit-file.js';
import { type CardExtras, cardExtras, type DisputePlan, disputePlans } from './disputes.js';
import { fieldNotes } from './field-notes.js';
import { type IntelRequestPlan, intelRequests } from './intel-requests.js';
import { buildLedger, numberLedgers } from './ledger.js';
import type { AccountPlan, NotePlan, SignalPlan } from './observations.js';

export type { AccountPlan } from './observations.js';
import { assignProfiles, type Profile } from './profiles.js';
import { createRng } from './random.js';
import { pickRoles, type StoryRoles } from './roles.js';
import { buildStoryline } from './storyline.js';

export const DEFAULT_DEMO_SEED = 20240601;

export interface DemoPlan {
  seed: number;
  /** Day number of `now` (days since 1970-01-01, UTC). */
  today: number;
  accounts: (AccountPlan & CardExtras)[];
  roles: StoryRoles;
  disputes: DisputePlan[];
  signals: SignalPlan[];
  notes: NotePlan[];
  creditReports: CreditReportPlan[];
  bankDetails: BankDetailPlan[];
  watches: WatchPlan[];
  intelRequests: IntelRequestPlan[];
}

export function buildDemoPlan(options: { seed?: number; now?: Date } = {}): DemoPlan {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const today = toDay(options.now ?? new Date());
  const rng = createRng(seed);

  const bases = buildAccounts(rng.fork('accounts'));
  const assignment = assignProfiles(rng.fork('profiles'), bases);
  const roles = pickRoles(rng.fork('roles'), bases, assignment);

  const ledgers = bases.map((a) =>
    buildLedger(rng.fork(`ledger:${a.externalId}`), a, assignment.byAccount.get(a.externalId)!, today, { orderDrop: a.externalId === roles.negativeCluster }),
  );
  numberLedgers(rng.fork('numbers'), ledgers);

  const accounts: (AccountPlan & CardExtras)[] = bases.map((a, i) => {
    const profile: Profile = assignment.byAccount.get(a.externalId)!;
    const ledger = ledgers[i]!;
    const account: AccountPlan = { ...a, ...creditTerms(rng.fork(`terms:${a.externalId}`), a, profile, ledger, today, roles), profile, ledger };
    return { ...account, ...cardExtras(account, roles) };
  });
  const byId = new Map(accounts.map((a) => [a.externalId, a]));

  const reports = creditReports(rng.fork('reports'), bases, assignment.byAccount, roles.scoreDrop, today);
  const story = buildStoryline(rng.fork('story'), { accounts: byId, assignment, roles, reports, today });
  const withStory = new Set(story.signals.map((s) => s.accountExternalId));
  const everyday = fieldNotes(rng.fork('field'), accounts, withStory, today);

  return {
    seed,
    today,
    accounts,
    roles,
    disputes: disputePlans(byId, roles, today),
    signals: [...story.signals, ...everyday.signals],
    notes: [...story.notes, ...everyday.notes],
    creditReports: reports,
    bankDetails: bankDetails(rng.fork('banks'), seed, bases, assignment.byAccount, roles.bankChange, today),
    watches: watches(today),
    intelRequests: intelRequests(bases, roles, today),
  };
}
