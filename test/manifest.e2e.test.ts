/**
 * What the built extension asks the browser for, exactly: a new permission or a wider match pattern is a
 * visible change (it also triggers a permission prompt for every installed user), so it must change this list.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ExtensionBrowser } from './harness/browser.js';
import { SITE_FIXTURES } from './harness/customers.js';
import { grantedPermissions } from './harness/extension.js';
import { extensionCopyDir } from './harness/paths.js';
import { closeBrowsersAfterEach, describeE2E } from './harness/suite.js';
import type { FixtureServer } from './harness/tls.js';
import { launchBrowser, startFixtureServer } from './harness/world.js';

/**
 * API permissions: settings, token and queue storage; registering the content script on user-added sites; the toolbar
 * button's "Open Earshot workspace" menu item; the company sign-in window (`identity.launchWebAuthFlow`, issue 13).
 */
const PERMISSIONS = ['contextMenus', 'identity', 'scripting', 'storage'];
/** The Earshot server on this machine (other servers are asked for at sign-in). */
const HOST_PERMISSIONS = ['http://127.0.0.1/*', 'http://localhost/*'];
/** Custom sites and remote servers, one origin at a time, only on a click in the options page. */
const OPTIONAL_HOST_PERMISSIONS = ['http://*/*', 'https://*/*'];
/** The built-in sites, and nothing else. */
const DYNAMICS_REGIONS = ['crm', 'crm2', 'crm3', 'crm4', 'crm5', 'crm6', 'crm7', 'crm8', 'crm9', 'crm11', 'crm12', 'crm14', 'crm15', 'crm16', 'crm17', 'crm19', 'crm20', 'crm21'];
const CONTENT_SCRIPT_MATCHES = [
  'https://mail.google.com/*',
  'https://outlook.office.com/*',
  'https://outlook.office365.com/*',
  'https://outlook.live.com/*',
  'https://outlook.cloud.microsoft/*',
  'https://*.lightning.force.com/*',
  'https://*.salesforce.com/*',
  'https://*.lightning.force.mil/*',
  'https://*.lightning.crmforce.mil/*',
  'https://app.hubspot.com/*',
  'https://app-eu1.hubspot.com/*',
  'https://app-na1.hubspot.com/*',
  'https://app-na2.hubspot.com/*',
  'https://app-na3.hubspot.com/*',
  'https://app-ap1.hubspot.com/*',
  ...DYNAMICS_REGIONS.map((r) => `https://*.${r}.dynamics.com/*`),
  // Dynamics 365 sovereign clouds: US Government GCC High, DoD, China (21Vianet).
  'https://*.crm.microsoftdynamics.us/*',
  'https://*.crm.appsplatform.us/*',
  'https://*.crm.dynamics.cn/*',
  'https://*.pipedrive.com/*',
  // Zoho CRM, one host per data centre (exact hosts: never all of *.zoho.com).
  ...['crm.zoho.com', 'crm.zoho.eu', 'crm.zoho.in', 'crm.zoho.com.au', 'crm.zoho.jp', 'crm.zoho.com.cn', 'crm.zohocloud.ca', 'crm.zoho.sa', 'crm.zoho.uk'].map((h) => `https://${h}/*`),
];

/** The built-in sites, each with its own content script (WXT lists them by entrypoint name). */
const BUILT_IN_SITES = ['dynamics', 'gmail', 'hubspot', 'outlook', 'pipedrive', 'salesforce', 'zoho'];

/** Where panel.html may be framed: every site the content script can run on, built-in or added by the user. */
const WAR_MATCHES = ['https://*/*', 'http://*/*'];

interface Manifest {
  permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  optional_permissions?: string[];
  content_scripts?: { matches: string[]; js?: string[]; all_frames?: boolean }[];
  web_accessible_resources?: unknown;
  externally_connectable?: unknown;
}

const sorted = (xs: readonly string[] | undefined) => [...(xs ?? [])].sort();

