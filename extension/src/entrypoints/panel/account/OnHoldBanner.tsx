import type { PersonRef } from '@/lib/types';

/** Credit's hold, visible to sales before they promise an order. */
export function OnHoldBanner({ creditOwner }: { creditOwner: PersonRef | null }) {
  return (
    <div class="banner banner--hold" role="alert" data-testid="on-hold-banner">
      <strong>On credit hold.</strong> New orders need credit approval
      {creditOwner ? (
        <>
          {' '}— talk to{' '}
          {creditOwner.email ? <a href={`mailto:${creditOwner.email}`}>{creditOwner.name}</a> : creditOwner.name}
        </>
      ) : null}
      .
    </div>
  );
}
