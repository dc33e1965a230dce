/**
 * "Does this order fit?" — the account manager's question, answered without the figures SALES may not see, and as a
 * credit manager would answer it (CREDIT-MODEL.md §6a):
 * - on hold: no room, whatever the limit says: talk to credit;
 * - CRITICAL risk: talk to credit before promising anything; no amount (a figure would read as a promise);
 * - no limit, or at/over the limit: ask / talk to credit;
 * - HIGH risk with room: the rough amount, with a caution to check with credit before a large or unusual order;
 * - otherwise the rough amount.
 * With room, whatever the level, a `caution` names what a credit manager would warn about before a large order:
 * large invoices going unpaid (SMALL_INVOICES_ONLY), an invoice more than two months overdue, or payments slipping
 * (the trend is SLIPPING). The limit is not the only thing that decides whether a large order may be promised.
 * Headroom is the credit limit less the exposure in every currency (`available`). The amount is rounded DOWN to two
 * significant figures, at least a step of 100 (4,637.25 → 4,600; 46,370 → 46,000; 87 → 0): whoever does not see
 * the figures cannot get the exact limit, exposure or available amount back from it, since every available amount
 * within the same step gives the same answer.
 */
import type { PaymentTrend, RiskLevel } from '@earshot/shared';
import type { StoredBehaviour, StoredFactor } from './stored-status.js';

export const ORDER_HEADROOM_STATES = ['ROOM', 'ROOM_HIGH_RISK', 'CRITICAL_RISK', 'OVER_LIMIT', 'ON_HOLD', 'NO_LIMIT'] as const;
export type OrderHeadroomState = (typeof ORDER_HEADROOM_STATES)[number];

/** Why a credit manager would check before a large order even with room under the limit (heaviest first). */
export const ORDER_HEADROOM_CAUTIONS = ['LARGE_INVOICES_UNPAID', 'LONG_OVERDUE', 'PAYING_LATER'] as const;
export type OrderHeadroomCaution = (typeof ORDER_HEADROOM_CAUTIONS)[number];

export interface OrderHeadroomShape {
  state: OrderHeadroomState;
  /** Only with room (ROOM, ROOM_HIGH_RISK): what to check with credit before a large order; null when nothing. */
  caution?: OrderHeadroomCaution | null;
  /** Only for ROOM and ROOM_HIGH_RISK: the available amount rounded down to the coarse step, "4600.00". */
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

export interface OrderHeadroomInput {
  onHold: boolean;
  /** Limit less exposure in every currency; null exactly when no limit is set. */
  available: string | null;
  currency: string;
  /** The account's current risk level; null before the first assessment. */
  riskLevel: RiskLevel | null;
  /** SMALL_INVOICES_ONLY is among the reasons: small invoices paid while large ones stay unpaid. */
  smallInvoicesOnly?: boolean;
  /** An undisputed invoice is more than two months (60 days) past due, in any currency. */
  overdueOverTwoMonths?: boolean;
  /** The payment trend is SLIPPING (paying later than their own norm, or stopped paying). */
  slipping?: boolean;
}

/** Some money in an aging's buckets past 60 days ("0.00" and missing read as none). */
function pastTwoMonths(aging: StoredBehaviour['aging'] | undefined): boolean {
  return !!aging && (Number(aging.d61_90) > 0 || Number(aging.d90plus) > 0);
}

/**
 * The caution inputs from a stored credit status: SMALL_INVOICES_ONLY among the reasons, undisputed money more than
 * 60 days past due in any currency (aging leaves disputed invoices out), the trend SLIPPING.
 */
export function headroomCautionInput(s: {
  trend: PaymentTrend;
  behaviour: Pick<StoredBehaviour, 'aging' | 'currencies'>;
  factors: readonly Pick<StoredFactor, 'code'>[];
}): Pick<OrderHeadroomInput, 'smallInvoicesOnly' | 'overdueOverTwoMonths' | 'slipping'> {
  return {
    smallInvoicesOnly: s.factors.some((f) => f.code === 'SMALL_INVOICES_ONLY'),
    overdueOverTwoMonths: pastTwoMonths(s.behaviour.aging) || (s.behaviour.currencies ?? []).some((c) => pastTwoMonths(c.aging)),
    slipping: s.trend === 'SLIPPING',
  };
}

/** The first caution that applies, in the order a credit manager would name them. */
export function headroomCaution(input: Pick<OrderHeadroomInput, 'smallInvoicesOnly' | 'overdueOverTwoMonths' | 'slipping'>): OrderHeadroomCaution | null {
  if (input.smallInvoicesOnly) return 'LARGE_INVOICES_UNPAID';
  if (input.overdueOverTwoMonths) return 'LONG_OVERDUE';
  if (input.slipping) return 'PAYING_LATER';
  return null;
}

/** The headroom for an account, checked in this order: hold, CRITICAL, no limit, at or over the limit, room (HIGH: with caution). */
export function orderHeadroom(input: OrderHeadroomInput): OrderHeadroomShape {
  const { currency } = input;
  const none = (state: OrderHeadroomState): OrderHeadroomShape => ({ state, roughAmount: null, currency, caution: null });
  if (input.onHold) return none('ON_HOLD');
  if (input.riskLevel === 'CRITICAL') return none('CRITICAL_RISK');
  if (input.available === null) return none('NO_LIMIT');
  const cents = toCents(input.available);
  if (cents === null || cents <= 0n) return none('OVER_LIMIT');
  return {
    state: input.riskLevel === 'HIGH' ? 'ROOM_HIGH_RISK' : 'ROOM',
    roughAmount: roughDown(input.available),
    currency,
    caution: headroomCaution(input),
  };
}

/** "EUR 4,600": the rough amount in whole units (a multiple of 100 at least, so no cents). */
function roughMoney(h: OrderHeadroomShape): string {
  const whole = (h.roughAmount ?? '0').split('.')[0] ?? '0';
  return `${h.currency} ${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
}

/** The caution in words, after "but": "large invoices are going unpaid". */
export const CAUTION_WORDS: Record<OrderHeadroomCaution, string> = {
  LARGE_INVOICES_UNPAID: 'large invoices are going unpaid',
  LONG_OVERDUE: 'an invoice is more than two months overdue',
  PAYING_LATER: 'they are paying later than they used to',
};

/** The answer in a sentence, the words the panel shows (for API clients and screen readers alike). */
export function headroomSentence(h: OrderHeadroomShape): string {
  switch (h.state) {
    case 'ON_HOLD':
      return 'On hold: no room for new orders until credit lifts the hold. Talk to credit.';
    case 'CRITICAL_RISK':
      return 'Critical risk: talk to credit before promising any order.';
    case 'NO_LIMIT':
      return 'No credit limit set: ask credit before taking an order.';
    case 'OVER_LIMIT':
      return 'Over the credit limit: talk to credit before taking an order.';
    case 'ROOM':
    case 'ROOM_HIGH_RISK': {
      if (h.roughAmount === null || toCents(h.roughAmount) === 0n) return 'Almost no room left under the credit limit: talk to credit.';
      const room = `Room for about ${roughMoney(h)} more`;
      const caution = h.caution ? CAUTION_WORDS[h.caution] : null;
      if (h.state === 'ROOM_HIGH_RISK')
        return `${room}, but the risk is high${caution ? ` and ${caution}` : ''}: check with credit before a large or unusual order.`;
      return caution ? `${room}, but ${caution}: check with credit before a large order.` : `${room}.`;
    }
  }
}
