/** The customer card form's values (strings, as inputs hold them) and what changed, as `UpdateCustomerCardInput`. */
import type { ContactChannel, ContactTone } from '@earshot/shared';
import type { AccountCardData } from '@/lib/types';

export interface CardValues {
  description: string;
  /** Always three slots; empty ones are dropped when saved. */
  whyTheyBuy: string[];
  ourValue: string;
  alternatives: string;
  preferredChannel: ContactChannel | '';
  preferredTone: ContactTone | '';
  contactFrequencyDays: string;
  keyAccount: boolean;
}

export function cardValuesOf(account: AccountCardData): CardValues {
  const reasons = account.whyTheyBuy.slice(0, 3);
  return {
    description: account.description ?? '',
    whyTheyBuy: [...reasons, '', '', ''].slice(0, 3),
    ourValue: account.ourValue ?? '',
    alternatives: account.alternatives ?? '',
    preferredChannel: account.preferredChannel ?? '',
    preferredTone: account.preferredTone ?? '',
    contactFrequencyDays: account.contactFrequencyDays == null ? '' : String(account.contactFrequencyDays),
    keyAccount: account.keyAccount,
  };
}

export type CardChanges = { ok: true; input: Record<string, unknown> } | { ok: false; problem: string };

/** Only what the user changed; a cleared text or choice is sent as null (the field is emptied). */
export function cardChanges(before: CardValues, after: CardValues): CardChanges {
  const input: Record<string, unknown> = {};
  const text = (key: 'description' | 'ourValue' | 'alternatives') => {
    if (after[key].trim() !== before[key].trim()) input[key] = after[key].trim() || null;
  };
  text('description');
  text('ourValue');
  text('alternatives');
  const reasons = after.whyTheyBuy.map((r) => r.trim()).filter(Boolean);
  if (reasons.join('\n') !== before.whyTheyBuy.map((r) => r.trim()).filter(Boolean).join('\n')) input.whyTheyBuy = reasons;
  if (after.preferredChannel !== before.preferredChannel) input.preferredChannel = after.preferredChannel || null;
  if (after.preferredTone !== before.preferredTone) input.preferredTone = after.preferredTone || null;
  if (after.contactFrequencyDays.trim() !== before.contactFrequencyDays.trim()) {
    const days = after.contactFrequencyDays.trim();
    if (days && !/^\d+$/.test(days)) return { ok: false, problem: 'The contact cadence is a whole number of days.' };
    const n = days ? Number(days) : null;
    if (n !== null && (n < 1 || n > 3650)) return { ok: false, problem: 'The contact cadence is between 1 and 3650 days.' };
    input.contactFrequencyDays = n;
  }
  if (after.keyAccount !== before.keyAccount) input.keyAccount = after.keyAccount;
  return { ok: true, input };
}
