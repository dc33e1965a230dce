import { describe, expect, it } from 'vitest';
import { formatShare, utilisationText } from './figures';

describe('the share of the limit in use, as people read it', () => {
  it.each([
    [0, '0% of the limit in use'],
    [0.92, '92% of the limit in use'],
    [1, '100% of the limit in use'],
    [1.15, '115% of the limit in use (over the limit)'],
    [1.99, '199% of the limit in use (over the limit)'],
    [2, '2 times the limit (over the limit)'],
    [2.54, '2.5 times the limit (over the limit)'],
    [9.96, '10 times the limit (over the limit)'],
    [869.77, '870 times the limit (over the limit)'],
    [70928.13, '70,928 times the limit (over the limit)'],
  ])('%s of the limit → “%s”', (share, text) => {
    expect(utilisationText(share)).toBe(text);
  });

  it('writes large shares with thousands separators', () => {
    expect(formatShare(0.923)).toBe('92%');
    expect(formatShare(12.5)).toBe('1,250%');
    expect(formatShare(70928.13)).toBe('7,092,813%');
  });
});
