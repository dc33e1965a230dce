/**
 * What credit keeps on each account beside the ledger: the credit limit, review dates (seed 002: every customer
 * at least yearly), a hold, bureau score history, the last known bank details (as a fingerprint) and the watch
 * lists of a struggling industry and an unstable country (seed 003).
 */
import { createHash } from 'node:crypto';
import type { AccountBase } from './accounts.js';
import { type LedgerPlan, openAmounts } from './ledger.js';
import type { DemoCountry } from './names.js';
import type { DemoUserKey } from './people.js';
import type { Profile } from './profiles.js';
import type { Rng } from './random.js';

export const DAY_MS = 86_400_000;
/** A moment on a day number, at a working hour. */
export const at = (day: number, hour = 10, minute = 0) => new Date(day * DAY_MS + (hour * 60 + minute) * 60_000);

/** The working day on or before a day number: visits, invoices and bank receipts do not happen at weekends. */
export function workday(day: number): number {
  const weekday = new Date(day * DAY_MS).getUTCDay();
  return weekday === 6 ? day - 1 : weekday === 0 ? day - 2 : day;
}

export interface CreditTerms {
  /** Cents. */
  creditLimit: number;
  onHold: boolean;
  holdReason: string | null;
  lastContactAt: Date;
  lastReviewedAt: Date | null;
  nextReviewAt: Date;
}

const RISKY: readonly Profile[] = ['slipping', 'smallNotLarge', 'overLimit', 'longOverdue'];
const roundUp = (cents: number, step: number) => Math.ceil(cents / (step * 100)) * step * 100;

export function creditLimit(rng: Rng, account: AccountBase, profile: Profile, ledger: LedgerPlan): number {
  const open = Math.max(0, openAmounts(ledger).get(account.currency) ?? 0);
  // Over the limit by 15–35%: the limit was set before the big seasonal order.
  if (profile === 'overLimit') return Math.floor((open * rng.float(0.74, 0.87)) / 100_000) * 100_000;
  // A cautious opening limit: about one month of the purchases they announced.
  if (profile === 'brandNew') return roundUp(account.anticipatedMonthly, 5000);
  const usual = account.anticipatedMonthly * (account.paymentTermsDays / 30 + 1.5);
  return roundUp(Math.max(usual, open * (RISKY.includes(profile) ? 1.1 : 1.3)), 5000);
}

export interface TermsRoles {
  reviewOverdue: string;
  onHold: string;
  staleContact: readonly string[];
}

export function creditTerms(rng: Rng, account: AccountBase, profile: Profile, ledger: LedgerPlan, today: number, roles: TermsRoles): CreditTerms {
  const id = account.externalId;
  const risky = RISKY.includes(profile);
  let lastReviewed: number | null;
  let nextReview: number;
  if (id === roles.reviewOverdue) {
    // A good payer nobody has looked at for 14 months: seed 002 says review those too.
    lastReviewed = today - rng.int(420, 450);
    nextReview = lastReviewed + 365;
  } else if (profile === 'brandNew') {
    lastReviewed = null;
    nextReview = today + rng.int(20, 30);
  } else if (risky) {
    lastReviewed = today - rng.int(30, 150);
    nextReview = lastReviewed + 180;
  } else {
    lastReviewed = today - rng.int(15, 330);
    nextReview = lastReviewed + 365;
  }
  const lastContact = roles.staleContact.includes(id) ? today - rng.int(95, 160) : profile === 'brandNew' ? today - rng.int(2, 6) : today - rng.int(1, 40);
  const onHold = id === roles.onHold;
  return {
    creditLimit: creditLimit(rng, account, profile, ledger),
    onHold,
    holdReason: onHold ? 'Invoices more than 60 days overdue: new orders need credit approval until the old ones are settled.' : null,
    lastContactAt: at(workday(lastContact), rng.int(8, 17), rng.int(0, 59)),
    lastReviewedAt: lastReviewed === null ? null : at(workday(lastReviewed), rng.int(9, 16)),
    nextReviewAt: at(workday(nextReview), 9),
  };
}

export interface CreditReportPlan {
  accountExternalId: string;
  score: number;
  rating: string;
  source: string;
  reportedAt: Date;
}

export const DEMO_BUREAU = 'Demo Credit Bureau (synthetic)';

const rating = (score: number) => (score >= 80 ? 'A' : score >= 65 ? 'B' : score >= 50 ? 'C' : score >= 35 ? 'D' : 'E');

