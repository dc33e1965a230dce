/**
 * axe-core in a page or frame of the real browser. Provisional (a11y-pages): the a11y-panel branch owns the
 * shared `runAxe`; this keeps its call shape, `runAxe(pageOrFrame, label)`, so the two reconcile by taking theirs.
 * All of axe's rules (WCAG 2.0–2.2 A/AA and best practice). The source is evaluated rather than added as a script tag: extension pages' CSP refuses inline scripts,
 * while Playwright's evaluate runs through the DevTools protocol.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Frame, Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  nodes: { target: string; summary: string }[];
}

export interface AxeReport {
  label: string;
  violations: AxeViolation[];
  /** Violations per impact (each rule counted once, however many nodes it failed on). */
  counts: Record<'critical' | 'serious' | 'moderate' | 'minor', number>;
}

export async function runAxe(target: Page | Frame, label: string): Promise<AxeReport> {
  await target.evaluate(AXE_SOURCE);
  const violations = await target.evaluate(async () => {
    type Raw = { id: string; impact: AxeViolation['impact']; help: string; nodes: { target: string[]; failureSummary?: string }[] };
    const axe = (globalThis as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: Raw[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target.join(' '), summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 300) })),
    }));
  });
  const counts = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  for (const v of violations) if (v.impact) counts[v.impact]++;
  return { label, violations, counts };
}

/** One line per report: `axe <label>: critical 0, serious 0, moderate 1, minor 0 [rule ids]`. */
export function describeAxe(report: AxeReport): string {
  const { counts } = report;
  const ids = report.violations.map((v) => `${v.id}(${v.impact ?? '?'})`).join(' ');
  return `axe ${report.label}: critical ${counts.critical}, serious ${counts.serious}, moderate ${counts.moderate}, minor ${counts.minor}${ids ? ` [${ids}]` : ''}`;
}
