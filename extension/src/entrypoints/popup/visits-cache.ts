/**
 * The popup's last list of the user's visits for today and tomorrow, so notes can be taken at the customer's
 * even when the server cannot be reached there (the notes then wait in the queue). Kept in `storage.session`:
 * trusted contexts only (the worker locks it down, no content script reads it), gone with the browser session,
 * and only given back to the same user on the same day.
 */
import { browser } from 'wxt/browser';
import type { PopupVisitData } from '@/lib/visit-types';

const KEY = 'popup:todaysVisits';

interface Remembered {
  userId: string;
  day: string;
  savedAt: string;
  visits: PopupVisitData[];
}

function dayKey(now: Date): string {
  return `${now.getFullYear()}-${now.getMonth() + 1}-${now.getDate()}`;
}

export async function rememberVisits(userId: string, visits: PopupVisitData[], now: Date = new Date()): Promise<void> {
  const value: Remembered = { userId, day: dayKey(now), savedAt: now.toISOString(), visits };
  await browser.storage.session.set({ [KEY]: value }).catch(() => undefined);
}

export async function recallVisits(userId: string, now: Date = new Date()): Promise<{ visits: PopupVisitData[]; savedAt: string } | null> {
  try {
    const value = (await browser.storage.session.get(KEY))[KEY] as Remembered | undefined;
    if (!value || value.userId !== userId || value.day !== dayKey(now)) return null;
    return { visits: value.visits, savedAt: value.savedAt };
  } catch {
    return null;
  }
}
