import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DB_KINDS } from '../test-support/databases.js';
import { errorCodes, ok, type TestServer } from '../test-support/server.js';
import { ibanChecksumOk } from './bank-details.js';
import { createAccount, type RecomputeCall, startLedgerServer } from './test-helpers.js';

// Synthetic IBANs with valid check digits (ISO 13616 examples and made-up numbers).
const IBAN_A = 'DE89 3704 0044 0532 0130 00';
const IBAN_B = 'GB82 WEST 1234 5698 7654 32';

const RECORD = /* GraphQL */ `
  mutation ($input: RecordBankDetailsInput!) {
    recordBankDetails(input: $input) { changed bankDetails { last4 bankName } signal { type severity source note } }
  }
`;
const REPORT = /* GraphQL */ `
  mutation ($input: RecordCreditReportInput!) { recordCreditReport(input: $input) { creditReport { score rating source reportedAt } } }
`;
const HISTORY = /* GraphQL */ `
  query ($id: ID!) {
    account(id: $id) {
      bankDetails(first: 10) { totalCount edges { node { last4 bankName } } }
      creditReports(first: 10) { edges { node { score rating source } } }
    }
  }
`;

describe('ibanChecksumOk', () => {
  it('accepts valid check digits and refuses a typo', () => {
    expect(ibanChecksumOk(IBAN_A.replace(/ /g, ''))).toBe(true);
    expect(ibanChecksumOk(IBAN_B.replace(/ /g, ''))).toBe(true);
    expect(ibanChecksumOk('DE89370400440532013001')).toBe(false);
  });
});

describe.each(DB_KINDS)('bank details and credit reports on %s', (kind) => {
  let s: TestServer;
  let recomputes: RecomputeCall[];
  let account: { id: string; rowId: string };

  beforeAll(async () => {
    ({ s, recomputes } = await startLedgerServer(kind));
    account = await createAccount(s, { name: 'Vandelay Industries', domains: ['vandelay.example'] });
  });
  beforeEach(() => void recomputes.splice(0));
  afterAll(() => s?.close());

  const record = (input: Record<string, unknown>, as: 'CREDIT' | 'SALES' = 'CREDIT') => s.as(as)(RECORD, { input: { accountId: account.id, ...input } });

  it('raises a BANK_CHANGE signal only when the fingerprint changes, and never stores the full number', async () => {
    const first = ok(await record({ iban: IBAN_A, bankName: 'Commerzbank' })).recordBankDetails;
    expect(first).toEqual({ changed: false, bankDetails: { last4: '3000', bankName: 'Commerzbank' }, signal: null });
    // The same account written differently is the same fingerprint: a confirmation, not a change.
    const same = ok(await record({ iban: 'de89370400440532013000', bankName: 'Commerzbank AG' })).recordBankDetails;
    expect(same).toMatchObject({ changed: false, signal: null });
    const changed = ok(await record({ iban: IBAN_B, bankName: 'Westminster Bank' })).recordBankDetails;
    expect(changed).toEqual({
      changed: true,
      bankDetails: { last4: '5432', bankName: 'Westminster Bank' },
      signal: { type: 'BANK_CHANGE', severity: 2, source: 'CREDIT', note: 'Bank details changed: …3000 → …5432 at Westminster Bank' },
    });
    expect(await s.db.prisma.signal.count({ where: { type: 'BANK_CHANGE' } })).toBe(1);
    expect(recomputes.map((r) => r.accountIds)).toEqual([[account.rowId], [account.rowId], [account.rowId]]);

    const stored = JSON.stringify([
      await s.db.prisma.bankDetailRecord.findMany(),
      await s.db.prisma.signal.findMany(),
      await s.db.prisma.auditEvent.findMany({ where: { action: 'bankDetails.record' } }),
    ]);
    for (const full of [IBAN_A, IBAN_B].map((i) => i.replace(/ /g, ''))) {
      expect(stored).not.toContain(full);
      expect(stored).not.toContain(full.slice(4, 16));
    }
    const fingerprints = (await s.db.prisma.bankDetailRecord.findMany()).map((r) => r.fingerprint);
    expect(fingerprints.every((f) => /^[0-9a-f]{64}$/.test(f))).toBe(true);
  });

  it('marks a change recorded with an API token as an import, and accepts domestic account numbers', async () => {
    const token = await s.apiToken('CREDIT', ['ledger:write', 'ledger:read', 'accounts:read']);
    const r = ok(await s.gql(RECORD, { input: { accountId: account.id, accountNumber: '12-3456-7890', bankName: 'First Synthetic Bank' } }, token));
    expect(r.recordBankDetails.signal).toEqual({ type: 'BANK_CHANGE', severity: 2, source: 'IMPORT', note: 'Bank details changed: …5432 → …7890 at First Synthetic Bank' });
  });

  it('lists bank details latest first, for the credit team only', async () => {
    const history = ok(await s.as('CREDIT')(HISTORY, { id: account.id })).account.bankDetails;
    expect(history.totalCount).toBe(4);
    expect(history.edges.map((e: { node: { last4: string } }) => e.node.last4)).toEqual(['7890', '5432', '3000', '3000']);
    expect(ok(await s.as('SALES')(HISTORY, { id: account.id })).account.bankDetails).toBeNull();
  });

  it('validates bank details and refuses sales users', async () => {
    const badIban = await record({ iban: 'DE89 3704 0044 0532 0130 01', bankName: 'X' });
    expect(badIban.errors?.[0]?.message).toBe('input.iban: is not a valid IBAN (its check digits do not match)');
    expect(badIban.errors?.[0]?.message).not.toContain('0532');
    const both = await record({ iban: IBAN_A, accountNumber: '12345678', bankName: 'X' });
    expect(both.errors?.[0]?.extensions?.field).toBe('input.iban');
    const neither = await record({ bankName: 'X' });
    expect(neither.errors?.[0]?.message).toMatch(/exactly one/);
    expect(errorCodes(await record({ iban: IBAN_A, bankName: 'X' }, 'SALES'))).toEqual(['FORBIDDEN']);
    expect(await s.db.prisma.bankDetailRecord.count()).toBe(4);
  });

  it('records credit reports, validates the score and lists them latest first', async () => {
    const report = (score: number, reportedAt: string) => s.as('CREDIT')(REPORT, { input: { accountId: account.id, score, rating: 'B1', source: 'Synthetic Bureau', reportedAt } });
    expect(ok(await report(72, '2026-06-01T00:00:00Z')).recordCreditReport.creditReport).toEqual({ score: 72, rating: 'B1', source: 'Synthetic Bureau', reportedAt: '2026-06-01T00:00:00.000Z' });
    ok(await report(55, '2026-09-01T00:00:00Z'));
    expect(recomputes.map((r) => r.reason)).toEqual(['creditReport.record', 'creditReport.record']);
    expect((await report(101, '2026-09-01T00:00:00Z')).errors?.[0]?.message).toBe('input.score: must be from 0 to 100');
    expect((await report(50, '2099-01-01T00:00:00Z')).errors?.[0]?.message).toBe('input.reportedAt: must not be in the future');
    const reports = ok(await s.as('ADMIN')(HISTORY, { id: account.id })).account.creditReports.edges.map((e: { node: { score: number } }) => e.node.score);
    expect(reports).toEqual([55, 72]);
    expect(await s.db.prisma.auditEvent.count({ where: { action: 'creditReport.record' } })).toBe(2);
  });
});
