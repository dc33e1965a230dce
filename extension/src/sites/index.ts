/**
 * The site adapters, and the one place that decides which reads a page: by host name, built-in sites first, the
 * generic adapter for everything else (the sites a user enabled, where the service worker registers the same
 * content script at run time).
 */
import { dynamicsAdapter } from './dynamics.js';
import { genericAdapter } from './generic.js';
import { gmailAdapter } from './gmail.js';
import { hubspotAdapter } from './hubspot.js';
import { outlookAdapter } from './outlook.js';
import { pipedriveAdapter } from './pipedrive.js';
import { salesforceAdapter } from './salesforce.js';
import type { PageLocation, SiteAdapter } from './types.js';
import { zohoAdapter } from './zoho.js';

export type { PageLocation, SelectorMap, SiteAdapter } from './types.js';

export const BUILT_IN_ADAPTERS: readonly SiteAdapter[] = [
  gmailAdapter,
  outlookAdapter,
  salesforceAdapter,
  hubspotAdapter,
  dynamicsAdapter,
  pipedriveAdapter,
  zohoAdapter,
];

export const ALL_ADAPTERS: readonly SiteAdapter[] = [...BUILT_IN_ADAPTERS, genericAdapter];

export function pickAdapter(loc: Pick<PageLocation, 'hostname'>): SiteAdapter {
  const hostname = loc.hostname.toLowerCase();
  return BUILT_IN_ADAPTERS.find((adapter) => adapter.matchesHost(hostname)) ?? genericAdapter;
}

export { dynamicsAdapter, genericAdapter, gmailAdapter, hubspotAdapter, outlookAdapter, pipedriveAdapter, salesforceAdapter, zohoAdapter };
