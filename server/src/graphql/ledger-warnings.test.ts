import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, startLedgerServer } from '../ledger/test-helpers.js';
import { DB_KINDS } from '../test-support/databases.js';
import { errorCodes, ok, type TestServer } from '../test-support/server.js';

const IMPORT = /* GraphQL */ `
  mutation ($input: ImportLedgerInput!) {
    importLedger(input: $input) {
      invoicesCreated paymentsCreated dryRun errorCount warningCount
      errors { kind index field message }
      warnings { kind rowKind index externalId message amount currency }
    }
  }
`;
const WARNINGS = /* GraphQL */ `
  query ($accountId: ID, $all: Boolean) {
    ledgerWarnings(first: 10, accountId: $accountId, includeAcknowledged: $all) {
      totalCount
      edges { node { id kind rowKind externalId message amount currency acknowledgedAt acknowledgedBy { email } account { name } import { via source } } }
    }
  }
`;
const ON_ACCOUNT = /* GraphQL */ `
  query ($id: ID!) { account(id: $id) { ledgerWarnings(first: 10) { totalCount edges { node { kind externalId } } } } }
`;
const ACK = /* GraphQL */ `
  mutation ($id: ID!) { acknowledgeLedgerWarning(id: $id) { ledgerWarning { id acknowledgedAt acknowledgedBy { email } } } }
`;

type Row = Record<string, unknown>;
const inv = (externalId: string, over: Row = {}): Row => ({
  externalId,
  account: { externalId: 'WARN-API-1' },
  number: externalId,
  currency: 'EUR',
  amount: '11000.00',
  issuedAt: '2026-01-05',
  dueAt: '2026-02-04',
  ...over,
});

