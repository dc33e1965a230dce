import type { SessionUser } from '@/lib/messages';
import type { PersonRef } from '@/lib/types';
import { LinkOrText } from '@/ui/components/LinkOrText';
import { mailtoHref } from '@/ui/format/links';
import { endsSentence } from '@/ui/format/labels';

interface Props {
  creditOwner: PersonRef | null;
  /** Credit's words for the hold ("On hold: over the limit"), from its actions. */
  reason?: string | undefined;
  /** The signed-in user: never told to talk to themself. */
  user?: Pick<SessionUser, 'id'> | null;
  /**
   * The hold came in while the reader looked at the account (it was not on hold a moment ago): said at once
   * (role=alert). Otherwise the banner is plain text, read in its place, not an interruption on every load.
   */
  newlyOnHold?: boolean;
}

/** Credit's hold and why, visible to sales before they promise an order; whom to talk to (never the reader). */
export function OnHoldBanner({ creditOwner, reason, user = null, newlyOnHold = false }: Props) {
  const isYou = creditOwner != null && user != null && creditOwner.id === user.id;
  const why = reason?.replace(/^On hold:?\s*/i, '').trim();
  return (
    <div class="banner banner--hold" role={newlyOnHold ? 'alert' : undefined} data-testid="on-hold-banner">
      <strong>On credit hold.</strong> New orders need credit approval
      {isYou ? (
        <span data-testid="on-hold-you">. You are the credit owner.</span>
      ) : creditOwner ? (
        <>
          {' '}— talk to <LinkOrText href={mailtoHref(creditOwner.email)}>{creditOwner.name}</LinkOrText>
          {endsSentence(creditOwner.name) ? '' : '.'}
        </>
      ) : (
        '.'
      )}
      <span class="banner__detail" data-testid="on-hold-reason">
        {why ? `Reason: ${why}${endsSentence(why) ? '' : '.'}` : 'No reason recorded.'}
      </span>
    </div>
  );
}