/** A match pattern `https://*.example.com/*` as a test on a URL (scheme https only, as all of ours are). */
function matches(pattern: string, url: string): boolean {
  const m = /^https:\/\/(\*\.)?([^/]+)\/\*$/.exec(pattern);
  if (!m) return false;
  const host = new URL(url).hostname;
  return m[1] ? host.endsWith(`.${m[2]}`) : host === m[2];
}

describeE2E('the built manifest', () => {
  let manifest: Manifest;
  let pages: FixtureServer | undefined;
  let browser: ExtensionBrowser | undefined;
  afterAll(async () => {
    await pages?.close();
  });
  closeBrowsersAfterEach(() => [browser]);

  beforeAll(() => {
    manifest = JSON.parse(readFileSync(path.join(extensionCopyDir(), 'manifest.json'), 'utf8'));
    console.log(
      [
        'e2e: manifest permissions',
        `  permissions: ${sorted(manifest.permissions).join(', ')}`,
        `  host_permissions: ${sorted(manifest.host_permissions).join(', ')}`,
        `  optional_host_permissions: ${sorted(manifest.optional_host_permissions).join(', ')}`,
        `  content_scripts matches: ${sorted(manifest.content_scripts?.flatMap((c) => c.matches)).join(', ')}`,
        `  web_accessible_resources: ${JSON.stringify(manifest.web_accessible_resources)}`,
      ].join('\n'),
    );
  });

  it('asks for exactly the expected permissions and host patterns', () => {
    expect(sorted(manifest.permissions)).toEqual(sorted(PERMISSIONS));
    expect(sorted(manifest.host_permissions)).toEqual(sorted(HOST_PERMISSIONS));
    expect(sorted(manifest.optional_host_permissions)).toEqual(sorted(OPTIONAL_HOST_PERMISSIONS));
    expect(manifest.optional_permissions ?? []).toEqual([]);
    // One content script per built-in site (issue 12: each carries only its own adapter); together, these hosts.
    expect(manifest.content_scripts?.map((c) => c.js)).toEqual(BUILT_IN_SITES.map((site) => [`content-scripts/${site}.js`]));
    expect(sorted(manifest.content_scripts?.flatMap((c) => c.matches))).toEqual(sorted(CONTENT_SCRIPT_MATCHES));
    // The panel and the toggle are the only extension pages a web page may load (the content script frames them on
    // any site the user enables, hence every origin); no page may talk to the extension directly, and none may
    // redirect to another extension page (company sign-in runs in the worker's auth window, not through a redirect).
    expect(manifest.web_accessible_resources).toEqual([{ resources: ['panel.html', 'toggle.html'], matches: WAR_MATCHES }]);
    expect(manifest.externally_connectable).toBeUndefined();
  });

  it('every built-in fixture page is covered by its own site’s script and no other, the custom-site pages by none', () => {
    for (const f of SITE_FIXTURES) {
      const scripts = (manifest.content_scripts ?? []).filter((c) => c.matches.some((p) => matches(p, f.url))).flatMap((c) => c.js ?? []);
      expect({ file: f.file, scripts }).toEqual({ file: f.file, scripts: f.site === 'generic' ? [] : [`content-scripts/${f.site}.js`] });
    }
  });

  // What Chromium actually granted at install: the same set, and no optional origin before the user adds one.
  it('Chromium grants exactly that at install', async () => {
    pages = await startFixtureServer();
    browser = await launchBrowser(pages);
    const granted = await grantedPermissions(browser);
    console.log(`e2e: granted at install: ${sorted(granted.permissions).join(', ')} | ${sorted(granted.origins).join(', ')}`);
    expect(sorted(granted.permissions)).toEqual(sorted(PERMISSIONS));
    expect(sorted(granted.origins)).toEqual(sorted([...HOST_PERMISSIONS, ...CONTENT_SCRIPT_MATCHES]));
  });
});
