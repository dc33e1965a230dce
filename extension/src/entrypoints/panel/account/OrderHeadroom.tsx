import type { SessionUser } from '@/lib/messages';
import type { OrderHeadroomData, PersonRef } from '@/lib/types';
import { Section } from '@/ui/components/Section';
import { endsSentence } from '@/ui/format/labels';
import { isViewer } from '@/ui/format/people';

interface Props {
  headroom: OrderHeadroomData | null | undefined;
  /** The account currency (the headroom is said in it). */
  currency: string;
  creditOwner: PersonRef | null;
  /** The signed-in user: never told their own name as the one to talk to. */
  user?: Pick<SessionUser, 'id'> | null;
}

/** "EUR 4,600": the rough amount in whole units (it is a multiple of 100 at least, so no cents). */
function roughMoney(amount: string, currency: string): string {
  const whole = amount.split('.')[0] ?? amount;
  return `${currency} ${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
}

/** The caution after "but", as the server says it. */
const CAUTION_WORDS: Record<NonNullable<OrderHeadroomData['caution']>, string> = {
  LARGE_INVOICES_UNPAID: 'large invoices are going unpaid',
  LONG_OVERDUE: 'an invoice is more than two months overdue',
  PAYING_LATER: 'they are paying later than they used to',
};

/**
 * What the account manager reads: whether another order fits, in words, as a credit manager would say it
 * (CREDIT-MODEL.md §6a; the server's `sentence` says the same): a hold means no room, CRITICAL risk means talk to
 * credit first (no amount), HIGH risk gives the amount with a caution, and so do large invoices going unpaid, an
 * invoice more than two months overdue or payments slipping (`caution`), whatever the level.
 */
export function headroomWords(h: OrderHeadroomData, currency: string): { text: string; tone: 'ok' | 'caution' | 'warn' } {
  switch (h.state) {
    case 'ON_HOLD':
      return { text: 'On hold — no room for new orders until credit lifts the hold. Talk to credit.', tone: 'warn' };
    case 'CRITICAL_RISK':
      return { text: 'Critical risk — talk to credit before promising any order.', tone: 'warn' };
    case 'NO_LIMIT':
      return { text: 'No credit limit set — ask credit before taking an order.', tone: 'warn' };
    case 'OVER_LIMIT':
      return { text: 'Over the credit limit — talk to credit before taking an order.', tone: 'warn' };
    case 'ROOM':
    case 'ROOM_HIGH_RISK': {
      if (!h.roughAmount || !(Number(h.roughAmount) > 0)) return { text: 'Almost no room left under the credit limit — talk to credit.', tone: 'warn' };
      const room = `Room for about ${roughMoney(h.roughAmount, currency)} more`;
      const caution = h.caution ? CAUTION_WORDS[h.caution] : null;
      if (h.state === 'ROOM_HIGH_RISK')
        return { text: `${room}, but the risk is high${caution ? ` and ${caution}` : ''} — check with credit before a large or unusual order.`, tone: 'caution' };
      return caution ? { text: `${room}, but ${caution} — check with credit before a large order.`, tone: 'caution' } : { text: `${room}.`, tone: 'ok' };
    }
  }
}

/**
 * "Does this order fit?" for those who do not see the credit figures (SALES): the server's rough headroom, rounded
 * down so the exact limit and exposure stay with the credit team, and no amount at all where the policy gives none.
 */
export function OrderHeadroom({ headroom, currency, creditOwner, user = null }: Props) {
  if (!headroom) return null;
  const { text, tone } = headroomWords(headroom, currency);
  const hasAmount = (headroom.state === 'ROOM' || headroom.state === 'ROOM_HIGH_RISK') && Number(headroom.roughAmount) > 0;
  return (
    <Section title="Does this order fit?" class="headroom">
      <p class="headroom__answer" data-testid="order-headroom" data-state={headroom.state} data-tone={tone}>
        {text}
        {tone !== 'ok' && creditOwner ? (
          <span class="muted" data-testid="order-headroom-owner">
            {isViewer(creditOwner, user) ? ' You are the credit owner.' : ` Credit owner: ${creditOwner.name}${endsSentence(creditOwner.name) ? '' : '.'}`}
          </span>
        ) : null}
      </p>
      {hasAmount ? <p class="muted headroom__note">Rounded down; the exact limit and balance are shared with the credit team only.</p> : null}
    </Section>
  );
}
