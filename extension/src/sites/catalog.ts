/**
 * The built-in sites, declared once. Each entry's `matches` are Chrome / Firefox match patterns; from them come
 * the manifest's content-script `matches` (entrypoints/content.ts), the adapter's own host check
 * (`hostMatcher`), and the options page's list of sites — so the three can never disagree.
 *
 * This module is data only (no adapter, no selector): the options page and the content script's manifest
 * declaration import it without pulling in any adapter code.
 *
 * `forms` describe, for people (options page, README), the URL forms the adapter recognises; the adapter's tests
 * cite the vendor documentation or public code each form comes from.
 */

export interface SiteEntry {
  /** The adapter's name: `PageContext.site` and the key in `Settings.disabledSites`. */
  readonly key: string;
  readonly label: string;
  /** Match patterns, `https://<host or *.domain>/*`. */
  readonly matches: readonly string[];
  /** The record / message pages recognised, in words. */
  readonly forms: readonly string[];
}

/**
 * Dynamics 365 / Power Apps environments live on regional hosts (`<org>.crm<N>.dynamics.com`): crm (North America),
 * crm2 (South America), crm3 (Canada), crm4 (EMEA), crm5 (Asia Pacific), crm6 (Australia), crm7 (Japan), crm8
 * (India), crm9 (US government GCC), crm11 (UK), crm12 (France), crm14 (South Africa), crm15 (UAE), crm16
 * (Germany), crm17 (Switzerland), crm19 (Norway), crm20 (Korea), crm21 (Sweden).
 */
const DYNAMICS_REGIONS = ['', 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 14, 15, 16, 17, 19, 20, 21];

/**
 * HubSpot serves each portal from the app host of its data-hosting location ("hublet", the account-info API's
 * `uiDomain`): app.hubspot.com (na1, also reachable as app-na1), app-na2, app-na3 (Canada), app-eu1 (EU) and app-ap1
 * (Australia). Match patterns cannot wildcard `app-*`, so each is listed; sources in hubspot.test.ts.
 */
const HUBSPOT_APP_HOSTS = ['app.hubspot.com', 'app-na1.hubspot.com', 'app-na2.hubspot.com', 'app-na3.hubspot.com', 'app-eu1.hubspot.com', 'app-ap1.hubspot.com'];

export const SITE_CATALOG: readonly SiteEntry[] = [
  {
    key: 'gmail',
    label: 'Gmail',
    matches: ['https://mail.google.com/*'],
    forms: ['an open conversation (`#inbox/<id>`, `#label/…/<id>`, any folder)', 'a message being written (`?compose=`, or a reply box)'],
  },
  {
    key: 'outlook',
    label: 'Outlook on the web',
    matches: ['https://outlook.office.com/*', 'https://outlook.office365.com/*', 'https://outlook.live.com/*'],
    forms: ['a message open in the reading pane (`/mail/<folder>/id/<item>`, `/mail/deeplink/read/<item>`)', 'a message being written (`/mail/deeplink/compose`, or in the reading pane)'],
  },
  {
    key: 'salesforce',
    label: 'Salesforce',
    matches: ['https://*.lightning.force.com/*'],
    forms: ['Lightning record pages (`/lightning/r/<Account|Contact|Opportunity>/<id>/view`)'],
  },
  {
    key: 'hubspot',
    label: 'HubSpot',
    matches: HUBSPOT_APP_HOSTS.map((host) => `https://${host}/*`),
    forms: [
      'any CRM record (`/contacts/<portal>/record/<objectTypeId>/<id>`: 0-1 contact, 0-2 company, 0-3 deal, 0-5 ticket, 0-136 lead, other `0-<n>`, custom objects `2-<n>`), with `/view/<n>`, tabs or a query',
      'older record links (`/contacts/<portal>/contact/<id>`, `/company/<id>`, `/deal/<id>`, `/ticket/<id>`)',
      'a deal, ticket or custom object resolves to the companies in its association cards',
    ],
  },
  {
    key: 'dynamics',
    label: 'Dynamics 365',
    matches: DYNAMICS_REGIONS.map((n) => `https://*.crm${n}.dynamics.com/*`),
    forms: ['account, contact and opportunity forms (`main.aspx?pagetype=entityrecord&etn=<entity>&id=<guid>`)'],
  },
  {
    key: 'pipedrive',
    label: 'Pipedrive',
    matches: ['https://*.pipedrive.com/*'],
    forms: [
      'deals (`/deal/<id>`), leads (`/leads/inbox/<uuid>`), organizations (`/organization/<id>`) and people (`/person/<id>`), with tabs or a query',
      'a deal, lead or person resolves to the organization (and person) it is linked to',
    ],
  },
];

/** Every built-in match pattern, for the manifest. */
export const BUILT_IN_MATCHES: readonly string[] = SITE_CATALOG.flatMap((site) => site.matches);

export function siteEntry(key: string): SiteEntry {
  const entry = SITE_CATALOG.find((site) => site.key === key);
  if (!entry) throw new Error(`no built-in site ${key}`);
  return entry;
}

/**
 * A host check with the browser's own match-pattern semantics for the `https://<host>/*` patterns used here:
 * `*.example.com` matches `example.com` and any sub-domain of it; otherwise the host must be equal.
 */
export function hostMatcher(matches: readonly string[]): (hostname: string) => boolean {
  const exact = new Set<string>();
  const suffixes: string[] = [];
  for (const pattern of matches) {
    const m = /^https:\/\/([^/]+)\/\*$/.exec(pattern);
    if (!m) throw new Error(`unsupported match pattern ${pattern}`);
    const host = m[1]!;
    if (host.startsWith('*.')) suffixes.push(host.slice(2));
    else exact.add(host);
  }
  return (hostname) => {
    const h = hostname.toLowerCase().replace(/\.$/, '');
    return exact.has(h) || suffixes.some((s) => h === s || h.endsWith(`.${s}`));
  };
}

/** Where a site runs, for people: the hosts of its patterns (`*.pipedrive.com`). */
export function hostsOf(entry: SiteEntry): string[] {
  return entry.matches.map((pattern) => pattern.replace(/^https:\/\//, '').replace(/\/\*$/, ''));
}
