import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FIXTURE_HOSTS, FIXTURES_DIR, SITE_FIXTURES, type SiteFixture } from './fixtures/index.js';
import { ALL_ADAPTERS, pickAdapter } from './index.js';

const NOW = new Date('2026-11-22T12:00:00Z');
/** Words from the synthetic pages that must never survive censoring. */
const PAGE_WORDS = ['@', 'acme', 'globex', 'initech', 'hooli', 'umbrella', 'ann', 'carl', 'dana', 'jane', 'tom', 'buyer', 'purchasing', 'invoice', 'northwind'];

const load = (file: string) => {
  const html = readFileSync(fileURLToPath(FIXTURES_DIR + file), 'utf8');
  return { html, doc: new DOMParser().parseFromString(html, 'text/html') };
};

/** The page with its same-origin frames' documents in place (DOMParser documents load no frames). */
const loadWithFrames = (fixture: SiteFixture) => {
  const page = load(fixture.file);
  for (const frame of fixture.frames ?? []) {
    const iframe = page.doc.querySelector(frame.selector);
    if (!iframe) throw new Error(`${fixture.file}: no ${frame.selector} for ${frame.file}`);
    Object.defineProperty(iframe, 'contentDocument', { value: load(frame.file).doc });
  }
  return page;
};

describe.each(SITE_FIXTURES.flatMap((f) => (f.frames ?? []).map((frame) => [frame.file, f, frame] as const)))('frame %s', (_file, fixture, frame) => {
  const { html, doc } = load(frame.file);
  it('is a reconstruction at its own URL, same origin as its page, citing the page’s sources', () => {
    const header = /^<!DOCTYPE html>\n<!-- earshot-fixture site="([^"]+)" url="([^"]+)" reconstruction evidence-as-of="(\d{4}-\d{2})" -->/.exec(html);
    expect(header?.slice(1)).toEqual([fixture.site, frame.url, fixture.evidenceAsOf]);
    expect(new URL(frame.url).origin).toBe(new URL(fixture.url).origin);
    for (const source of fixture.sources ?? []) expect(html, source).toContain(source);
    expect(doc.querySelectorAll('script:not([type="application/json"])')).toHaveLength(0);
    const { doc: pageDoc } = load(fixture.file);
    expect(new URL(pageDoc.querySelector(frame.selector)?.getAttribute('src') ?? '', fixture.url).href).toBe(frame.url);
  });
});

describe.each(SITE_FIXTURES.map((f) => [f.file, f] as const))('%s', (_file, fixture) => {
  const { html, doc } = loadWithFrames(fixture);
  const loc = new URL(fixture.url);

  it('records its URL, site and evidence in its first comments', () => {
    if (fixture.synthetic) {
      const header = /^<!DOCTYPE html>\n<!-- earshot-fixture site="([^"]+)" url="([^"]+)" synthetic -->/.exec(html);
      return expect(header?.slice(1)).toEqual([fixture.site, fixture.url]);
    }
    // A reconstruction says so, with the date of its newest evidence, and cites its sources.
    const header = /^<!DOCTYPE html>\n<!-- earshot-fixture site="([^"]+)" url="([^"]+)" reconstruction evidence-as-of="(\d{4}-\d{2})" -->/.exec(html);
    expect(header?.slice(1)).toEqual([fixture.site, fixture.url, fixture.evidenceAsOf]);
    expect(fixture.sources?.length, 'sources').toBeGreaterThan(0);
    for (const source of fixture.sources ?? []) expect(html, source).toContain(source);
  });

  it('is a standalone page with synthetic data only', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(doc.querySelectorAll('script:not([type="application/json"])')).toHaveLength(0);
    const domains = [...html.matchAll(/[\w.+-]+@([\w-]+(?:\.[\w-]+)+)/g)].map((m) => m[1]);
    for (const domain of domains) expect(domain).toMatch(/\.example$/);
  });

  it(`is read by the ${fixture.site} adapter as expected`, () => {
    const adapter = pickAdapter(loc);
    expect(adapter.name).toBe(fixture.site);
    const result = adapter.detect(doc, loc, NOW);
    const expected = fixture.expected.context;
    expect(result.context).toEqual(expected && { site: fixture.site, url: fixture.url, ...expected });
    if (!fixture.expected.health) return expect(result.health).toBeUndefined();
    expect(result.health).toMatchObject({ site: fixture.site, ...fixture.expected.health, seenAt: NOW.toISOString() });
  });

  if (!fixture.works) it('reports health without leaking what the page says', () => {
    const health = pickAdapter(loc).detect(doc, loc, NOW).health!;
    expect(health.structure.length).toBeGreaterThan(40);
    expect(health.structure.length).toBeLessThanOrEqual(20_000);
    // Hashed class names (`#tomzrp` is Gmail's `a98`) are not page words: a hash may contain one by chance.
    const lower = health.structure.toLowerCase().replace(/#[a-z0-9]{6}\b/g, '#');
    for (const word of PAGE_WORDS) expect(lower, word).not.toContain(word);
    expect(() => new URL(health.url)).not.toThrow();
    expect(health.url).not.toMatch(/Customers|Acme/);
  });

  it('is ignored by every other adapter, and no adapter throws on it', () => {
    for (const adapter of ALL_ADAPTERS) {
      const result = adapter.detect(doc, loc, NOW);
      if (adapter.name === fixture.site || adapter.name === 'generic') continue;
      expect(result, adapter.name).toEqual({ context: null });
    }
  });
});

describe('fixture index', () => {
  it('has a working page for every adapter and a broken one for every built-in adapter', () => {
    for (const adapter of ALL_ADAPTERS) {
      const mine = SITE_FIXTURES.filter((f) => f.site === adapter.name);
      expect(mine.some((f) => f.works), adapter.name).toBe(true);
      if (adapter.name !== 'generic') expect(mine.some((f) => !f.works), adapter.name).toBe(true);
    }
  });

  it('lists every host once', () => {
    expect(FIXTURE_HOSTS).toContain('mail.google.com');
    expect(new Set(FIXTURE_HOSTS).size).toBe(FIXTURE_HOSTS.length);
  });
});
