import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

/**
 * Permissions are the minimum the product needs; `src/lib/manifest.test.ts` snapshots them, so any addition
 * shows up as a reviewed diff.
 * - `storage`: settings and adapter health (`storage.local`), the live session token and per-tab state
 *   (`storage.session`, trusted contexts only). The capture queue and the persisted session use the extension
 *   origin's IndexedDB, which needs no permission.
 * - `scripting`: only to register the generic content script (`entrypoints/content.ts`, in no manifest entry) on
 *   sites the user adds on the options page (`scripting.registerContentScripts`); nothing is ever injected with
 *   `executeScript`.
 * - `contextMenus`: one item, "Open Earshot workspace", on the toolbar button's own menu (`contexts: ['action']`),
 *   never on web pages; it opens the workspace page (`dashboard.html`) in a tab.
 * - `identity`: company sign-in (OpenID Connect) from the options page: `identity.launchWebAuthFlow` opens the
 *   company's sign-in page in a browser window and gives the worker the address it is sent back to (the
 *   extension's own `https://<id>.chromiumapp.org/` / `…extensions.allizom.org/`, from `identity.getRedirectURL()`),
 *   so the authorization code never passes through a web page. It grants no access to Google accounts or to the
 *   browser's signed-in profile (`getAuthToken` / `getProfileUserInfo` are never called) and shows no install prompt.
 * - NOT requested: `tabs` (the popup's active tab id comes from `tabs.query`, which returns ids without it; page
 *   contexts come from the content script), `alarms` (capture retries run on a timer while the worker lives and
 *   on every worker start and message: a capture is never lost, at worst it waits for the next wake-up),
 *   `activeTab`, `cookies`, `webRequest`.
 * - host_permissions: only the embedded API server on this machine (any port). The built-in CRM / webmail sites
 *   are reached by their content scripts' `matches` alone (one script per site, `entrypoints/<site>.content.ts`,
 *   each with its catalog entry's hosts; no tab URLs needed there). The one fetch of a content script (Dynamics
 *   365's): on a record page, a same-origin GET of that CRM's own Web API for the record on screen
 *   (`/api/data/v9.2/<table>(<id>)?$select=<customer lookups>`, the user's own session, `redirect: 'error'`, 3 s
 *   timeout), because the page shows an opportunity's account by name only; it needs no host permission (a content
 *   script's same-origin request is the page's own), sends nothing of Earshot's, and takes from the answer only
 *   GUIDs of account lookups (src/sites/dynamics-api.ts). No other site is fetched from a content script. A company
 *   server or a custom site is an optional host permission, asked for one origin at a time on a user's click
 *   in the options page, and given back when the site is removed.
 * - web_accessible_resources: `panel.html` and `toggle.html` only, the two iframes the content script mounts (the
 *   toggle is a frame so that the risk level it shows never enters the host page's DOM); they must be loadable from
 *   custom sites too, whose origins are not known at build time, hence http(s) everywhere. A page can tell the
 *   extension is installed by probing those URLs; it cannot read either frame (cross-origin) and both show only
 *   the state the worker keeps for their own tab.
 */
export default defineConfig({
  srcDir: 'src',
  manifestVersion: 3,
  vite: () => ({
    plugins: [preact()],
    build: {
      rollupOptions: {
        // @earshot/shared is pure data and functions; without this its tables (built by top-level calls) land in
        // every bundle that imports one constant from it — the worker needs SIGNAL_TYPES, not their labels.
        treeshake: { moduleSideEffects: (id: string) => !/[\\/]shared[\\/]src[\\/]/.test(id) },
      },
    },
  }),
  zip: {
    name: 'earshot',
    // AMO reviewers rebuild from the sources ZIP: the extension imports the workspace's `@earshot/shared`, so the
    // ZIP holds both packages and the workspace files (`pnpm install && pnpm --filter @earshot/extension build:firefox`).
    sourcesRoot: '..',
    includeSources: ['extension/**', 'shared/**', 'package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml', 'tsconfig.json', 'biome.json'],
  },
  manifest: ({ browser }) => ({
    name: 'Earshot',
    description: 'Credit status and field notes for your B2B customers, right in your CRM and webmail.',
    permissions: ['storage', 'scripting', 'contextMenus', 'identity'],
    host_permissions: ['http://127.0.0.1/*', 'http://localhost/*'],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    web_accessible_resources: [
      { resources: ['panel.html', 'toggle.html'], matches: ['https://*/*', 'http://*/*'] },
    ],
    commands: {
      'toggle-panel': { suggested_key: { default: 'Alt+Shift+E' }, description: 'Open or close the Earshot panel' },
      _execute_action: { suggested_key: { default: 'Alt+Shift+K' } },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'earshot@earshot.example',
              // Firefox 140+ asks the user up front. What leaves the browser, only to the company's own Earshot
              // server: e-mail addresses and domains seen on CRM / webmail pages (personally identifying), the
              // URL of those pages (browsing activity), the sign-in (authentication), and the censored DOM shape of
              // pages an adapter could not read (website content).
              data_collection_permissions: {
                required: ['personallyIdentifyingInfo', 'browsingActivity', 'authenticationInfo', 'websiteContent'],
              },
            },
          },
        }
      : {}),
  }),
});
