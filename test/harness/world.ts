/**
 * The pieces most browser tests need together: a server with an admin (who seeds the data through the API)
 * and a credit analyst (who signs in to the extension), and the fixture pages served at their real hostnames.
 */
import { EarshotApi } from './api.js';
import { ExtensionBrowser } from './browser.js';
import { addCustomSite, allowSiteInBrowserSettings, signIn } from './extension.js';
import { type Customer, customersFor, FIXTURE_HOSTS, fixtureHtml, frameHtml, framesOf, seedCustomers, type SiteFixture } from './customers.js';
import { freshTmpDir } from './paths.js';
import { EarshotServer, type UserSpec } from './server.js';
import { FixtureServer, makeCertificate } from './tls.js';

export const ADMIN: UserSpec = {
  email: 'ada.admin@northwind-supplies.example',
  role: 'ADMIN',
  name: 'Ada Admin',
  password: 'e2e-admin-password-1',
};

export const ANALYST: UserSpec = {
  email: 'cora.credit@northwind-supplies.example',
  role: 'CREDIT',
  name: 'Cora Credit',
  password: 'e2e-credit-password-1',
};

export interface SeededServer {
  server: EarshotServer;
  api: EarshotApi;
  customers: Customer[];
}

/** Users first (PGlite is single-process), then `serve`, then the customers behind `fixtures` through the API. */
export async function startSeededServer(fixtures: readonly SiteFixture[]): Promise<SeededServer> {
  const server = await EarshotServer.withUsers([ADMIN, ANALYST]);
  try {
    await server.start();
    const api = new EarshotApi(server.url);
    await api.signIn(ADMIN.email, ADMIN.password);
    const customers = customersFor(fixtures);
    await seedCustomers(api, customers);
    return { server, api, customers };
  } catch (err) {
    await server.stop();
    throw err;
  }
}

/** One HTTPS server for every fixture hostname (plus `extraHosts`); pages are put up with `showFixture`. */
export async function startFixtureServer(extraHosts: readonly string[] = []): Promise<FixtureServer> {
  return FixtureServer.start(makeCertificate([...FIXTURE_HOSTS, ...extraHosts]));
}

/**
 * Serves the fixture's file at its URL (at `url` instead, for a custom site), and its frames' files at theirs. Several Gmail pages differ only
 * in the fragment, which never reaches a server, so a test puts up the page it is about to open.
 */
export function showFixture(fixtures: FixtureServer, f: SiteFixture, url = f.url): string {
  fixtures.serve(url, fixtureHtml(f));
  // Its same-origin frames (a webmail's preview pane), each at its own URL.
  for (const frame of framesOf(f)) fixtures.serve(frame.url, frameHtml(frame));
  return url;
}

export function launchBrowser(
  fixtures: FixtureServer,
  opts: { userDataDir?: string; extraHosts?: readonly string[] } = {},
): Promise<ExtensionBrowser> {
  return ExtensionBrowser.launch({
    userDataDir: opts.userDataDir ?? freshTmpDir('profile'),
    hosts: [...FIXTURE_HOSTS, ...(opts.extraHosts ?? [])],
    fixturePort: fixtures.port,
  });
}

/**
 * A browser signed in as the analyst, with a site that is not built in (`origin`) added on the options page the way a
 * person does it: the bare host typed, access allowed; returns once the options page lists it.
 */
export async function launchWithSite(fixtures: FixtureServer, serverUrl: string, origin: string): Promise<ExtensionBrowser> {
  const b = await launchBrowser(fixtures);
  await signIn(b, { serverUrl, email: ANALYST.email, password: ANALYST.password });
  await allowSiteInBrowserSettings(b, origin);
  await addCustomSite(b, new URL(origin).host, origin);
  return b;
}
