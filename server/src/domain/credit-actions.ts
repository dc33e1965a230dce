/**
 * Credit's actions on an account in words (seed 001: "credit's actions are shown to sales"): a hold with its
 * reason, collection, a review in progress, open disputes. No figures, so everyone who reads the account may
 * see them.
 */
import type { CollectionStatus, DisputeKind } from '@earshot/shared';
import { type DateInput, dayInWords } from './calendar.js';
import { disputeActionText, disputeSinceInWords } from './disputes.js';

export type CreditActionKind = 'ON_HOLD' | 'COLLECTION' | 'REVIEW_IN_PROGRESS' | 'DISPUTE_OPEN';

export interface CreditAction {
  kind: CreditActionKind;
  /** The action in words, without its date: a reader adds it the way it reads best ("started 2 days ago"). */
  text: string;
  since: Date | null;
}

/**
 * How each action's date reads after it in the panel, beside a relative date: "Review in progress, started 2 days ago
 * (3 Dec 2026)" (never "since … ago"). Standing alone, a dispute says its days instead (`creditActionSentence`).
 */
export const CREDIT_ACTION_SINCE_WORD: Readonly<Record<CreditActionKind, string>> = {
  ON_HOLD: 'since',
  COLLECTION: 'started',
  REVIEW_IN_PROGRESS: 'started',
  DISPUTE_OPEN: 'opened',
};

/**
 * The action in a sentence that stands on its own, its date included: "In collection (reminders), started 3 Nov 2026";
 * an open dispute counts its calendar days to `asOf` as `Dispute.summary` does: "Disputed, with sales since 3 Dec 2026 (4 days)".
 */
export function creditActionSentence(action: CreditAction, asOf: DateInput): string {
  if (!action.since) return action.text;
  if (action.kind === 'DISPUTE_OPEN') return `${action.text} ${disputeSinceInWords(action.since, asOf)}`;
  return `${action.text}, ${CREDIT_ACTION_SINCE_WORD[action.kind]} ${dayInWords(action.since)}`;
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

const COLLECTION_WORDS: Record<CollectionStatus, string> = { REMINDERS: 'reminders', EXTERNAL: 'collection agency' };

export function creditActions(input: CreditActionsInput): CreditAction[] {
  const out: CreditAction[] = [];
  if (input.onHold) out.push({ kind: 'ON_HOLD', text: input.holdReason ? `On hold: ${input.holdReason}` : 'On hold', since: null });
  if (input.collectionStatus) {
    out.push({ kind: 'COLLECTION', text: `In collection (${COLLECTION_WORDS[input.collectionStatus]})`, since: input.collectionSince });
  }
  const review = input.reviewsInProgress[0];
  if (review) out.push({ kind: 'REVIEW_IN_PROGRESS', text: 'Review in progress', since: review.startedAt });
  for (const d of input.openDisputes)
    out.push({ kind: 'DISPUTE_OPEN', text: disputeActionText(d), since: d.openedAt });
  return out;
}
