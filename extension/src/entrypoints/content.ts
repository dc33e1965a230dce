/**
 * The custom sites' content script: the generic adapter only. It is in no manifest entry (`registration: 'runtime'`,
 * so it adds no host permission either): the service worker registers it for each origin the user enables on the
 * options page (`scripting.registerContentScripts`, background/sites.ts), with the built-in scripts' settings. The
 * built-in sites each have their own script (`<site>.content.ts`), declared in the manifest.
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { CONTENT_SCRIPT_OPTIONS, runContentScript } from '../content/entry.js';
import { genericAdapter } from '../sites/generic.js';

export default defineContentScript({
  registration: 'runtime',
  ...CONTENT_SCRIPT_OPTIONS,
  main: (ctx) => runContentScript(ctx, genericAdapter),
});
