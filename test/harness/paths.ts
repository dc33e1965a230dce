/** Where things are, relative to this file: the suite runs from any working directory. */
import { mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const TEST_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = path.resolve(TEST_DIR, '..');
export const EXTENSION_DIR = path.join(REPO_ROOT, 'extension');
/** What `wxt build` writes. */
export const EXTENSION_BUILD_DIR = path.join(EXTENSION_DIR, '.output', 'chrome-mv3');
/** What a failed run leaves for a human: screenshots (gitignored). */
export const TMP_DIR = path.join(TEST_DIR, '.tmp');
export const SCREENSHOT_DIR = path.join(TMP_DIR, 'screenshots');
/**
 * One run's scratch: the extension copy, certificates, database directories, browser profiles. Outside the
 * repository (the linter would walk a copied bundle and profiles); made by the global setup, which passes it to
 * the test workers in E2E_RUN_DIR and removes it at the end unless E2E_KEEP=1.
 */
export function runDir(): string {
  const dir = process.env.E2E_RUN_DIR;
  if (!dir) throw new Error('E2E_RUN_DIR is not set: run the suite through vitest (globalSetup makes it)');
  return dir;
}
export function makeRunDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'earshot-e2e-'));
}
/** The copy of the built extension the browsers load (see global-setup.ts for why a copy). */
export const extensionCopyDir = () => path.join(runDir(), 'extension-chrome-mv3');

/** A fresh directory for one run's scratch (certificates, data directories, browser profiles). */
export function freshTmpDir(prefix: string): string {
  mkdirSync(runDir(), { recursive: true });
  return mkdtempSync(path.join(runDir(), `${prefix}-`));
}
