/**
 * Credit's actions on an account in words (seed 001: "credit's actions are shown to sales"): a hold with its
 * reason, collection, a review in progress, open disputes. No figures, so everyone who reads the account may
 * see them.
 */
import type { CollectionStatus, DisputeKind } from '@earshot/shared';
import { type DateInput, dayToIso, toDay } from './calendar.js';
import { DISPUTE_KIND_WORDS } from './disputes.js';

export type CreditActionKind = 'ON_HOLD' | 'COLLECTION' | 'REVIEW_IN_PROGRESS' | 'DISPUTE_OPEN';

export interface CreditAction {
  kind: CreditActionKind;
  text: string;
  since: Date | null;
}

export interface CreditActionsInput {
  onHold: boolean;
  holdReason: string | null;
  collectionStatus: CollectionStatus | null;
  collectionSince: Date | null;
  /** Started health-check reviews (IN_PROGRESS). */
  reviewsInProgress: readonly { startedAt: Date | null }[];
  openDisputes: readonly { kind: DisputeKind; ownerTeam: string; openedAt: Date }[];
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "3 Nov" in asOf's year, "3 Nov 2025" otherwise (UTC calendar day). */
export function shortDate(date: DateInput, asOf: DateInput): string {
  const [year, month, day] = dayToIso(toDay(date)).split('-');
  const sameYear = year === dayToIso(toDay(asOf)).slice(0, 4);
  return `${Number(day)} ${MONTHS[Number(month) - 1]}${sameYear ? '' : ` ${year}`}`;
}

const COLLECTION_WORDS: Record<CollectionStatus, string> = { REMINDERS: 'reminders', EXTERNAL: 'collection agency' };

export function creditActions(input: CreditActionsInput, asOf: DateInput): CreditAction[] {
  const out: CreditAction[] = [];
  if (input.onHold) out.push({ kind: 'ON_HOLD', text: input.holdReason ? `On hold: ${input.holdReason}` : 'On hold', since: null });
  if (input.collectionStatus) {
    const since = input.collectionSince ? ` since ${shortDate(input.collectionSince, asOf)}` : '';
    out.push({ kind: 'COLLECTION', text: `In collection${since} (${COLLECTION_WORDS[input.collectionStatus]})`, since: input.collectionSince });
  }
  const review = input.reviewsInProgress[0];
  if (review) out.push({ kind: 'REVIEW_IN_PROGRESS', text: 'Review in progress', since: review.startedAt });
  for (const d of input.openDisputes)
    out.push({ kind: 'DISPUTE_OPEN', text: `Dispute open: ${DISPUTE_KIND_WORDS[d.kind]}, owner: ${d.ownerTeam}`, since: d.openedAt });
  return out;
}
