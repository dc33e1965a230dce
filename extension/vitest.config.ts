import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  // WxtVitest gives the fake `browser` and the aliases, not wxt.config's vite plugins: add preact here too.
  // Its root is this package wherever the config is loaded from (the dependency check loads it from the repository root).
  plugins: [WxtVitest({ root: fileURLToPath(new URL('.', import.meta.url)) }), preact()],
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
