/**
 * The built-in sites as the options page lists them, derived from the one catalog (`sites/catalog.ts`, data only:
 * no adapter or selector comes with it).
 */
import { hostsOf, SITE_CATALOG } from '../../sites/catalog';
import { SITE_FORMS } from '../../sites/catalog-forms';

export interface BuiltInSite {
  /** `PageContext.site` and the key in `Settings.disabledSites`. */
  key: string;
  label: string;
  /** The hosts, as the manifest matches them. */
  where: string;
  /** The page forms recognised, in words. */
  forms: readonly string[];
}

export const BUILT_IN_SITES: readonly BuiltInSite[] = SITE_CATALOG.map((site) => ({
  key: site.key,
  label: site.label,
  where: hostsOf(site).join(', '),
  forms: SITE_FORMS[site.key],
}));
