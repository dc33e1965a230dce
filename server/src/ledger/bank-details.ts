/**
 * Seed 002's second check, "confirm that there's no change in banks". The full account number is never
 * stored, logged or echoed: only a SHA-256 fingerprint (salted with the Earshot account id, so equal numbers of
 * two customers do not share a fingerprint and no table of hashes fits every customer) and the last 4
 * characters. A recording whose fingerprint differs from the account's latest one raises a BANK_CHANGE signal.
 */
import { createHash } from 'node:crypto';
import { SIGNAL_TYPE_INFO } from '@earshot/shared';
import { z } from 'zod';
import type { Viewer } from '../auth/tokens.js';
import type { Prisma } from '../db/client.js';
import { notFound } from '../graphql/errors.js';
import { audit } from '../services/audit.js';
import { LIMITS, nonEmpty, validate } from '../services/validation.js';

/** Mod-97 check of an IBAN already upper-cased without spaces (ISO 13616). */
export function ibanChecksumOk(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const digits = /[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder === 1;
}

const compact = (v: string) => v.replace(/[\s.\-/]/g, '').toUpperCase();

const ibanSchema = z
  .string()
  .transform(compact)
  .refine((v) => /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(v), 'is not an IBAN (2 letters, 2 check digits, up to 30 letters or digits)')
  .refine((v) => !/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(v) || ibanChecksumOk(v), 'is not a valid IBAN (its check digits do not match)');

const accountNumberSchema = z
  .string()
  .transform(compact)
  .refine((v) => /^[A-Z0-9]{4,34}$/.test(v), 'must be 4–34 letters or digits (spaces, dots, dashes and slashes are ignored)');

export const recordBankDetailsSchema = z
  .object({
    iban: ibanSchema.nullish(),
    accountNumber: accountNumberSchema.nullish(),
    bankName: nonEmpty(LIMITS.name),
  })
  .superRefine((v, ctx) => {
    if (!v.iban === !v.accountNumber) ctx.addIssue({ code: 'custom', path: ['iban'], message: 'give either an IBAN or an account number (exactly one)' });
  });

export function bankFingerprint(accountId: string, kind: 'iban' | 'account', number: string): string {
  return createHash('sha256').update(`earshot:bank-details:v1:${accountId}:${kind}:${number}`).digest('hex');
}

export function bankChangeNote(previousLast4: string, last4: string, bankName: string): string {
  return `Bank details changed: …${previousLast4} → …${last4} at ${bankName}`;
}

export async function recordBankDetails(prisma: Prisma, viewer: Viewer | null, accountId: string, raw: unknown) {
  const input = validate(recordBankDetailsSchema, raw);
  const number = (input.iban ?? input.accountNumber)!;
  const fingerprint = bankFingerprint(accountId, input.iban ? 'iban' : 'account', number);
  const last4 = number.slice(-4);
  const account = await prisma.account.findUnique({ where: { id: accountId }, select: { id: true } });
  if (!account) throw notFound('Account');
  return prisma.$transaction(async (tx) => {
    const previous = await tx.bankDetailRecord.findFirst({ where: { accountId }, orderBy: [{ recordedAt: 'desc' }, { id: 'desc' }] });
    const record = await tx.bankDetailRecord.create({ data: { accountId, fingerprint, last4, bankName: input.bankName } });
    // The first recording is the baseline, not a change; the same fingerprint again is a confirmation.
    const changed = previous !== null && previous.fingerprint !== fingerprint;
    const info = SIGNAL_TYPE_INFO.BANK_CHANGE;
    const signal = changed
      ? await tx.signal.create({
          data: {
            accountId,
            type: info.type,
            severity: 2,
            sentiment: info.sentiment,
            source: viewer?.tokenKind === 'API' ? 'IMPORT' : 'CREDIT',
            authorId: viewer?.userId ?? null,
            observedAt: record.recordedAt,
            note: bankChangeNote(previous.last4, last4, input.bankName),
          },
        })
      : null;
    await audit(tx, viewer, 'bankDetails.record', 'Account', accountId, { last4, bankName: input.bankName, changed, signalId: signal?.id ?? null });
    return { record, changed, signalId: signal?.id ?? null };
  });
}
