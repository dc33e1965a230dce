/**
 * axe-core (WCAG 2.0–2.2 A/AA and best-practice rules) run inside a page or one frame of it, the way the extension's
 * own pages and the panel's iframe are audited (issue 14). `axe.source` is injected with Playwright's evaluate,
 * which goes through the DevTools protocol and so is not stopped by an extension page's CSP. The panel is an
 * extension-origin iframe on the host page: pass its `Frame` (`panelFrame`), so only Earshot's document is judged,
 * never the fixture page around it.
 */
import axe from 'axe-core';
import type { Frame, Page } from 'playwright-core';
import { expect } from 'vitest';
import { PANEL_IFRAME } from './extension.js';

export type Impact = 'minor' | 'moderate' | 'serious' | 'critical';

export interface AxeViolation {
  id: string;
  impact: Impact | null;
  help: string;
  /** A few offending nodes: their selector and axe's summary of what is wrong. */
  nodes: { target: string; summary: string }[];
}

export interface AxeReport {
  label: string;
  violations: AxeViolation[];
  counts: Record<Impact, number>;
}

/** The panel iframe's document as a Playwright `Frame` (what `runAxe` and `frame.evaluate` need). */
export async function panelFrame(page: Page): Promise<Frame> {
  const handle = await page.locator(PANEL_IFRAME).elementHandle({ timeout: 15_000 });
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error('the panel iframe has no frame');
  return frame;
}

/** Runs axe on `target`'s whole document; `label` names the state in the printed counts. */
export async function runAxe(target: Page | Frame, label: string): Promise<AxeReport> {
  const loaded = await target.evaluate(() => typeof (globalThis as { axe?: unknown }).axe === 'object');
  if (!loaded) await target.evaluate(axe.source);
  const raw = await target.evaluate(async () => {
    const a = (globalThis as unknown as { axe: typeof import('axe-core') }).axe;
    const result = await a.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: (v.impact ?? null) as string | null,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target.join(' '), summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 300) })),
    }));
  });
  const violations = raw as AxeViolation[];
  const counts: Record<Impact, number> = { minor: 0, moderate: 0, serious: 0, critical: 0 };
  for (const v of violations) if (v.impact) counts[v.impact] += 1;
  return { label, violations, counts };
}

/** One line per report: `axe <label>: critical 0, serious 0, moderate 1, minor 0 [rule ids]`. */
export function describeAxe(report: AxeReport): string {
  const { counts } = report;
  const ids = report.violations.map((v) => `${v.id}(${v.impact ?? '?'})`).join(' ');
  return `axe ${report.label}: critical ${counts.critical}, serious ${counts.serious}, moderate ${counts.moderate}, minor ${counts.minor}${ids ? ` [${ids}]` : ''}`;
}

/**
 * Runs axe, prints the counts (kept in the test log: the issue's before/after numbers come from there), and fails
 * with every critical or serious violation spelled out.
 */
export async function expectNoSeriousAxe(target: Page | Frame, label: string): Promise<AxeReport> {
  const report = await runAxe(target, label);
  console.log(describeAxe(report));
  const bad = report.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious');
  const detail = bad.map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n.target}: ${n.summary}`).join('\n')}`);
  expect(detail, `${label}: critical or serious axe violations`).toEqual([]);
  return report;
}
