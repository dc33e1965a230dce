/**
 * The last visit lists the panel and popup loaded, so notes can be taken at a customer's even when the server
 * cannot be reached there (the notes then wait in the capture queue). Kept in `storage.session`: trusted
 * contexts only (the worker locks it down, no content script reads it), gone with the browser session, and only
 * given back to the same user on the same day.
 */
import { browser } from 'wxt/browser';

interface Remembered<T> {
  userId: string;
  day: string;
  savedAt: string;
  value: T;
}

function dayKey(now: Date): string {
  return `${now.getFullYear()}-${now.getMonth() + 1}-${now.getDate()}`;
}

const PREFIX = 'visits:';

/** `key`: what was loaded (`visits:popup`, `visits:account:<id>`). */
export async function remember<T>(key: string, userId: string, value: T, now: Date = new Date()): Promise<void> {
  const entry: Remembered<T> = { userId, day: dayKey(now), savedAt: now.toISOString(), value };
  await browser.storage.session.set({ [key]: entry }).catch(() => undefined);
}

export async function recall<T>(key: string, userId: string, now: Date = new Date()): Promise<{ value: T; savedAt: string } | null> {
  try {
    const entry = (await browser.storage.session.get(key))[key] as Remembered<T> | undefined;
    if (!entry || entry.userId !== userId || entry.day !== dayKey(now)) return null;
    return { value: entry.value, savedAt: entry.savedAt };
  } catch {
    return null;
  }
}

/** Sign-out, another user or another server (the worker): every remembered visit list is forgotten. */
export async function forgetVisits(): Promise<void> {
  const all = await browser.storage.session.get(null);
  const keys = Object.keys(all).filter((k) => k.startsWith(PREFIX));
  if (keys.length) await browser.storage.session.remove(keys);
}
