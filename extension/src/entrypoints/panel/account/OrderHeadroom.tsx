import type { OrderHeadroomData, PersonRef } from '@/lib/types';
import { Section } from '@/ui/components/Section';

interface Props {
  headroom: OrderHeadroomData | null | undefined;
  /** The account currency (the headroom is said in it). */
  currency: string;
  creditOwner: PersonRef | null;
}

/** "EUR 4,600": the rough amount in whole units (it is a multiple of 100 at least, so no cents). */
function roughMoney(amount: string, currency: string): string {
  const whole = amount.split('.')[0] ?? amount;
  return `${currency} ${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
}

/** What the account manager reads: whether another order fits, in words; who to talk to when it does not. */
export function headroomWords(h: OrderHeadroomData, currency: string): { text: string; tone: 'ok' | 'warn' } {
  switch (h.state) {
    case 'ON_HOLD':
      return { text: 'On hold — talk to credit before taking an order.', tone: 'warn' };
    case 'NO_LIMIT':
      return { text: 'No credit limit set — ask credit before taking an order.', tone: 'warn' };
    case 'OVER_LIMIT':
      return { text: 'Over the credit limit — talk to credit before taking an order.', tone: 'warn' };
    case 'ROOM':
      return h.roughAmount && Number(h.roughAmount) > 0
        ? { text: `Room for about ${roughMoney(h.roughAmount, currency)} more.`, tone: 'ok' }
        : { text: 'Almost no room left under the credit limit — talk to credit.', tone: 'warn' };
  }
}

/**
 * "Does this order fit?" for those who do not see the credit figures (SALES): the server's rough headroom, rounded
 * down so the exact limit and exposure stay with the credit team (CREDIT-MODEL.md, "Order headroom").
 */
export function OrderHeadroom({ headroom, currency, creditOwner }: Props) {
  if (!headroom) return null;
  const { text, tone } = headroomWords(headroom, currency);
  return (
    <Section title="Does this order fit?" class="headroom">
      <p class="headroom__answer" data-testid="order-headroom" data-state={headroom.state} data-tone={tone}>
        {text}
        {tone === 'warn' && creditOwner ? <span class="muted"> Credit owner: {creditOwner.name}.</span> : null}
      </p>
      {headroom.state === 'ROOM' ? (
        <p class="muted headroom__note">Rounded down; the exact limit and balance are shared with the credit team only.</p>
      ) : null}
    </Section>
  );
}
