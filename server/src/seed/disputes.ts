/**
 * The storyline's dispute and delivery problem as Dispute rows (seed 001), on the invoices their signals and
 * notes name, with the internal owners those notes name; and the customer card's extras: preferred channel and
 * tone from the main contact, and one key account that has gone quiet longer than its contact cadence.
 */
import type { DisputeKind } from '@earshot/shared';
import type { ContactChannel, ContactTone } from './accounts.js';
import { at, workday } from './credit-file.js';
import type { AccountPlan } from './observations.js';
import type { DemoUserKey } from './people.js';
import type { StoryRoles } from './roles.js';
import { overdueInvoices } from './storyline.js';

export interface DisputePlan {
  accountExternalId: string;
  kind: DisputeKind;
  reason: string;
  ownerTeam: string;
  owner: DemoUserKey;
  openedBy: DemoUserKey;
  /** Keys of the invoices concerned (InvoicePlan.key). */
  invoiceKeys: string[];
  openedAt: Date;
  expectedBy: Date | null;
}

export function disputePlans(accounts: ReadonlyMap<string, AccountPlan>, roles: StoryRoles, today: number): DisputePlan[] {
  const out: DisputePlan[] = [];
  const dispute = accounts.get(roles.dispute)!;
  // The same invoice storyline.ts names in the signal and note.
  const held = overdueInvoices(dispute, today, 60, 120)[0] ?? overdueInvoices(dispute, today, 1, 365)[0];
  if (held)
    out.push({
      accountExternalId: dispute.externalId,
      kind: 'DISPUTE',
      reason: '40 cartons arrived crushed; waiting for a replacement or a credit',
      ownerTeam: 'customer service',
      owner: 'service',
      openedBy: dispute.accountManager,
      invoiceKeys: [held.key],
      openedAt: at(workday(today - 52), 10, 30),
      expectedBy: null,
    });
  const delivery = accounts.get(roles.deliveryProblem)!;
  const late = overdueInvoices(delivery, today, 1, 120)[0];
  if (late)
    out.push({
      accountExternalId: delivery.externalId,
      kind: 'DELIVERY_PROBLEM',
      reason: 'Deliveries to their new site keep missing the Friday morning slot',
      ownerTeam: 'logistics',
      owner: 'logistics',
      openedBy: delivery.accountManager,
      invoiceKeys: [late.key],
      openedAt: at(workday(today - 16), 11, 15),
      expectedBy: at(today + 14, 12, 0),
    });
  return out;
}

export interface CardExtras {
  keyAccount: boolean;
  contactFrequencyDays: number;
  preferredChannel: ContactChannel | null;
  preferredTone: ContactTone | null;
}

/** The first stale-contact account is a key account on a 30-day cadence: it has gone quiet (CONTACT_CADENCE). */
export function cardExtras(a: AccountPlan, roles: StoryRoles): CardExtras {
  const quietKey = a.externalId === roles.staleContact[0];
  const main = a.contacts[0];
  return {
    keyAccount: quietKey || a.externalId === roles.merger,
    contactFrequencyDays: quietKey ? 30 : a.contactFrequencyDays,
    preferredChannel: main?.preferredChannel ?? null,
    preferredTone: main?.preferredTone ?? null,
  };
}
