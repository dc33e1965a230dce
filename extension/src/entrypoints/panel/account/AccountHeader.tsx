import { type CrmRecordRef, type CrmSystem, canonicalCrmRecord, CRM_SYSTEMS, type MatchedBy } from '@earshot/shared';
import type { AccountCardData } from '@/lib/types';
import { crmObjectWords } from '@/ui/format/crm-objects';
import { webHref } from '@/ui/format/links';

const CRM_NAME: Record<CrmSystem, string> = {
  SALESFORCE: 'Salesforce',
  HUBSPOT: 'HubSpot',
  DYNAMICS: 'Dynamics',
  ZOHO: 'Zoho CRM',
  PIPEDRIVE: 'Pipedrive',
  OTHER: 'CRM',
};

function sameRecord(a: { system: CrmSystem; recordId: string }, b: { system: CrmSystem; recordId: string }): boolean {
  if (a.system !== b.system) return false;
  const key = (r: { system: CrmSystem; recordId: string }) => canonicalCrmRecord({ system: r.system, objectType: '', recordId: r.recordId }).recordId;
  return key(a) === key(b);
}

export interface MatchWords {
  /** The sentence after "Matched by": "its Salesforce account record", "its contact ana@…", "its domain x.example". */
  text: string;
  /** A value worth showing beside it (an email, a domain); never a raw CRM id. */
  value: string;
  /** The raw CRM id, for a tooltip only. */
  title?: string;
}

/**
 * Why the panel thinks this page is about this customer, in words (every `MatchedBy`):
 * the page's own CRM record ("its Salesforce account record"), a record the page's record is linked to ("the
 * Salesforce account record this opportunity is linked to"), a contact's email, or the website's domain.
 */
export function matchWords(matchedBy: MatchedBy, matchedValue: string, account: Pick<AccountCardData, 'crmLinks'>, pageRecord?: CrmRecordRef | null): MatchWords {
  if (matchedBy === 'CONTACT_EMAIL') return { text: 'its contact', value: matchedValue };
  if (matchedBy === 'DOMAIN') return { text: 'its domain', value: matchedValue };
  // "SALESFORCE:001Hs00003InItCIAV" — the system, then the record id.
  const colon = matchedValue.indexOf(':');
  const prefix = colon > 0 ? matchedValue.slice(0, colon) : '';
  const system = (CRM_SYSTEMS as readonly string[]).includes(prefix) ? (prefix as CrmSystem) : null;
  const recordId = system ? matchedValue.slice(colon + 1) : matchedValue;
  const crmName = system && system !== 'OTHER' ? CRM_NAME[system] : 'CRM';
  const title = system ? `${crmName} record ${recordId}` : matchedValue;
  const link = system ? account.crmLinks.find((l) => sameRecord(l, { system, recordId })) : undefined;
  const object = crmObjectWords(system, link?.objectType ?? (pageRecord && system && sameRecord(pageRecord, { system, recordId }) ? pageRecord.objectType : undefined));
  const record = `${crmName} ${object ? `${object} ` : ''}record`;
  const ownPage = !pageRecord || (system != null && sameRecord(pageRecord, { system, recordId }));
  if (ownPage) return { text: `its ${record}`, value: '', title };
  const pageObject = crmObjectWords(pageRecord.system, pageRecord.objectType) || 'record';
  return { text: `the ${record} this ${pageObject} is linked to`, value: '', title };
}

interface Props {
  account: AccountCardData;
  matchedBy: MatchedBy;
  matchedValue: string;
  /** The page's own CRM record, when it is one: tells "its record" from "the record this deal is linked to". */
  pageRecord?: CrmRecordRef | null | undefined;
}

/** Name, what they do and where, and why the panel thinks this page is about them. */
export function AccountHeader({ account, matchedBy, matchedValue, pageRecord }: Props) {
  const match = matchWords(matchedBy, matchedValue, account, pageRecord);
  const about = [account.industry, account.country].filter(Boolean).join(' · ');
  // Only http(s) links without credentials; a CRM link with anything else is left out (its text says nothing).
  const crm = account.crmLinks.flatMap((l) => {
    const href = webHref(l.url);
    return href ? [{ ...l, href }] : [];
  });
  return (
    <header class="account-header">
      <h2 class="account-header__name" data-testid="account-name">
        {account.name}
      </h2>
      {about ? <p class="account-header__about">{about}</p> : null}
      <p class="account-header__match muted">
        <span data-testid="matched-by" title={match.title}>
          Matched by {match.text}
          {match.value ? (
            <>
              {' '}
              <span class="account-header__value">{match.value}</span>
            </>
          ) : null}
        </span>
        {crm.map((link) => (
          <span key={`${link.system}:${link.recordId}`}>
            {' · '}
            <a href={link.href} target="_blank" rel="noopener noreferrer">
              Open in {CRM_NAME[link.system]}
            </a>
          </span>
        ))}
      </p>
    </header>
  );
}
