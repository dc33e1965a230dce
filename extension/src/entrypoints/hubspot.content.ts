/** The content script of the built-in site `hubspot`: on its catalog hosts only, with its adapter only (src/content/entry.ts). */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { CONTENT_SCRIPT_OPTIONS, runContentScript } from '../content/entry.js';
import { siteScriptMatches } from '../content/matches.js';
import { hubspotAdapter } from '../sites/hubspot.js';

export default defineContentScript({
  ...siteScriptMatches('hubspot'),
  ...CONTENT_SCRIPT_OPTIONS,
  main: (ctx) => runContentScript(ctx, hubspotAdapter),
});
