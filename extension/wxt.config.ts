import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

/**
 * Permissions are the minimum the product needs (see README "Permissions"):
 * - storage: settings, session token (storage.session / extension IndexedDB), the capture queue
 * - tabs is NOT requested: the popup learns the active tab's context from the service worker, which keeps
 *   the last PageContext per tab id reported by the content script.
 * - host permissions: the built-in sites, plus the API server; other sites only through
 *   optional_host_permissions, granted one by one from the options page.
 */
export default defineConfig({
  srcDir: 'src',
  manifestVersion: 3,
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: 'Earshot',
    description: 'Credit status and field notes for your B2B customers, right in your CRM and webmail.',
    permissions: ['storage', 'scripting'],
    host_permissions: ['http://127.0.0.1/*', 'http://localhost/*'],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    commands: {
      'toggle-panel': { suggested_key: { default: 'Alt+Shift+E' }, description: 'Open or close the Earshot panel' },
      _execute_action: { suggested_key: { default: 'Alt+Shift+K' } },
    },
    ...(browser === 'firefox' ? { browser_specific_settings: { gecko: { id: 'earshot@earshot.example' } } } : {}),
  }),
});
