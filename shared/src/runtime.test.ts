import { describe, expect, it } from 'vitest';

describe('runtime', () => {
  it('runs on the Node 24 pinned in the root package.json (pnpm puts it first on PATH)', () => {
    expect(Number(process.versions.node.split('.')[0])).toBe(24);
  });
});
