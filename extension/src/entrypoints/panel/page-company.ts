/** What "create an account from this page" would use: the page's company domains and a name to start from. */
import { isFreeMailDomain, type PageContext } from '@earshot/shared';

/** The page's domains without consumer mailboxes (a gmail.com sender says nothing about their company). */
export function creatableDomains(context: PageContext): string[] {
  return [...new Set(context.domains.filter((d) => !isFreeMailDomain(d)))];
}

/** True when the page names a company Earshot could create: a CRM record or a company domain. */
export function hasCreatableCompany(context: PageContext | null): context is PageContext {
  return context != null && (context.crmRecord != null || creatableDomains(context).length > 0);
}

/** The CRM record's name, else "Acme" from "acme.example". */
export function suggestedAccountName(context: PageContext): string {
  if (context.recordName?.trim()) return context.recordName.trim();
  const domain = creatableDomains(context)[0];
  if (!domain) return '';
  const label = domain.split('.')[0] ?? domain;
  return label.charAt(0).toUpperCase() + label.slice(1);
}
