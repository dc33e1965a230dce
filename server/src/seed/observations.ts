/** Field signals and notes as planned rows, with the taxonomy's default severity and sentiment (@earshot/shared). */
import { SIGNAL_TYPE_INFO, type Sentiment, type SignalType } from '@earshot/shared';
import type { AccountBase } from './accounts.js';
import type { CreditTerms } from './credit-file.js';
import type { LedgerPlan } from './ledger.js';
import type { DemoUserKey } from './people.js';
import type { Profile } from './profiles.js';

export type SignalStatus = 'OPEN' | 'ACKNOWLEDGED' | 'RESOLVED';

export interface SignalPlan {
  accountExternalId: string;
  type: SignalType;
  severity: number;
  sentiment: Sentiment;
  source: 'SALES' | 'CREDIT';
  author: DemoUserKey;
  observedAt: Date;
  note: string;
  status: SignalStatus;
}

export interface NotePlan {
  accountExternalId: string;
  author: DemoUserKey;
  body: string;
  visibility: 'ALL' | 'CREDIT_ONLY';
  createdAt: Date;
}

export interface AccountPlan extends AccountBase, CreditTerms {
  profile: Profile;
  ledger: LedgerPlan;
}

export interface SignalOptions {
  /** Defaults to the account manager (SALES); CREDIT signals default to the credit owner. */
  source?: 'SALES' | 'CREDIT';
  author?: DemoUserKey;
  severity?: number;
  status?: SignalStatus;
}

export function signal(account: AccountPlan, type: SignalType, observedAt: Date, note: string, options: SignalOptions = {}): SignalPlan {
  const info = SIGNAL_TYPE_INFO[type];
  const source = options.source ?? 'SALES';
  return {
    accountExternalId: account.externalId,
    type,
    severity: options.severity ?? info.defaultSeverity,
    sentiment: info.sentiment,
    source,
    author: options.author ?? (source === 'CREDIT' ? account.creditOwner : account.accountManager),
    observedAt,
    note,
    status: options.status ?? 'OPEN',
  };
}

export function note(account: AccountPlan, createdAt: Date, body: string, visibility: 'ALL' | 'CREDIT_ONLY' = 'ALL', author?: DemoUserKey): NotePlan {
  return {
    accountExternalId: account.externalId,
    author: author ?? (visibility === 'CREDIT_ONLY' ? account.creditOwner : account.accountManager),
    body,
    visibility,
    createdAt,
  };
}

/** The contact credit and sales talk to about money: the payables contact, else the first. */
export function payablesContact(account: AccountBase): string {
  return account.contacts[0]!.name;
}

/** Someone other than payables (a buyer, the CFO), for what sales hears; the payables contact if alone. */
export function otherContact(account: AccountBase): string {
  return (account.contacts[1] ?? account.contacts[0]!).name;
}
