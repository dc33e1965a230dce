/**
 * The toolbar badge of a tab: the top match's risk level as one letter on its colour, "?" when signed out,
 * nothing when the page shows no known customer. Per tab, so switching tabs shows each tab's own customer.
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

/** Applies `badge` to `tabId`; a closed tab or a browser without a setter is not an error. */
export async function showBadge(tabId: number, badge: Badge | null): Promise<void> {
  const action = browser.action;
  if (!action) return;
  try {
    await action.setBadgeText({ tabId, text: badge?.text ?? '' });
    if (badge) {
      await action.setBadgeBackgroundColor({ tabId, color: badge.color });
      await action.setBadgeTextColor?.({ tabId, color: badge.textColor });
    }
    await action.setTitle({ tabId, title: badge?.title ?? 'Earshot' });
  } catch {
    // The tab closed meanwhile.
  }
}
