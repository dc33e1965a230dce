/**
 * The visit briefing folder printed to PDF in real Chromium, on A4 and on Letter, without a server: the
 * extension's BriefingDocument rendered from a demo-like fixture (30 open invoices, a year of payments…) into a
 * static page with the extension's own stylesheets, then page.pdf(). The PDF is read back (harness/pdf.ts): its
 * pages, every section heading in the text, no blank page, and the SALES copy without the figure sections.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CHROMIUM_PATH } from './harness/browser.js';
import { EXTENSION_DIR, extensionCopyDir } from './harness/paths.js';
import { readPdf } from './harness/pdf.js';
import { escapeHtml, staticMarkup } from './harness/static-markup.js';
import { describeE2E } from './harness/suite.js';

type Briefing = { audience: string; account: { name: string } };
// Loaded by path (vite transforms the TSX with the extension's tsconfig), so this package's typecheck does not
// compile the extension's sources with its own settings.
const source = (rel: string) => path.join(EXTENSION_DIR, 'src', rel);
const load = async <T>(rel: string) => (await import(/* @vite-ignore */ source(rel))) as T;

const STYLESHEETS = ['ui/styles/tokens.css', 'ui/styles/base.css', 'ui/styles/briefing.css'];
const FIGURE_COLUMNS = ['Aging bucket', 'Outstanding', 'Invoiced', 'Score (0–100', 'Account ending'];

