/**
 * The built-in sites, declared once. Each entry's `matches` are Chrome / Firefox match patterns; from them come
 * the manifest's content-script `matches` (that site's own script, entrypoints/<site>.content.ts), the adapter's
 * own host check (`hostMatcher`), and the options page's list of sites — so the three can never disagree.
 *
 * This module is data only (no adapter, no selector): the options page and the content scripts' manifest
 * declarations import it without pulling in any adapter code. Every content script carries it (the adapters' host
 * checks), so what only people read lives elsewhere: the page forms each site recognises are in `catalog-forms.ts`.
 */

/** The built-in sites' keys, in the catalog's order. */
export type SiteKey = 'gmail' | 'outlook' | 'salesforce' | 'hubspot' | 'dynamics' | 'pipedrive' | 'zoho';

export interface SiteEntry {
  /** The adapter's name: `PageContext.site` and the key in `Settings.disabledSites`. */
  readonly key: SiteKey;
  readonly label: string;
  /** Match patterns, `https://<host or *.domain>/*`. */
  readonly matches: readonly string[];
  /** Hosts inside `matches` that are not the product (a vendor's marketing and help sites): exact `https://<host>/*`. */
  readonly excludeMatches?: readonly string[];
}

/**
 * Dynamics 365 / Power Apps environments live on regional hosts (`<org>.crm<N>.dynamics.com`): crm (North America),
 * crm2 (South America), crm3 (Canada), crm4 (EMEA), crm5 (Asia Pacific), crm6 (Australia), crm7 (Japan), crm8
 * (India), crm9 (US government GCC), crm11 (UK), crm12 (France), crm14 (South Africa), crm15 (UAE), crm16
 * (Germany), crm17 (Switzerland), crm19 (Norway), crm20 (Korea), crm21 (Sweden).
 */
const DYNAMICS_REGIONS = ['', 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 14, 15, 16, 17, 19, 20, 21];
/**
 * The sovereign clouds, which have no number: `crm.microsoftdynamics.us` (US Government GCC High),
 * `crm.appsplatform.us` (US Government DoD), `crm.dynamics.cn` (China, operated by 21Vianet). Sources: the content
 * script matches of RyanMakesAndBreaksStuff/PowerPaneReturns (src/js/util/manifest-builder.js: the two US hosts) and
 * the global discovery endpoints of a `PowerApps.Samples` discovery sample (enum Cloud: Commercial
 * `globaldisco.crm.dynamics.com`, GCC `crm9`, USG `crm.microsoftdynamics.us`, DOD `crm.appsplatform.us`, CHINA
 * `crm.dynamics.cn`). Germany's former sovereign cloud (`crm.microsoftdynamics.de`, in PowerPaneReturns' list but not in the discovery sample's) is left out.
 */
const DYNAMICS_SOVEREIGN = ['crm.microsoftdynamics.us', 'crm.appsplatform.us', 'crm.dynamics.cn'];

/**
 * Zoho CRM's web hosts, one per data centre: US `crm.zoho.com`, EU `.eu`, India `.in`, Australia `.com.au`, Japan
 * `.jp`, China `.com.cn`, Canada `crm.zohocloud.ca` (not `zoho.ca`), Saudi Arabia `.sa`, UK `.uk`. Sources: Zoho CRM
 * API "Multi DC Support" (accounts servers com, com.au, eu, in, com.cn, jp, zohocloud.ca); Zoho WorkDrive "Multi DC
 * Support" (zoho.sa, zohocloud.ca); public code linking records at crm.zoho.sa and crm.zohocloud.ca. The UK host is
 * from public code only (a test listing `crmsandbox.zoho.uk`): no Zoho page found for it. Exact hosts, never
 * `*.zoho.com`, which would also cover Zoho Mail and every other Zoho app.
 */
const ZOHO_HOSTS = ['crm.zoho.com', 'crm.zoho.eu', 'crm.zoho.in', 'crm.zoho.com.au', 'crm.zoho.jp', 'crm.zoho.com.cn', 'crm.zohocloud.ca', 'crm.zoho.sa', 'crm.zoho.uk'];

/**
 * HubSpot serves each portal from the app host of its data-hosting location ("hublet", the account-info API's
 * `uiDomain`): app.hubspot.com (na1, also reachable as app-na1), app-na2, app-na3 (Canada), app-eu1 (EU) and app-ap1
 * (Australia). Match patterns cannot wildcard `app-*`, so each is listed. Sources (details in hubspot.test.ts):
 * - HubSpot Product blog, "Our Journey to Multi-Region: An Introduction" (2022-03-23,
 *   https://product.hubspot.com/blog/developing-an-eu-data-center): each Hublet a full copy of the platform, named by a
 *   geographic identifier and a number (na1, eu1…);
 * - HubSpot developer docs, account-info API "Retrieve account details" (read 2026-12,
 *   https://developers.hubspot.com/docs/api-reference/legacy/account/account-information/get-account-details):
 *   `uiDomain` (example "app-eu1.hubspot.com") and `dataHostingLocation`;
 * - HubSpot developer blog, "Minimizing Latency: A Guide to High-Performance App Cards on HubSpot" (read 2026-12,
 *   https://developers.hubspot.com/blog/minimizing-latency-a-guide-to-high-performance-app-cards-on-hubspot): the
 *   product is hosted in the United States, Canada, Australia and the European Union, "across five regions".
 * No HubSpot page or public repository found names app-na2, app-na3 and app-ap1 as host names (searched: HubSpot
 * developer docs and knowledge base, the product and developer blogs, HubSpot's own repositories such as
 * hubspot-local-dev-lib and calling-extensions-sdk, public extensions' manifests, issue threads): those three rest on
 * public code found by exact search whose repository the search does not name (find_string ids in hubspot.test.ts).
 */
