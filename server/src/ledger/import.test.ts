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
});
