/**
 * The site adapters, all together: for tests and checks only. The content scripts never import this module: each
 * built-in site has its own script (src/entrypoints/<site>.content.ts) that runs on its catalog hosts with its own
 * adapter, and the sites a user enabled run the generic one (entrypoints/content.ts, registered at run time).
 * `pickAdapter` is the same choice by host name (built-in sites first, generic for everything else), so tests can
 * check that the adapters' host checks agree with the scripts' matches.
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
