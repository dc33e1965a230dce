/** Shared by the component tests: a clean DOM and a fresh fake browser after each test. */
import { cleanup } from '@testing-library/preact';
import { afterEach, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

afterEach(() => {
  cleanup();
  fakeBrowser.reset();
  vi.useRealTimers();
});
