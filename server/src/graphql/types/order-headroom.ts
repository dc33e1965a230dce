/**
 * "Does this order fit?" as GraphQL: the state, the rough amount where the policy allows one, and the sentence. The
 * policy and the rounding live in domain/order-headroom.ts (CREDIT-MODEL.md §6a).
 */
import { headroomSentence, type OrderHeadroomShape } from '../../domain/order-headroom.js';
import { builder } from '../builder.js';

export const OrderHeadroomStateEnum = builder.enumType('OrderHeadroomState', {
  values: {
    ROOM: { description: 'Under the credit limit: roughAmount says about how much more fits.' },
    ROOM_HIGH_RISK: { description: 'Under the credit limit but the risk level is HIGH: roughAmount, with a caution to check with credit before a large or unusual order.' },
    CRITICAL_RISK: { description: 'The risk level is CRITICAL: talk to credit before promising any order; no amount is given.' },
    OVER_LIMIT: { description: 'At or over the credit limit.' },
    ON_HOLD: { description: 'The account is on hold: no room, whatever the limit.' },
    NO_LIMIT: { description: 'No credit limit is set.' },
  } as const,
});

export const OrderHeadroomCautionEnum = builder.enumType('OrderHeadroomCaution', {
  description: 'Why to check with credit before a large order even with room under the limit (CREDIT-MODEL.md §6a).',
  values: {
    LARGE_INVOICES_UNPAID: { description: 'Small invoices are paid while large ones stay unpaid (SMALL_INVOICES_ONLY).' },
    LONG_OVERDUE: { description: 'An undisputed invoice is more than two months past due.' },
    PAYING_LATER: { description: 'The payment trend is SLIPPING: paying later than their own norm.' },
  } as const,
});

export const OrderHeadroomRef = builder.objectRef<OrderHeadroomShape>('OrderHeadroom').implement({
  description:
    'Whether another order fits, for everyone who may read the account: the exact limit, exposure and available amount stay with ' +
    'the credit team (roughAmount is rounded down to two significant figures, at least 100, and given only when there is room ' +
    'and the account is neither on hold nor at CRITICAL risk).',
  fields: (t) => ({
    state: t.field({ type: OrderHeadroomStateEnum, resolve: (h) => h.state }),
    roughAmount: t.field({
      type: 'Decimal',
      nullable: true,
      description: 'ROOM and ROOM_HIGH_RISK only: the available amount rounded down to two significant figures, at least a step of 100 (4,637.25 → 4,600).',
      resolve: (h) => h.roughAmount,
    }),
    caution: t.field({
      type: OrderHeadroomCautionEnum,
      nullable: true,
      description: 'With room only (ROOM, ROOM_HIGH_RISK): what to check with credit before a large order; null when nothing stands out.',
      resolve: (h) => h.caution ?? null,
    }),
    currency: t.exposeString('currency', { description: 'The account currency.' }),
    sentence: t.string({ description: 'The answer in words: "Room for about EUR 4,600 more."', resolve: (h) => headroomSentence(h) }),
  }),
});
