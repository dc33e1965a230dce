import { describe, expect, it } from 'vitest';
import { statementNamer } from './statement-names.js';

describe('statementNamer (named PostgreSQL statements)', () => {
  it('names a statement from its second use on, the same name every time', () => {
    const name = statementNamer();
    expect(name({ sql: 'SELECT 1' })).toBeUndefined();
    const first = name({ sql: 'SELECT 1' });
    expect(first).toMatch(/^es_[\w-]{24}$/);
    expect(name({ sql: 'SELECT 1' })).toBe(first);
    // A text built afresh (as each request's is) finds its name; one of the same length gets its own.
    expect(name({ sql: ['SELECT', '1'].join(' ') })).toBe(first);
    name({ sql: 'SELECT 2' });
    expect(name({ sql: 'SELECT 2' })).not.toBe(first);
  });

  it('names at most maxNamed distinct statements; the rest stay unnamed', () => {
    const name = statementNamer({ maxNamed: 2 });
    for (const sql of ['a', 'b', 'c']) {
      name({ sql });
      name({ sql });
    }
    expect(name.named).toBe(2);
    expect(name({ sql: 'c' })).toBeUndefined();
    expect(name({ sql: 'a' })).toBeDefined();
  });
});
