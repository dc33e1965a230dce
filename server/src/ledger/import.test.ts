import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../test-support/databases.js';
import { importLedgerBatch, type LedgerBatch } from './import.js';
import { uuidv7 } from './write.js';

describe('uuidv7', () => {
  it('is a version 7, variant 1 UUID whose first 48 bits are the time', () => {
    const id = uuidv7(Date.UTC(2026, 10, 22));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.UTC(2026, 10, 22));
  });
});

describe.each(DB_KINDS)('import core on %s', (kind) => {
  let db: TestDatabase;
  const deps = () => ({ prisma: db.prisma, services: null });
  const invoice = (externalId: string, amount = '100.00') => ({
    externalId,
    account: { externalId: 'CORE-1' },
    number: externalId,
    currency: 'EUR',
    amount,
    issuedAt: '2026-01-10',
    dueAt: '2026-02-09',
  });
  const run = (batch: LedgerBatch) => importLedgerBatch(deps(), null, batch, { via: 'cli' });

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    await db.prisma.account.create({ data: { name: 'Core One', externalId: 'CORE-1', currency: 'EUR' } });
  });
  afterAll(() => db?.drop());

  it('writes UUIDv7 ids and UTC timestamps like Prisma does', async () => {
    const before = Date.now();
    expect(await run({ invoices: [invoice('CORE-INV-1')], payments: [{ externalId: 'CORE-PAY-1', invoiceExternalId: 'CORE-INV-1', amount: '40.00', receivedAt: '2026-01-20' }] })).toMatchObject({
      ok: true,
      invoicesCreated: 1,
      paymentsCreated: 1,
    });
    const stored = await db.prisma.invoice.findUniqueOrThrow({ where: { externalId: 'CORE-INV-1' }, include: { payments: true } });
    expect(stored.id).toMatch(/^[0-9a-f-]{14}7/);
    expect(Math.abs(stored.createdAt.getTime() - before)).toBeLessThan(60_000);
    expect(Math.abs(stored.updatedAt.getTime() - before)).toBeLessThan(60_000);
    expect(stored.payments.map((p) => [p.externalId, p.amount.toFixed(2), p.receivedAt.toISOString().slice(0, 10)])).toEqual([['CORE-PAY-1', '40.00', '2026-01-20']]);
  });

  it('updates a corrected payment in place', async () => {
    const r = await run({ payments: [{ externalId: 'CORE-PAY-1', invoiceExternalId: 'CORE-INV-1', amount: '45.00', receivedAt: '2026-01-21' }] });
    expect(r).toMatchObject({ ok: true, paymentsCreated: 0, paymentsUpdated: 1, paymentsUnchanged: 0, accountsTouched: 1 });
    const p = await db.prisma.payment.findUniqueOrThrow({ where: { externalId: 'CORE-PAY-1' } });
    expect([p.amount.toFixed(2), p.receivedAt.toISOString().slice(0, 10)]).toEqual(['45.00', '2026-01-21']);
  });

  it('survives two imports of the same new rows at once: one creates, the other finds them unchanged', async () => {
    const batch = { invoices: [invoice('CORE-INV-2'), invoice('CORE-INV-3', '75.25')] };
    const results = await Promise.all([run(batch), run(batch)]);
    expect(results.every((r) => r.ok)).toBe(true);
    const created = results.map((r) => (r.ok ? r.invoicesCreated : -1)).sort();
    expect(created[0]! + created[1]!).toBe(2);
    expect(await db.prisma.invoice.count({ where: { externalId: { in: ['CORE-INV-2', 'CORE-INV-3'] } } })).toBe(2);
  });

  it('writes nothing on a dry run but counts what it would do', async () => {
    const r = await importLedgerBatch(deps(), null, { invoices: [invoice('CORE-INV-9'), invoice('CORE-INV-1', '101.00')] }, { via: 'cli', dryRun: true });
    expect(r).toMatchObject({ ok: true, dryRun: true, invoicesCreated: 1, invoicesUpdated: 1 });
    expect(await db.prisma.invoice.findUnique({ where: { externalId: 'CORE-INV-9' } })).toBeNull();
    expect((await db.prisma.invoice.findUniqueOrThrow({ where: { externalId: 'CORE-INV-1' } })).amount.toFixed(2)).toBe('100.00');
  });

  describe('warnings', () => {
    const pay = (externalId: string, invoiceExternalId: string, amount: string, receivedAt = '2026-02-20') => ({ externalId, invoiceExternalId, amount, receivedAt });
    const warningsOf = (r: Awaited<ReturnType<typeof run>>) => (r.ok ? r.warnings.map((w) => [w.kind, w.rowKind, w.index, w.externalId, w.amount]) : r.errors);
    const stored = () => db.prisma.ledgerWarning.findMany({ where: { accountId: warnAccount }, orderBy: [{ kind: 'asc' }, { externalId: 'asc' }], include: { import: true } });
    let warnAccount: string;
    const batch: LedgerBatch = {
      invoices: [
        { ...invoice('W-INV-1', '11000.00'), account: { externalId: 'WARN-1' } },
        { ...invoice('W-INV-1-BIS', '11000.00'), account: { externalId: 'WARN-1' }, number: 'W-INV-1' },
        { ...invoice('W-USD-1', '50.00'), account: { externalId: 'WARN-1' }, currency: 'USD' },
        { ...invoice('W-CN-1', '-10.00'), account: { externalId: 'WARN-1' }, currency: 'USD', appliesTo: 'W-INV-404' },
      ],
      payments: [pay('W-PAY-1', 'W-INV-1', '50000.00'), pay('W-PAY-2', 'W-INV-1', '50000.00')],
    };

    beforeAll(async () => {
      warnAccount = (await db.prisma.account.create({ data: { name: 'Warn One', externalId: 'WARN-1', currency: 'EUR' } })).id;
    });

    it('a dry run returns the warnings and stores nothing', async () => {
      const imports = await db.prisma.ledgerImport.count();
      const r = await importLedgerBatch(deps(), null, batch, { via: 'cli', dryRun: true });
      expect(warningsOf(r)).toContainEqual(['OVERPAYMENT', 'PAYMENT', 0, 'W-PAY-1', 2_800_000]);
      expect(await db.prisma.ledgerWarning.count()).toBe(0);
      expect(await db.prisma.ledgerImport.count()).toBe(imports);
    });

    it('a write returns them, stores them with one LedgerImport in the same transaction; re-sending adds none', async () => {
      const r = await importLedgerBatch(deps(), null, batch, { via: 'cli', source: 'ledger.csv' });
      expect(warningsOf(r)).toEqual([
        ['DUPLICATE_INVOICE', 'INVOICE', 1, 'W-INV-1-BIS', 1_100_000],
        ['NEW_CURRENCY', 'INVOICE', 2, 'W-USD-1', 5000],
        ['CREDIT_NOTE_UNMATCHED', 'INVOICE', 3, 'W-CN-1', 1000],
        // 50,000 on 11,000: the (duplicate) open invoice takes 11,000 of the surplus, 28,000 is left as credit.
        ['MISAPPLIED_PAYMENT', 'PAYMENT', 0, 'W-PAY-1', 1_100_000],
        ['OVERPAYMENT', 'PAYMENT', 0, 'W-PAY-1', 2_800_000],
        ['DUPLICATE_PAYMENT', 'PAYMENT', 1, 'W-PAY-2', 5_000_000],
        ['OVERPAYMENT', 'PAYMENT', 1, 'W-PAY-2', 5_000_000],
      ]);
      expect(r.ok && r.warningsStored).toBe(7);
      const rows = await stored();
      expect(rows.map((w) => [w.kind, w.rowKind, w.externalId, w.amount?.toFixed(2), w.currency])).toEqual([
        ['OVERPAYMENT', 'PAYMENT', 'W-PAY-1', '28000.00', 'EUR'],
        ['OVERPAYMENT', 'PAYMENT', 'W-PAY-2', '50000.00', 'EUR'],
        ['MISAPPLIED_PAYMENT', 'PAYMENT', 'W-PAY-1', '11000.00', 'EUR'],
        ['DUPLICATE_PAYMENT', 'PAYMENT', 'W-PAY-2', '50000.00', 'EUR'],
        ['DUPLICATE_INVOICE', 'INVOICE', 'W-INV-1-BIS', '11000.00', 'EUR'],
        ['NEW_CURRENCY', 'INVOICE', 'W-USD-1', '50.00', 'USD'],
        ['CREDIT_NOTE_UNMATCHED', 'INVOICE', 'W-CN-1', '10.00', 'USD'],
      ]);
      expect(rows[0]!.message).toBe(
        'Payment "W-PAY-1" of EUR 50,000.00 on invoice "W-INV-1" (2026-02-20) is EUR 39,000.00 more than the EUR 11,000.00 open on it; EUR 28,000.00 is more than everything the customer owes in EUR and stays on the account as a credit balance.',
      );
      expect(new Set(rows.map((w) => w.importId)).size).toBe(1);
      expect(rows[0]!.import).toMatchObject({ via: 'cli', source: 'ledger.csv', rows: 6, warningCount: 7, userId: null });
      expect((await db.prisma.invoice.findUniqueOrThrow({ where: { externalId: 'W-CN-1' } })).appliesTo).toBe('W-INV-404');

      const imports = await db.prisma.ledgerImport.count();
      const again = await importLedgerBatch(deps(), null, batch, { via: 'cli' });
      expect(again).toMatchObject({ ok: true, invoicesUnchanged: 4, paymentsUnchanged: 2, warnings: [], warningsStored: 0 });
      expect(await db.prisma.ledgerWarning.count({ where: { accountId: warnAccount } })).toBe(7);
      expect(await db.prisma.ledgerImport.count()).toBe(imports);
    });

    it('a corrected row that still warns keeps its one stored warning; a new import is recorded without new warnings', async () => {
      const r = await importLedgerBatch(deps(), null, { payments: [pay('W-PAY-1', 'W-INV-1', '49000.00')] }, { via: 'api' });
      expect(warningsOf(r)).toEqual([
        ['MISAPPLIED_PAYMENT', 'PAYMENT', 0, 'W-PAY-1', 1_100_000],
        ['OVERPAYMENT', 'PAYMENT', 0, 'W-PAY-1', 2_700_000],
      ]);
      expect(r.ok && r.warningsStored).toBe(0);
      expect(await db.prisma.ledgerWarning.count({ where: { accountId: warnAccount } })).toBe(7);
      expect(await db.prisma.ledgerImport.findFirst({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: { via: true, rows: true, warningCount: true } })).toEqual({ via: 'api', rows: 1, warningCount: 0 });
    });

    it('refuses a payment dated after today (the injected clock) and writes nothing, not even an import record', async () => {
      const now = () => new Date('2026-02-21T23:59:00Z');
      const before = [await db.prisma.payment.count(), await db.prisma.ledgerImport.count(), await db.prisma.auditEvent.count()];
      const r = await importLedgerBatch(deps(), null, { payments: [pay('W-PAY-9', 'W-INV-1', '10.00', '2026-02-23')] }, { via: 'api', now });
      expect(r).toEqual({ ok: false, errors: [expect.objectContaining({ kind: 'PAYMENT', field: 'receivedAt', message: 'Payment row 1 "W-PAY-9": receivedAt 2026-02-23 is in the future (today is 2026-02-21 UTC)' })] });
      const future = await importLedgerBatch(deps(), null, { invoices: [{ ...invoice('W-INV-9'), issuedAt: '2026-02-23', dueAt: '2026-03-22' }] }, { via: 'api', now });
      expect(future.ok ? null : future.errors.map((e) => e.field)).toEqual(['issuedAt']);
      expect([await db.prisma.payment.count(), await db.prisma.ledgerImport.count(), await db.prisma.auditEvent.count()]).toEqual(before);
      // The same payment dated today is fine.
      expect((await importLedgerBatch(deps(), null, { payments: [pay('W-PAY-9', 'W-INV-1', '10.00', '2026-02-21')] }, { via: 'api', now, dryRun: true })).ok).toBe(true);
    });
  });
});
