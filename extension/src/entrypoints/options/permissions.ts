/**
 * Host permission prompts. `permissions.request` must run while the click that asked for it is still being
 * handled (a user gesture): callers invoke this first in their handler, before awaiting anything else.
 */
import { browser } from 'wxt/browser';
import { originPattern } from '@/lib/server-url';

export async function requestOrigin(origin: string): Promise<boolean> {
  try {
    return await browser.permissions.request({ origins: [originPattern(origin)] });
  } catch {
    return false; // refused outside a gesture, or the pattern is not in optional_host_permissions
  }
}
