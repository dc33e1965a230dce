/**
 * Contact cadence (seed 001): a key account should hear from us at least every `contactFrequencyDays`. When the
 * last contact (or, never contacted, the account's creation) is older than that, the account has gone quiet.
 */
import { type DateInput, toDay } from './calendar.js';

export interface CadenceInput {
  keyAccount: boolean;
  contactFrequencyDays: number | null;
  lastContactAt: DateInput | null;
  createdAt: DateInput;
}

/** Days since the last contact when a key account is past its cadence, else null. */
export function daysPastCadence(input: CadenceInput, asOf: DateInput): { quietDays: number; cadenceDays: number } | null {
  if (!input.keyAccount || !input.contactFrequencyDays || input.contactFrequencyDays <= 0) return null;
  const quietDays = toDay(asOf) - toDay(input.lastContactAt ?? input.createdAt);
  return quietDays > input.contactFrequencyDays ? { quietDays, cadenceDays: input.contactFrequencyDays } : null;
}

/** "No contact for 47 days; the cadence is every 30 days" — words only, no ledger figures. */
export function describeQuiet(q: { quietDays: number; cadenceDays: number }): string {
  return `No contact for ${q.quietDays} days; the cadence is every ${q.cadenceDays} day${q.cadenceDays === 1 ? '' : 's'}`;
}
