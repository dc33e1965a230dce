/**
 * The toolbar badge of a tab: the top match's risk level as one letter on its colour, "?" when signed out,
 * nothing when the page shows no known customer. Per tab, so switching tabs shows each tab's own customer.
 *
 * Under the per-tab badges lies the global one (no tabId): the number of intel requests the viewer has to
 * answer. A tab without a customer clears its own text (Chrome then falls back to the global text), so every
 * such tab shows the count.
 */
import type { RiskLevel } from '@earshot/shared';
import { browser } from 'wxt/browser';
import type { AccountMatchData, ConnectionState } from '../lib/messages.js';

export interface Badge {
  text: string;
  /** Background colour; text colour chosen for contrast. */
  color: string;
  textColor: string;
  title: string;
}

const RISK_BADGE: Record<RiskLevel, Omit<Badge, 'title'>> = {
  LOW: { text: 'L', color: '#1e8e3e', textColor: '#ffffff' },
  MODERATE: { text: 'M', color: '#f9ab00', textColor: '#202124' },
  HIGH: { text: 'H', color: '#e8590c', textColor: '#ffffff' },
  CRITICAL: { text: 'C', color: '#8b0000', textColor: '#ffffff' },
};

const RISK_TITLE: Record<RiskLevel, string> = {
  LOW: 'low risk',
  MODERATE: 'moderate risk',
  HIGH: 'high risk',
  CRITICAL: 'critical risk',
};

const SIGNED_OUT: Badge = { text: '?', color: '#80868b', textColor: '#ffffff', title: 'Earshot: sign in to see credit status' };

/** null: no badge (no customer recognised on this page, or nothing reported). */
export function badgeFor(connection: ConnectionState, hasContext: boolean, matches: AccountMatchData[]): Badge | null {
  if (!hasContext) return null;
  if (connection === 'signed-out') return SIGNED_OUT;
  const top = matches[0];
  const level = top?.account.creditStatus?.riskLevel;
  if (!top || !level) return null;
  return { ...RISK_BADGE[level], title: `Earshot: ${top.account.name} — ${RISK_TITLE[level]}` };
}

const DEFAULT_TITLE = 'Earshot';
/**
 * The global badge, kept so a tab that clears its own gets the global title and colours too (Chrome clears a
 * tab's text when given none, but has no "clear" for a tab's title or colour).
 */
let globalBadge: Badge | null = null;

/** The global badge for `count` open intel requests; null when there are none. */
export function intelBadgeFor(count: number): Badge | null {
  if (count <= 0) return null;
  return {
    text: count > 99 ? '99+' : String(count),
    color: '#2457c5',
    textColor: '#ffffff',
    title: `Earshot: ${count} intel ${count === 1 ? 'request' : 'requests'} to answer`,
  };
}

/** Applies `badge` to `tabId`; a closed tab or a browser without a setter is not an error. */
export async function showBadge(tabId: number, badge: Badge | null): Promise<void> {
  const action = browser.action;
  if (!action) return;
  try {
    if (badge) {
      await action.setBadgeText({ tabId, text: badge.text });
      await action.setBadgeBackgroundColor({ tabId, color: badge.color });
      await action.setBadgeTextColor?.({ tabId, color: badge.textColor });
    } else {
      // No text of its own: the tab shows the global badge (the intel request count).
      await action.setBadgeText({ tabId });
      if (globalBadge) {
        await action.setBadgeBackgroundColor({ tabId, color: globalBadge.color });
        await action.setBadgeTextColor?.({ tabId, color: globalBadge.textColor });
      }
    }
    await action.setTitle({ tabId, title: (badge ?? globalBadge)?.title ?? DEFAULT_TITLE });
  } catch {
    // The tab closed meanwhile.
  }
}

/** The badge every tab shows unless it has one of its own. */
export async function showGlobalBadge(badge: Badge | null): Promise<void> {
  globalBadge = badge;
  const action = browser.action;
  if (!action) return;
  try {
    await action.setBadgeText({ text: badge?.text ?? '' });
    if (badge) {
      await action.setBadgeBackgroundColor({ color: badge.color });
      await action.setBadgeTextColor?.({ color: badge.textColor });
    }
    await action.setTitle({ title: badge?.title ?? DEFAULT_TITLE });
  } catch {
    // A browser without these setters: no badge.
  }
}
