/**
 * Which account plays which part in the demo's storyline, beside its payment profile: the cluster of negative
 * field signals, the bank change, the bureau score drop, the dispute and the delivery problem with their
 * internal owners, the corporate events, the hold and the overdue review.
 */
import type { AccountBase } from './accounts.js';
import type { ProfileAssignment } from './profiles.js';
import type { Rng } from './random.js';

export interface StoryRoles {
  /** Slipping, managed by the sales user: six negative field signals over the last months. */
  negativeCluster: string;
  /** Slipping: paid from a new bank account (BANK_CHANGE, two bank detail records). */
  bankChange: string;
  /** Small-not-large: the latest bureau report fell ~25 points. */
  scoreDrop: string;
  /** Long overdue, in the watched country: country-risk signal, on credit hold. */
  countryRisk: string;
  onHold: string;
  /** Long overdue, in the watched industry: an invoice held in a dispute, owner in Customer Service. */
  dispute: string;
  /** Long overdue: payment held over a delivery problem, owner in Logistics. */
  deliveryProblem: string;
  /** Good payers with a corporate event (seed 003: "give customers a call if you hear of acquisitions, mergers, change of leadership"). */
  merger: string;
  leadershipChange: string;
  /** A good payer whose yearly review is overdue (last reviewed over a year ago). */
  reviewOverdue: string;
  /** A good payer in the watched industry with an industry-downturn signal (or the disputed account if none). */
  industryDownturn: string;
  /** Good payers nobody has contacted for three months or more. */
  staleContact: string[];
}

export function pickRoles(rng: Rng, accounts: readonly AccountBase[], assignment: ProfileAssignment): StoryRoles {
  const { picked } = assignment;
  const [merger, leadershipChange, reviewOverdue, ...staleContact] = rng.sample(
    picked.steady.filter((id) => accounts.find((a) => a.externalId === id)!.industry !== 'Construction'),
    5,
  );
  const construction = picked.steady.filter((id) => accounts.find((a) => a.externalId === id)!.industry === 'Construction');
  return {
    negativeCluster: picked.slipping[0]!,
    bankChange: picked.slipping[1]!,
    scoreDrop: picked.smallNotLarge[0]!,
    countryRisk: picked.longOverdue[0]!,
    onHold: picked.longOverdue[0]!,
    dispute: picked.longOverdue[1]!,
    deliveryProblem: picked.longOverdue[2]!,
    merger: merger!,
    leadershipChange: leadershipChange!,
    reviewOverdue: reviewOverdue!,
    industryDownturn: construction.length ? rng.pick(construction) : picked.longOverdue[1]!,
    staleContact,
  };
}
