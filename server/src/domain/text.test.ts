import { describe, expect, it } from 'vitest';
import { formulaProblem, formulaStart } from './text.js';

describe('formulaStart', () => {
  it.each([
    ['=HYPERLINK(1)', '='],
    ['＝cmd', '＝'],
    [' +1', '+'],
    ['\t-2', '-'],
    ['\u200b=HYPERLINK(1)', '='],
    ['\ufeff@SUM(A1)', '@'],
    ['\u200e\u200d ＝x', '＝'],
  ])('%j starts as a formula with %s, whatever invisible characters come first', (value, start) => {
    expect(formulaStart(value)).toBe(start);
    expect(formulaProblem(value)).toContain(`starts with "${start}"`);
  });

  it.each(['Acme = Tools', 'INV-2026=1@a+b', '\u200bAcme', 'Zürich AG'])('%j is not a formula', (value) => {
    expect(formulaStart(value)).toBeNull();
  });
});