describe.each(DB_KINDS)('ledger warnings through the API on %s', (kind) => {
  let s: TestServer;
  let acme: { id: string; rowId: string };
  let other: { id: string; rowId: string };
  const batch = {
    invoices: [inv('WA-INV-1'), inv('WA-USD-1', { currency: 'USD', amount: '70.00' }), inv('WA-CN-1', { amount: '-20.00', dueAt: null, appliesTo: 'WA-INV-404' })],
    payments: [{ externalId: 'WA-PAY-1', invoiceExternalId: 'WA-INV-1', amount: '50000.00', receivedAt: '2026-02-01' }],
  };

  beforeAll(async () => {
    ({ s } = await startLedgerServer(kind));
    acme = await createAccount(s, { name: 'Warned Ltd', externalId: 'WARN-API-1' });
    other = await createAccount(s, { name: 'Quiet Ltd', externalId: 'WARN-API-2' });
  });
  afterAll(() => s?.close());

  it('importLedger returns the warnings and their count; a dry run stores none', async () => {
    const dry = ok(await s.as('CREDIT')(IMPORT, { input: { ...batch, dryRun: true } })).importLedger;
    expect(dry).toMatchObject({ dryRun: true, warningCount: 3, errorCount: 0 });
    expect(await s.db.prisma.ledgerWarning.count()).toBe(0);

    const r = ok(await s.as('CREDIT')(IMPORT, { input: batch })).importLedger;
    expect(r).toMatchObject({ invoicesCreated: 3, paymentsCreated: 1, warningCount: 3 });
    expect(r.warnings).toEqual([
      { kind: 'NEW_CURRENCY', rowKind: 'INVOICE', index: 1, externalId: 'WA-USD-1', message: `Invoice "WA-USD-1" (no. WA-USD-1) of USD 70.00 is the account's first in USD (its currency is EUR).`, amount: '70.00', currency: 'USD' },
      {
        kind: 'CREDIT_NOTE_UNMATCHED',
        rowKind: 'INVOICE',
        index: 2,
        externalId: 'WA-CN-1',
        message: 'Credit note "WA-CN-1" (no. WA-CN-1) of EUR 20.00 names invoice "WA-INV-404", which is not in the ledger; it is applied to the oldest open invoices instead.',
        amount: '20.00',
        currency: 'EUR',
      },
      // The credit note (issued the same day, matching nothing) already settled 20.00 of WA-INV-1.
      {
        kind: 'OVERPAYMENT',
        rowKind: 'PAYMENT',
        index: 0,
        externalId: 'WA-PAY-1',
        message:
          'Payment "WA-PAY-1" of EUR 50,000.00 on invoice "WA-INV-1" (2026-02-01) is EUR 39,020.00 more than the EUR 10,980.00 open on it; EUR 39,020.00 is more than everything the customer owes in EUR and stays on the account as a credit balance.',
        amount: '39020.00',
        currency: 'EUR',
      },
    ]);
    // Sent again: nothing new, nothing stored twice.
    expect(ok(await s.as('CREDIT')(IMPORT, { input: batch })).importLedger).toMatchObject({ invoicesCreated: 0, warningCount: 0, warnings: [] });
    expect(await s.db.prisma.ledgerWarning.count()).toBe(3);
    // One LedgerImport for the writing call (the dry run and the re-send wrote nothing), with who sent it.
    expect(await s.db.prisma.ledgerImport.findMany({ select: { via: true, userId: true, source: true, rows: true, warningCount: true } })).toEqual([
      { via: 'api', userId: s.users.CREDIT.id, source: null, rows: 4, warningCount: 3 },
    ]);
  });

  it('a token that may write the ledger but not read it gets each warning’s kind and row, never the stored figures', async () => {
    const token = await s.apiToken('CREDIT', ['ledger:write', 'accounts:read']);
    // A probe: a huge payment on a stored invoice would otherwise say what is open on it and where the cash went.
    const probe = { payments: [{ externalId: 'WA-PROBE-1', invoiceExternalId: 'WA-INV-1', amount: '999999.00', receivedAt: '2026-03-01' }], dryRun: true };
    const r = ok(await s.gql(IMPORT, { input: probe }, token)).importLedger;
    expect(r.warningCount).toBeGreaterThan(0);
    for (const w of r.warnings) expect(w).toMatchObject({ kind: expect.any(String), externalId: 'WA-PROBE-1', message: null, amount: null });
    // With ledger:read the same dry run explains itself.
    const full = ok(await s.as('CREDIT')(IMPORT, { input: probe })).importLedger;
    expect(full.warnings[0].message).toMatch(/WA-PROBE-1/);
  });

  it('lists them for the credit team, newest first, by account, with the import they came with', async () => {
    const list = ok(await s.as('CREDIT')(WARNINGS, {})).ledgerWarnings;
    expect(list.totalCount).toBe(3);
    expect(list.edges[0].node).toMatchObject({ account: { name: 'Warned Ltd' }, import: { via: 'api', source: null }, acknowledgedAt: null, acknowledgedBy: null });
    expect(ok(await s.as('ADMIN')(WARNINGS, { accountId: other.id })).ledgerWarnings.totalCount).toBe(0);
    expect(ok(await s.as('ADMIN')(ON_ACCOUNT, { id: acme.id })).account.ledgerWarnings.totalCount).toBe(3);
  });

  it('acknowledging one takes it off the default list, records who and an audit event; twice changes nothing', async () => {
    const [first] = ok(await s.as('CREDIT')(WARNINGS, { accountId: acme.id })).ledgerWarnings.edges;
    const acked = ok(await s.as('CREDIT')(ACK, { id: first.node.id })).acknowledgeLedgerWarning.ledgerWarning;
    expect(acked.acknowledgedBy.email).toBe(s.users.CREDIT.email);
    const again = ok(await s.as('ADMIN')(ACK, { id: first.node.id })).acknowledgeLedgerWarning.ledgerWarning;
    expect(again).toEqual(acked);
    expect(await s.db.prisma.auditEvent.count({ where: { action: 'ledgerWarning.acknowledge' } })).toBe(1);
    expect(ok(await s.as('CREDIT')(WARNINGS, { accountId: acme.id })).ledgerWarnings.totalCount).toBe(2);
    expect(ok(await s.as('CREDIT')(WARNINGS, { accountId: acme.id, all: true })).ledgerWarnings.totalCount).toBe(3);
  });

  it('SALES and VIEWER get nothing: the query and the mutation are refused, the account field is null', async () => {
    const [first] = ok(await s.as('CREDIT')(WARNINGS, { all: true })).ledgerWarnings.edges;
    for (const role of ['SALES', 'VIEWER'] as const) {
      expect(errorCodes(await s.as(role)(WARNINGS, {}))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await s.as(role)(ACK, { id: first.node.id }))).toEqual(['FORBIDDEN']);
      const onAccount = await s.as(role)(ON_ACCOUNT, { id: acme.id });
      expect(errorCodes(onAccount)).toEqual([]);
      expect(onAccount.data?.account.ledgerWarnings).toBeNull();
    }
    const readOnly = await s.apiToken('CREDIT', ['accounts:read', 'ledger:read']);
    expect(ok(await s.gql(WARNINGS, {}, readOnly)).ledgerWarnings.totalCount).toBe(2);
    expect(errorCodes(await s.gql(ACK, { id: first.node.id }, readOnly))).toEqual(['FORBIDDEN']);
  });
});