/**
 * Quarterly bureau scores for the accounts credit follows closely and for a sample of good payers. Only the
 * `scoreDrop` account changes by more than provider noise: its latest report, two weeks ago, fell ~25 points.
 */
export function creditReports(
  rng: Rng,
  accounts: readonly AccountBase[],
  profiles: ReadonlyMap<string, Profile>,
  scoreDrop: string,
  today: number,
): CreditReportPlan[] {
  const out: CreditReportPlan[] = [];
  const report = (accountExternalId: string, day: number, score: number) =>
    out.push({ accountExternalId, score, rating: rating(score), source: DEMO_BUREAU, reportedAt: at(workday(day), 7, 30) });
  for (const a of accounts) {
    const profile = profiles.get(a.externalId)!;
    if (profile === 'brandNew') {
      report(a.externalId, today - rng.int(8, 14), rng.int(66, 78));
      continue;
    }
    if (profile === 'steady' && a.externalId !== scoreDrop && !rng.chance(0.3)) continue;
    const base =
      a.externalId === scoreDrop ? rng.int(66, 76) : profile === 'longOverdue' ? rng.int(34, 44) : RISKY.includes(profile) ? rng.int(58, 70) : rng.int(62, 88);
    // ±1 of provider noise (a slipping account drifts 1 point): below the 5-point drop that counts as a change.
    for (let q = 0; q < 4; q++) report(a.externalId, today - 370 + q * 90 + rng.int(-8, 8), base + rng.int(-1, 1) - (profile === 'slipping' ? q >> 1 : 0));
    if (a.externalId === scoreDrop) report(a.externalId, today - 14, base - rng.int(22, 28));
  }
  return out;
}

export interface BankDetailPlan {
  accountExternalId: string;
  fingerprint: string;
  last4: string;
  bankName: string;
  recordedAt: Date;
}

/** Invented bank names per country: the first is where accounts bank, the second where the changed one moved. */
export const BANKS: Readonly<Record<DemoCountry, readonly [string, string]>> = {
  DE: ['Hanse Handelsbank', 'Rhein-Main Kreditbank'],
  GB: ['Northbridge Bank', 'Thamesgate Savings'],
  FR: ['Banque du Val', 'Crédit des Deux Rives'],
  NL: ['Polderbank', 'Grachten Handelsbank'],
  US: ['First Prairie Bank', 'Lakeshore Commerce Bank'],
  AR: ['Banco del Litoral Sur', 'Banco Andino Comercial'],
};

/** Last known bank details for about half the accounts; the `changed` account has an old and a new record. */
export function bankDetails(rng: Rng, seed: number, accounts: readonly AccountBase[], profiles: ReadonlyMap<string, Profile>, changed: string, today: number): BankDetailPlan[] {
  const out: BankDetailPlan[] = [];
  const record = (a: AccountBase, n: number, day: number) =>
    out.push({
      accountExternalId: a.externalId,
      // Only a fingerprint of the account number is kept (schema), so a hash of an invented one stands in.
      fingerprint: createHash('sha256').update(`earshot-demo-bank:${seed}:${a.externalId}:${n}`).digest('hex'),
      last4: String(rng.int(0, 9999)).padStart(4, '0'),
      bankName: BANKS[a.country][n % 2]!,
      recordedAt: at(workday(day), 11),
    });
  for (const a of accounts) {
    if (a.externalId === changed) {
      record(a, 0, today - rng.int(600, 900));
      record(a, 1, today - 21);
    } else if (profiles.get(a.externalId) !== 'brandNew' && rng.chance(0.5)) {
      record(a, 0, today - rng.int(200, 900));
    }
  }
  return out;
}

export interface WatchPlan {
  kind: 'INDUSTRY' | 'COUNTRY';
  value: string;
  reason: string;
  createdBy: DemoUserKey;
  createdAt: Date;
}

export function watches(today: number): WatchPlan[] {
  return [
    {
      kind: 'INDUSTRY',
      value: 'Construction',
      reason: 'Order books down since spring and two regional contractors in insolvency proceedings: check exposure before raising limits.',
      createdBy: 'credit',
      createdAt: at(today - 95, 9, 15),
    },
    {
      kind: 'COUNTRY',
      value: 'AR',
      reason: 'Currency controls delay transfers abroad; confirm the payment route before accepting new orders on terms.',
      createdBy: 'credit',
      createdAt: at(today - 80, 14, 40),
    },
  ];
}