const HUBSPOT_APP_HOSTS = ['app.hubspot.com', 'app-na1.hubspot.com', 'app-na2.hubspot.com', 'app-na3.hubspot.com', 'app-eu1.hubspot.com', 'app-ap1.hubspot.com'];

/**
 * Salesforce serves an org's pages at its My Domain (help.salesforce.com "What Determines Your URL Formats",
 * "My Domain Considerations"; Apex DomainCreator): Lightning at `<MyDomain>.lightning.force.com`, with sandboxes and
 * partitioned orgs one level deeper (`<MyDomain>--<sandbox>.sandbox.lightning.force.com`, `.develop.`, `.scratch.`),
 * Classic and login at `<MyDomain>.my.salesforce.com` (`.sandbox.my.salesforce.com`, `.develop.my.salesforce.com`).
 * `*.salesforce.com` is there for the legacy instance hosts (`na1.`, `eu12.`, `cs42.salesforce.com`): users may still
 * log in through `https://InstanceName.salesforce.com/` unless an admin prevents it ("My Domain Considerations"), and
 * Classic record links on them (`/001…`) are still shared. A pattern can't say "instance names only", so it covers
 * `*.my.salesforce.com` too, and www/help/trailhead pages, where the adapter finds no record path and does nothing.
 * Government Cloud Plus Defense runs Lightning on `.lightning.force.mil` and `.lightning.crmforce.mil` (the hosts
 * Salesforce Inspector Reloaded reads records on). Not listed: Hyperforce China (`sfcrmapps.cn`,
 * `sfcrmproducts.cn`) and proxies such as `*.lightning.force.com.mcas.ms` — enable them as custom sites.
 */
const SALESFORCE_MATCHES = [
  'https://*.lightning.force.com/*',
  'https://*.salesforce.com/*',
  'https://*.lightning.force.mil/*',
  'https://*.lightning.crmforce.mil/*',
];

export const SITE_CATALOG: readonly SiteEntry[] = [
  {
    key: 'gmail',
    label: 'Gmail',
    matches: ['https://mail.google.com/*'],
  },
  {
    key: 'outlook',
    label: 'Outlook on the web',
    // outlook.cloud.microsoft: Microsoft's unified domain for Microsoft 365 apps (learn.microsoft.com
    // microsoft-365/enterprise/cloud-microsoft-domain, 2024-04), listed with outlook.office.com and
    // outlook.office365.com as Exchange Online endpoint set 1 (endpoints.office.com).
    matches: ['https://outlook.cloud.microsoft/*', 'https://outlook.office.com/*', 'https://outlook.office365.com/*', 'https://outlook.live.com/*'],
  },
  {
    key: 'salesforce',
    label: 'Salesforce',
    matches: SALESFORCE_MATCHES,
    // salesforce.com's own sites: no org's records live there, so the content script does not even load.
    excludeMatches: ['www', 'help', 'trailhead', 'developer', 'appexchange', 'status', 'login', 'test', 'admin', 'partners', 'success'].map(
      (h) => `https://${h}.salesforce.com/*`,
    ),
  },
  {
    key: 'hubspot',
    label: 'HubSpot',
    matches: HUBSPOT_APP_HOSTS.map((host) => `https://${host}/*`),
  },
  {
    key: 'dynamics',
    label: 'Dynamics 365',
    matches: [...DYNAMICS_REGIONS.map((n) => `https://*.crm${n}.dynamics.com/*`), ...DYNAMICS_SOVEREIGN.map((h) => `https://*.${h}/*`)],
  },
  {
    key: 'pipedrive',
    label: 'Pipedrive',
    matches: ['https://*.pipedrive.com/*'],
  },
  {
    key: 'zoho',
    label: 'Zoho CRM',
    matches: ZOHO_HOSTS.map((h) => `https://${h}/*`),
  },
];

export function siteEntry(key: string): SiteEntry {
  const entry = SITE_CATALOG.find((site) => site.key === key);
  if (!entry) throw new Error(`no built-in site ${key}`);
  return entry;
}

/**
 * A host check with the browser's own match-pattern semantics for the `https://<host>/*` patterns used here:
 * `*.example.com` matches `example.com` and any sub-domain of it; otherwise the host must be equal.
 */
export function hostMatcher(matches: readonly string[], excludeMatches: readonly string[] = []): (hostname: string) => boolean {
  const exact = new Set<string>();
  const suffixes: string[] = [];
  const hostOf = (pattern: string) => {
    const m = /^https:\/\/([^/]+)\/\*$/.exec(pattern);
    if (!m) throw new Error(`unsupported match pattern ${pattern}`);
    return m[1]!;
  };
  for (const pattern of matches) {
    const host = hostOf(pattern);
    if (host.startsWith('*.')) suffixes.push(host.slice(2));
    else exact.add(host);
  }
  const excluded = new Set(excludeMatches.map(hostOf));
  return (hostname) => {
    const h = hostname.toLowerCase().replace(/\.$/, '');
    if (excluded.has(h)) return false;
    return exact.has(h) || suffixes.some((s) => h === s || h.endsWith(`.${s}`));
  };
}

/** The host check of one built-in site, from its catalog entry (the same hosts the manifest runs it on). */
export function siteHostMatcher(key: string): (hostname: string) => boolean {
  const entry = siteEntry(key);
  return hostMatcher(entry.matches, entry.excludeMatches);
}

/** Where a site runs, for people: the hosts of its patterns (`*.pipedrive.com`). */
export function hostsOf(entry: SiteEntry): string[] {
  return entry.matches.map((pattern) => pattern.replace(/^https:\/\//, '').replace(/\/\*$/, ''));
}
