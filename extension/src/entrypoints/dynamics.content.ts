/** The content script of the built-in site `dynamics`: on its catalog hosts only, with its adapter only (src/content/entry.ts). */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { CONTENT_SCRIPT_OPTIONS, runContentScript } from '../content/entry.js';
import { siteScriptMatches } from '../content/matches.js';
import { dynamicsAdapter } from '../sites/dynamics.js';

export default defineContentScript({
  ...siteScriptMatches('dynamics'),
  ...CONTENT_SCRIPT_OPTIONS,
  main: (ctx) => runContentScript(ctx, dynamicsAdapter),
});
