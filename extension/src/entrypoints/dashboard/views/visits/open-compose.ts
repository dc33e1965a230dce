import type { ComposeLink } from '@earshot/shared';

/**
 * Opens the user's compose window: webmail in a new tab, `mailto:` through the system's mail app (a new tab would
 * stay blank). Apart so tests can watch it instead of navigating.
 */
export function openCompose(link: ComposeLink): void {
  if (link.target === 'mailto') window.location.href = link.url;
  else window.open(link.url, '_blank', 'noopener,noreferrer');
}

/** Copies text for pasting into the mail; false when the browser refuses (then the user copies by hand). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
