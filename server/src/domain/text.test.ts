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

  // The fast path: an ASCII letter or digit in front stays a letter or digit after NFKC (a combining mark after it
  // composes with it), so the value is never a formula; anything else still goes through the normalisation.
  it.each(['A\u0301=x', '1\u20e3+x', 'e\u0301', '9-1'])('%j, led by an ASCII letter or digit, is not a formula', (value) => {
    expect(formulaStart(value)).toBeNull();
    expect(formulaStart(value.normalize('NFKC'))).toBeNull();
  });

  it.each([['\uff21=', null], ['\uff1dA', '\uff1d'], ['\u2460+', null]])('%j (not ASCII in front) is still normalised first', (value, start) => {
    expect(formulaStart(value)).toBe(start);
  });
});
