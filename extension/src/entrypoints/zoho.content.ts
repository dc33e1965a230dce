/** The content script of the built-in site `zoho`: on its catalog hosts only, with its adapter only (src/content/entry.ts). */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { CONTENT_SCRIPT_OPTIONS, runContentScript } from '../content/entry.js';
import { siteScriptMatches } from '../content/matches.js';
import { zohoAdapter } from '../sites/zoho.js';

export default defineContentScript({
  ...siteScriptMatches('zoho'),
  ...CONTENT_SCRIPT_OPTIONS,
  main: (ctx) => runContentScript(ctx, zohoAdapter),
});
