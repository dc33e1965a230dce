import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { withSitesBlock } from './catalog-readme.js';

// Not `new URL(…, import.meta.url)`: Vite rewrites that pattern into an asset URL.
const README = fileURLToPath(`${import.meta.url.replace(/[^/]*$/, '')}../../../README.md`);

it('the README lists every built-in site, host and page form the catalog declares', () => {
  const readme = readFileSync(README, 'utf8');
  const regenerated = withSitesBlock(readme);
  expect(regenerated, 'README.md has the sites:start / sites:end markers').not.toBeNull();
  // `pnpm --filter @earshot/extension run sites:readme` rewrites the block.
  if (process.env.UPDATE_README === '1' && regenerated !== readme) writeFileSync(README, regenerated!);
  else expect(readme).toBe(regenerated);
});
