import type { CrmSystem } from './enums.js';

/** A CRM record identified on the page, from the URL where possible (ids are stable, class names are not). */
export interface CrmRecordRef {
  system: CrmSystem;
  /** The CRM's own object type: `Account`, `Contact`, `Opportunity` (Salesforce), `company`, `contact` (HubSpot)… */
  objectType: string;
  recordId: string;
}

/**
 * Who is on this page, as a site adapter sees it. This is all a content script ever sends out of the host page:
 * identifiers to look up, never anything it read from Earshot.
 */
export interface PageContext {
  /** The adapter that produced it (`gmail`, `outlook`, `salesforce`, `hubspot`, `dynamics`, `pipedrive`, `generic`). */
  site: string;
  /** What kind of page the adapter recognised (`thread`, `compose`, `record`, `none`…). */
  pageType: string;
  emails: string[];
  domains: string[];
  crmRecord?: CrmRecordRef | undefined;
  /**
   * Records the page's record belongs to, read from the page: the account of an opportunity, the company of a deal,
   * the organization of a Pipedrive lead. A deal page resolves to its customer through them (at most 10).
   */
  linkedRecords?: CrmRecordRef[] | undefined;
  /**
   * True when the linked records were not read from the page's own fields but from its URL (a Salesforce console's
   * `?ws=` workspace tab): anyone can craft such a link, so they are used for this page only, never remembered.
   */
  linkedRecordsFromUrl?: boolean | undefined;
  /** Display name read from the page (CRM record name), used for "not a customer yet → create". */
  recordName?: string | undefined;
  url: string;
}

/** What an adapter reports when it recognises its page type but cannot read it (its selectors broke). */
export interface AdapterHealthReport {
  site: string;
  pageType: string;
  /** Which named selectors found nothing. */
  missing: string[];
  /** The DOM structure near where the data should be, with all text and non-allow-listed attributes censored. */
  structure: string;
  url: string;
  seenAt: string;
}

export interface DetectResult {
  context: PageContext | null;
  health?: AdapterHealthReport | undefined;
}
