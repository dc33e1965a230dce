import type { AccountCardData } from '@/lib/types';
import { RelativeTime } from '@/ui/components/RelativeTime';
import { Section } from '@/ui/components/Section';

/** Seed 001's customer card: why they buy from us, what we are to them, where else they could go. */
export function Relationship({ account }: { account: AccountCardData }) {
  const { whyTheyBuy, ourValue, alternatives, lastContactAt } = account;
  if (!whyTheyBuy.length && !ourValue && !alternatives && !lastContactAt) return null;
  return (
    <Section title="Know the customer">
      {whyTheyBuy.length ? (
        <>
          <h4 class="subhead">Why they buy from us</h4>
          <ol class="reasons">
            {whyTheyBuy.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ol>
        </>
      ) : null}
      {ourValue ? (
        <>
          <h4 class="subhead">Our value to them</h4>
          <p>{ourValue}</p>
        </>
      ) : null}
      {alternatives ? (
        <>
          <h4 class="subhead">Their alternatives</h4>
          <p>{alternatives}</p>
        </>
      ) : null}
      {lastContactAt ? (
        <p class="muted">
          Last contact <RelativeTime iso={lastContactAt} />
        </p>
      ) : null}
    </Section>
  );
}
