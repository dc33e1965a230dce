import { describe, expect, it } from 'vitest';
import { listAnd } from './lists';

describe('listAnd', () => {
  it('joins a list the way a sentence does', () => {
    expect(listAnd([])).toBe('');
    expect(listAnd(['a.example'])).toBe('a.example');
    expect(listAnd(['a.example', 'b.example'])).toBe('a.example and b.example');
    expect(listAnd(['a', 'b', 'c'])).toBe('a, b and c');
  });
});
