/**
 * The README's list of supported sites, generated from the catalog (and each site's page forms, catalog-forms.ts) so
 * that it cannot drift from what the manifest matches: `pnpm --filter @earshot/extension run sites:readme` rewrites
 * the block between the markers (the test below, with UPDATE_README=1), and catalog-readme.test.ts fails when the
 * README's block differs from this.
 */
import { hostsOf, SITE_CATALOG } from './catalog.js';
import { SITE_FORMS } from './catalog-forms.js';

export const README_START = '<!-- sites:start (generated from extension/src/sites/catalog.ts: pnpm --filter @earshot/extension run sites:readme) -->';
export const README_END = '<!-- sites:end -->';

export function sitesMarkdown(): string {
  const rows = SITE_CATALOG.map((site) => {
    const hosts = hostsOf(site).map((h) => `\`${h}\``).join(', ');
    const forms = SITE_FORMS[site.key].map((f) => f.replace(/\|/g, '\\|')).join('; ');
    return `| ${site.label} | ${hosts} | ${forms} |`;
  });
  return ['| site | hosts | pages recognised |', '|---|---|---|', ...rows].join('\n');
}

/** `readme` with its generated block replaced (or null when the markers are missing). */
export function withSitesBlock(readme: string): string | null {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) return null;
  return `${readme.slice(0, start + README_START.length)}\n${sitesMarkdown()}\n${readme.slice(end)}`;
}
