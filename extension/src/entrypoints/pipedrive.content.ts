/** The content script of the built-in site `pipedrive`: on its catalog hosts only, with its adapter only (src/content/entry.ts). */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { CONTENT_SCRIPT_OPTIONS, runContentScript } from '../content/entry.js';
import { siteScriptMatches } from '../content/matches.js';
import { pipedriveAdapter } from '../sites/pipedrive.js';

export default defineContentScript({
  ...siteScriptMatches('pipedrive'),
  ...CONTENT_SCRIPT_OPTIONS,
  main: (ctx) => runContentScript(ctx, pipedriveAdapter),
});
