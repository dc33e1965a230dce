/** Words for the enums the panel shows: contact preferences, signal sources, note visibility. */
import type { ContactChannel, ContactTone, NoteVisibility, Role, SignalSource } from '@earshot/shared';

export const CHANNEL_LABEL: Readonly<Record<ContactChannel, string>> = {
  EMAIL: 'Email',
  PHONE: 'Phone',
  VIDEO: 'Video call',
  IN_PERSON: 'In person',
  CHAT: 'Chat',
};

export const TONE_LABEL: Readonly<Record<ContactTone, string>> = {
  FORMAL: 'formal',
  FRIENDLY: 'friendly',
  BRIEF: 'brief',
  DETAILED: 'detailed',
};

export const SOURCE_LABEL: Readonly<Record<SignalSource, string>> = {
  SALES: 'Sales',
  CREDIT: 'Credit',
  SYSTEM: 'Ledger',
  IMPORT: 'Import',
};

export const VISIBILITY_LABEL: Readonly<Record<NoteVisibility, string>> = {
  ALL: 'Everyone',
  CREDIT_ONLY: 'Credit team only',
};

/** Credit and admin users may create accounts and write credit-only notes (the server enforces it too). */
export function isCreditRole(role: Role | null | undefined): boolean {
  return role === 'CREDIT' || role === 'ADMIN';
}

/** True when the text already ends a sentence ("Acme Inc.", "Really?"): no second full stop after it. */
export function endsSentence(text: string): boolean {
  return /[.!?…]["’”)]?\s*$/.test(text);
}
