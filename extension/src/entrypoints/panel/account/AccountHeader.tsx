import type { CrmSystem, MatchedBy } from '@earshot/shared';
import type { AccountCardData } from '@/lib/types';
import { webHref } from '@/ui/format/links';

const MATCHED_BY_TEXT: Record<MatchedBy, string> = {
  CONTACT_EMAIL: 'contact',
  DOMAIN: 'domain',
  CRM_RECORD: 'CRM record',
};

const CRM_NAME: Record<CrmSystem, string> = {
  SALESFORCE: 'Salesforce',
  HUBSPOT: 'HubSpot',
  DYNAMICS: 'Dynamics',
  ZOHO: 'Zoho CRM',
  PIPEDRIVE: 'Pipedrive',
  OTHER: 'CRM',
};

interface Props {
  account: AccountCardData;
  matchedBy: MatchedBy;
  matchedValue: string;
}

/** Name, what they do and where, and why the panel thinks this page is about them. */
export function AccountHeader({ account, matchedBy, matchedValue }: Props) {
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
        Matched by {MATCHED_BY_TEXT[matchedBy]} <span class="account-header__value">{matchedValue}</span>
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
