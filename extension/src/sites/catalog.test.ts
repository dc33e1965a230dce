import { describe, expect, it } from 'vitest';
import { hostMatcher, SITE_CATALOG } from './catalog.js';
import { SITE_FORMS } from './catalog-forms.js';
import { BUILT_IN_ADAPTERS, pickAdapter } from './index.js';

describe('the site catalog', () => {
  it('has one entry per built-in adapter, in the same order', () => {
    expect(SITE_CATALOG.map((s) => s.key)).toEqual(BUILT_IN_ADAPTERS.map((a) => a.name));
  });

  it('sends every host the manifest matches to that site’s adapter, and no other', () => {
    for (const site of SITE_CATALOG) {
      for (const pattern of site.matches) {
        const host = pattern.replace(/^https:\/\//, '').replace(/\/\*$/, '').replace(/^\*\./, 'northwind.');
        expect(pickAdapter({ hostname: host }).name, pattern).toBe(site.key);
      }
    }
  });

  it('leaves a vendor’s own sites out of its adapter, as the manifest’s exclude_matches does', () => {
    for (const host of ['help.salesforce.com', 'www.salesforce.com', 'trailhead.salesforce.com']) expect(pickAdapter({ hostname: host }).name, host).toBe('generic');
    for (const host of ['northwind.my.salesforce.com', 'na12.salesforce.com', 'northwind.lightning.force.com']) expect(pickAdapter({ hostname: host }).name, host).toBe('salesforce');
    expect(hostMatcher(['https://*.example.com/*'], ['https://www.example.com/*'])('www.example.com')).toBe(false);
  });

  it('lists each pattern once, in one site only', () => {
    const all = SITE_CATALOG.flatMap((site) => site.matches);
    expect(new Set(all).size).toBe(all.length);
  });

  it('describes the page forms of every site, and of no other', () => {
    expect(Object.keys(SITE_FORMS)).toEqual(SITE_CATALOG.map((s) => s.key));
    for (const site of SITE_CATALOG) expect(SITE_FORMS[site.key].length, site.key).toBeGreaterThan(0);
  });

  it('matches hosts as the browser does', () => {
    const matches = hostMatcher(['https://*.pipedrive.com/*', 'https://app.hubspot.com/*']);
    expect(matches('northwind.pipedrive.com')).toBe(true);
    expect(matches('pipedrive.com')).toBe(true);
    expect(matches('NORTHWIND.PIPEDRIVE.COM.')).toBe(true);
    expect(matches('pipedrive.com.evil.example')).toBe(false);
    expect(matches('evilpipedrive.com')).toBe(false);
    expect(matches('app.hubspot.com')).toBe(true);
    expect(matches('www.app.hubspot.com')).toBe(false);
  });
});
