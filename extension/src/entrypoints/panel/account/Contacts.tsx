import type { ContactData } from '@/lib/types';
import { LinkOrText } from '@/ui/components/LinkOrText';
import { Section } from '@/ui/components/Section';
import { CHANNEL_LABEL, TONE_LABEL } from '@/ui/format/labels';
import { mailtoHref, telHref } from '@/ui/format/links';

/** The customer's people and how they like to be contacted (seed 000: channel and tone). */
export function Contacts({ contacts }: { contacts: ContactData[] }) {
  if (!contacts.length) return null;
  return (
    <Section title="Their people" aside={String(contacts.length)}>
      <ul class="list">
        {contacts.map((c) => {
          const prefers = [c.preferredChannel ? CHANNEL_LABEL[c.preferredChannel] : null, c.preferredTone ? TONE_LABEL[c.preferredTone] : null]
            .filter(Boolean)
            .join(', ');
          return (
            <li key={c.id} class="list__item contact">
              <div class="list__main">
                <span>
                  <span class="contact__name">{c.name}</span>
                  {c.role ? <span class="muted"> · {c.role}</span> : null}
                </span>
                {prefers ? <span class="list__meta">Prefers {prefers}</span> : null}
                <span class="contact__reach">
                  {c.email ? <LinkOrText href={mailtoHref(c.email)}>{c.email}</LinkOrText> : null}
                  {c.phone ? <LinkOrText href={telHref(c.phone)}>{c.phone}</LinkOrText> : null}
                </span>
              </div>
            </li>
          );
        })}
      </ul>
    </Section>
  );
}
