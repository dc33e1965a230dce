import type { PersonRef } from '@/lib/types';
import { LinkOrText } from '@/ui/components/LinkOrText';
import { mailtoHref } from '@/ui/format/links';

/** Credit's hold, visible to sales before they promise an order. */
export function OnHoldBanner({ creditOwner, reason }: { creditOwner: PersonRef | null; reason?: string | undefined }) {
  return (
    <div class="banner banner--hold" role="alert" data-testid="on-hold-banner">
      <strong>On credit hold.</strong> New orders need credit approval
      {creditOwner ? (
        <>
          {' '}— talk to{' '}
          <LinkOrText href={mailtoHref(creditOwner.email)}>{creditOwner.name}</LinkOrText>
        </>
      ) : null}
      .
      {reason ? (
        <span class="banner__detail" data-testid="on-hold-reason">
          {reason}
        </span>
      ) : null}
    </div>
  );
}
