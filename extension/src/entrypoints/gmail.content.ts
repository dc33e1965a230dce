/** The content script of the built-in site `gmail`: on its catalog hosts only, with its adapter only (src/content/entry.ts). */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { CONTENT_SCRIPT_OPTIONS, runContentScript } from '../content/entry.js';
import { siteScriptMatches } from '../content/matches.js';
import { gmailAdapter } from '../sites/gmail.js';

export default defineContentScript({
  ...siteScriptMatches('gmail'),
  ...CONTENT_SCRIPT_OPTIONS,
  main: (ctx) => runContentScript(ctx, gmailAdapter),
});
