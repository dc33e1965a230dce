/**
 * "Does this order fit?" — the account manager's question, answered without the figures SALES may not see.
 * Headroom is the credit limit less the exposure in every currency (`available`), said as a state and, when there is
 * room, an amount rounded DOWN to two significant figures, at least a step of 100 (4,637.25 → 4,600; 46,370 →
 * 46,000; 87 → 0). Whoever does not see the figures cannot get the exact limit, exposure or available amount back
 * from it: every available amount within the same step gives the same answer. See CREDIT-MODEL.md ("Order headroom").
 */
import { builder } from '../builder.js';

export const ORDER_HEADROOM_STATES = ['ROOM', 'OVER_LIMIT', 'ON_HOLD', 'NO_LIMIT'] as const;
export type OrderHeadroomState = (typeof ORDER_HEADROOM_STATES)[number];

export interface OrderHeadroomShape {
  state: OrderHeadroomState;
  /** Only for ROOM: the available amount rounded down to the coarse step, "4600.00". */
  roughAmount: string | null;
  currency: string;
}

/** The smallest step the rounding ever uses (account-currency units). */
export const MIN_STEP_UNITS = 100n;

/** "4637.25" → 463725n (cents); null for anything else. */
function toCents(decimal: string): bigint | null {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(decimal.trim());
  if (!m) return null;
  const cents = BigInt(m[2]!) * 100n + BigInt((m[3] ?? '0').padEnd(2, '0'));
  return m[1] ? -cents : cents;
}

/** The coarse step for a positive amount of whole units: two significant figures, never below 100. */
export function roughStep(units: bigint): bigint {
  let step = MIN_STEP_UNITS;
  // 10^(digits − 2): 4,637 has 4 digits → 100; 46,370 → 1,000; 463,700 → 10,000.
  const digits = units.toString().length;
  if (digits > 2) {
    const wanted = 10n ** BigInt(digits - 2);
    if (wanted > step) step = wanted;
  }
  return step;
}

/** Rounds a positive available amount down to its coarse step: "4637.25" → "4600.00". */
export function roughDown(available: string): string | null {
  const cents = toCents(available);
  if (cents === null || cents <= 0n) return null;
  const units = cents / 100n;
  const step = roughStep(units);
  return `${(units / step) * step}.00`;
}

/**
 * The headroom for an account: on hold first, then no limit (`available` is null exactly when no limit is set), then
 * over (or at) the limit, else the rough room.
 */
export function orderHeadroom(input: { onHold: boolean; available: string | null; currency: string }): OrderHeadroomShape {
  const { currency } = input;
  if (input.onHold) return { state: 'ON_HOLD', roughAmount: null, currency };
  if (input.available === null) return { state: 'NO_LIMIT', roughAmount: null, currency };
  const cents = toCents(input.available);
  if (cents === null || cents <= 0n) return { state: 'OVER_LIMIT', roughAmount: null, currency };
  return { state: 'ROOM', roughAmount: roughDown(input.available), currency };
}

/** The answer in a sentence, the same words the panel shows (for API clients and screen readers alike). */
export function headroomSentence(h: OrderHeadroomShape): string {
  switch (h.state) {
    case 'ON_HOLD':
      return 'On hold: talk to credit before taking an order.';
    case 'NO_LIMIT':
      return 'No credit limit set: ask credit before taking an order.';
    case 'OVER_LIMIT':
      return 'Over the credit limit: talk to credit before taking an order.';
    case 'ROOM': {
      if (h.roughAmount === null || toCents(h.roughAmount) === 0n) return 'Almost no room left under the credit limit: talk to credit.';
      const amount = Number(h.roughAmount).toLocaleString('en-GB', { maximumFractionDigits: 0 });
      return `Room for about ${h.currency} ${amount} more.`;
    }
  }
}

export const OrderHeadroomStateEnum = builder.enumType('OrderHeadroomState', {
  values: {
    ROOM: { description: 'Under the credit limit: roughAmount says about how much more fits.' },
    OVER_LIMIT: { description: 'At or over the credit limit.' },
    ON_HOLD: { description: 'The account is on hold.' },
    NO_LIMIT: { description: 'No credit limit is set.' },
  } as const,
});

export const OrderHeadroomRef = builder.objectRef<OrderHeadroomShape>('OrderHeadroom').implement({
  description:
    'Whether another order fits under the credit limit, for everyone who may read the account: the exact limit, exposure and ' +
    'available amount stay with the credit team (roughAmount is rounded down to two significant figures, at least 100).',
  fields: (t) => ({
    state: t.field({ type: OrderHeadroomStateEnum, resolve: (h) => h.state }),
    roughAmount: t.field({
      type: 'Decimal',
      nullable: true,
      description: 'ROOM only: the available amount rounded down to two significant figures, at least a step of 100 (4,637.25 → 4,600).',
      resolve: (h) => h.roughAmount,
    }),
    currency: t.exposeString('currency', { description: 'The account currency.' }),
    sentence: t.string({ description: 'The answer in words: "Room for about EUR 4,600 more."', resolve: (h) => headroomSentence(h) }),
  }),
});
