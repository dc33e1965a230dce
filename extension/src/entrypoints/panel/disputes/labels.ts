import type { DisputeKind } from '@earshot/shared';

export const DISPUTE_KIND_LABEL: Readonly<Record<DisputeKind, string>> = {
  DISPUTE: 'Dispute',
  DELIVERY_PROBLEM: 'Delivery problem',
};

/** Teams that usually own a dispute (seed 001: shipping, sales, customer service…); any other may be typed. */
export const OWNER_TEAMS = ['logistics', 'sales', 'customer service', 'quality', 'billing'] as const;
