import { CAPTURABLE_SIGNAL_TYPES } from '@earshot/shared';
import { describe, expect, it } from 'vitest';
import { chipMatches, filterChips } from './chip-filter';

describe('chip filter', () => {
  it('matches label prefixes and word prefixes', () => {
    expect(chipMatches('STAFF_CUTS', 'sta')).toBe(true);
    expect(chipMatches('PREMISES_WELL_KEPT', 'kep')).toBe(true);
    expect(chipMatches('BUSY', 'qu')).toBe(false);
    expect(chipMatches('BUSY', '')).toBe(true);
  });
  it('puts label-prefix matches first', () => {
    expect(filterChips(CAPTURABLE_SIGNAL_TYPES, 's')[0]).toBe('STAFF_CUTS');
    expect(filterChips(CAPTURABLE_SIGNAL_TYPES, 'sales')).toEqual(['SALES_DECLINE']);
    expect(filterChips(CAPTURABLE_SIGNAL_TYPES, 'zzz')).toEqual([]);
  });
});