async function page(briefing: Briefing): Promise<string> {
  const { BriefingDocument } = await load<{ BriefingDocument: (p: { briefing: Briefing }) => unknown }>('ui/visits/BriefingDocument.tsx');
  const css = STYLESHEETS.map((f) => readFileSync(source(f), 'utf8')).join('\n');
  // The workspace's chrome around the folder, which print must leave out.
  const chrome = '<nav class="workspace__bar"><a href="#/">Back to the visit</a></nav><button type="button">Print</button>';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(briefing.account.name)}</title><style>${css}</style></head><body>${chrome}${staticMarkup(BriefingDocument({ briefing }))}</body></html>`;
}

/** All the text of a PDF on one line, whitespace collapsed (the printer breaks lines anywhere), ligatures ("ﬁ") undone. */
const flat = (s: string) => s.normalize('NFKC').replace(/\s+/g, ' ');

describeE2E('the briefing folder printed to PDF', () => {
  let browser: Browser;
  let fixture: { creditBriefing: () => Briefing; salesBriefing: () => Briefing; BRIEFING_SECTION_TITLES: readonly string[]; FIGURE_SECTION_TITLES: readonly string[] };
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--disable-gpu'] });
    fixture = await load('ui/testing/briefing-fixture.ts');
  });
  afterAll(() => browser?.close());

  async function print(briefing: Briefing, format: 'A4' | 'Letter') {
    const p = await browser.newPage();
    try {
      await p.setContent(await page(briefing), { waitUntil: 'load' });
      await p.emulateMedia({ media: 'print' });
      return readPdf(await p.pdf({ format, preferCSSPageSize: false }));
    } finally {
      await p.close();
    }
  }

  it.each(['A4', 'Letter'] as const)('the CREDIT copy on %s: every section, no blank page, no interactive chrome', async (format) => {
    const pages = await print(fixture.creditBriefing(), format);
    const text = flat(pages.map((p) => p.text).join('\n'));
    for (const head of FIGURE_COLUMNS) expect(text).toContain(head);
    console.log(`e2e: the demo briefing (CREDIT copy) prints on ${pages.length} ${format} pages`);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages.length).toBeLessThanOrEqual(8);
    for (const [i, p] of pages.entries()) expect(flat(p.text).trim().length, `page ${i + 1} of ${pages.length} is blank`).toBeGreaterThan(40);
    expect(text).toContain('Harbour Tiles B.V.');
    for (const heading of fixture.BRIEFING_SECTION_TITLES) expect(text).toContain(heading);
    expect(text).toContain('INV-2026-3029'); // the last of the 30 invoices: the table did not lose rows across pages
    // Every page with invoice rows has the table's header row (on A4 the table runs over a page break).
    const invoicePages = pages.filter((p) => /INV-2026-\d+/.test(p.text));
    if (format === 'A4') expect(invoicePages.length).toBeGreaterThanOrEqual(2);
    for (const p of invoicePages) expect(flat(p.text)).toContain('Days past due');
    expect(text).not.toContain('Back to the visit');
    expect(text).not.toContain('Print');
    // No page ends with a section's heading alone (its content starting on the next page).
    for (const [i, p] of pages.entries()) {
      const tail = flat(p.text).trim();
      for (const heading of fixture.BRIEFING_SECTION_TITLES) expect(tail.endsWith(heading), `page ${i + 1} ends with the heading "${heading}"`).toBe(false);
    }
  });

  it('the SALES copy on A4: says what it left out, and no figure section is printed', async () => {
    const pages = await print(fixture.salesBriefing(), 'A4');
    const text = flat(pages.map((p) => p.text).join('\n'));
    console.log(`e2e: the demo briefing (SALES copy) prints on ${pages.length} A4 pages`);
    expect(text).toContain('Left out of this copy');
    for (const heading of fixture.BRIEFING_SECTION_TITLES.filter((h) => !fixture.FIGURE_SECTION_TITLES.includes(h))) expect(text).toContain(heading);
    // None of the figure sections: their tables' column heads (their titles are words the header and the
    // status use too: "Left out of this copy: … Open invoices", "Payment trend: Paying later").
    for (const head of FIGURE_COLUMNS) expect(text).not.toContain(head);
    expect(text).not.toContain('Ledger position and aging');
    for (const figure of ['57,123', 'INV-2026', '9876', 'Bureau Example']) expect(text).not.toContain(figure);
  });

  it('the BUILT workspace page (dashboard.html and its stylesheets) prints the folder without the workspace chrome', async () => {
    // The stylesheets the built dashboard.html links, in its order, around the workspace frame as Dashboard.tsx
    // renders it on #/visit/<id>/briefing (bar, nav, search box, user, the page's tools).
    const dir = extensionCopyDir();
    const html = readFileSync(path.join(dir, 'dashboard.html'), 'utf8');
    const links = [...html.matchAll(/<link rel="stylesheet"[^>]*href="\/([^"]+)"/g)].map((m) => m[1] as string);
    expect(links.length).toBeGreaterThan(0);
    const css = links.map((f) => readFileSync(path.join(dir, f), 'utf8')).join('\n');
    const { BriefingDocument } = await load<{ BriefingDocument: (p: { briefing: Briefing }) => unknown }>('ui/visits/BriefingDocument.tsx');
    const briefing = fixture.creditBriefing();
    const frame = `<div class="workspace"><header class="workspace__bar"><p class="workspace__brand">Earshot workspace</p>
      <nav class="workspace__nav" aria-label="Workspace"><ul><li><a href="#/portfolio">Portfolio</a></li><li><a href="#/visits" aria-current="page">Visits</a></li></ul></nav>
      <form class="workspace__search" aria-label="Search accounts"><input class="field__input" type="search" placeholder="Search accounts…" value="Chrome search"></form>
      <p class="workspace__user muted">Casey Credit · credit</p></header>
      <p class="banner banner--stale" role="status">Can't reach the Earshot server.</p>
      <main class="workspace__main" data-view="visit-briefing"><section class="view briefing-page"><div class="briefing-page__tools no-print"><a href="#/visit/x">Back to the visit</a><button type="button" class="button button--primary">Print</button></div>
      ${staticMarkup(BriefingDocument({ briefing }))}</section></main></div>`;
    const p = await browser.newPage();
    try {
      await p.setContent(`<!doctype html><html lang="en"><head><meta charset="utf-8"><style>${css}</style></head><body class="workspace-page">${frame}</body></html>`, { waitUntil: 'load' });
      await p.emulateMedia({ media: 'print' });
      const pages = await readPdf(await p.pdf({ format: 'A4', preferCSSPageSize: false }));
      const text = flat(pages.map((pg) => pg.text).join('\n'));
      const first = flat(pages[0]?.text ?? '');
      expect(first).toContain('Harbour Tiles B.V.');
      for (const chrome of ['Earshot workspace', 'Portfolio', 'Casey Credit', 'Back to the visit', 'Print', "Can't reach"]) expect(text).not.toContain(chrome);
      for (const [i, pg] of pages.entries()) expect(flat(pg.text).trim().length, `page ${i + 1} of ${pages.length} is blank`).toBeGreaterThan(40);
    } finally {
      await p.close();
    }
  });
});
