import type { SessionUser } from '@/lib/messages';
import type { PersonRef } from '@/lib/types';
import { LinkOrText } from '@/ui/components/LinkOrText';
import { Section } from '@/ui/components/Section';
import { mailtoHref } from '@/ui/format/links';

interface Props {
  accountManager: PersonRef | null;
  creditOwner: PersonRef | null;
  accountName: string;
  /** The signed-in user: their own row says "You", with no button to email themself. */
  user?: Pick<SessionUser, 'id'> | null;
}

/** Who looks after this customer on each side, and a one-click way to reach them. */
export function People({ accountManager, creditOwner, accountName, user = null }: Props) {
  if (!accountManager && !creditOwner) return null;
  const rows: { role: string; person: PersonRef | null }[] = [
    { role: 'Account manager', person: accountManager },
    { role: 'Credit owner', person: creditOwner },
  ];
  return (
    <Section title="Our people">
      <dl class="people">
        {rows.map(({ role, person }) => (
          <div key={role} class="people__row">
            <dt class="people__role">{role}</dt>
            <dd class="people__person">
              {person && user != null && person.id === user.id ? (
                <span class="people__name" data-testid="people-you">
                  You
                </span>
              ) : person ? (
                <>
                  <span>
                    <span class="people__name">{person.name}</span>
                    {person.businessUnit ? <span class="muted"> · {person.businessUnit}</span> : null}
                  </span>
                  {person.email ? (
                    <LinkOrText class="people__mail" href={mailtoHref(person.email, accountName)}>
                      {person.email}
                    </LinkOrText>
                  ) : null}
                </>
              ) : (
                <span class="muted">Not assigned</span>
              )}
            </dd>
          </div>
        ))}
      </dl>
    </Section>
  );
}
