/**
 * A recompute that throws after a mutation has committed: the mutation still answers success (the write is
 * there; an error would make the client retry and write it twice), the failure is logged with the account id
 * and without figures, and with a job queue a retry job is enqueued whose failures the worker logs too.
 * The failure is real: two stored invoices whose sum is not an exact integer below 2^53 (rows written before
 * the import bound existed), so formatting the exposure throws a RangeError.
 */
import { decodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectingLog, type DeliveryTestServer, startDeliveryTestServer, waitFor } from '../test-support/delivery.js';
import { DB_KINDS } from '../test-support/databases.js';
import { ok, startTestServer, type TestServer } from '../test-support/server.js';
import { createServices } from './index.js';

const CREATE = `mutation ($input: CreateAccountInput!) { createAccount(input: $input) { account { id } } }`;
const UPDATE = `mutation ($i: UpdateAccountInput!) { updateAccount(input: $i) { account { id name } } }`;
const SIGNAL = `mutation ($i: CreateSignalInput!) { createSignal(input: $i) { created signal { id } } }`;

/** Two invoices of 60,000,000,000,000.00: each an exact integer of cents, their sum (1.2 × 10^16) not. */
async function breakLedger(s: TestServer, accountId: string) {
  for (const n of [1, 2])
    await s.db.prisma.invoice.create({
      data: { externalId: `HUGE-${accountId}-${n}`, accountId, number: `H-${n}`, currency: 'EUR', amount: '60000000000000.00', issuedAt: new Date('2026-01-05'), dueAt: new Date('2026-02-04') },
    });
}

async function brokenAccount(s: TestServer, name: string) {
  const id = ok(await s.as('CREDIT')(CREATE, { input: { name } })).createAccount.account.id as string;
  const rowId = decodeGlobalID(id).id;
  await breakLedger(s, rowId);
  return { id, rowId };
}

describe.each(DB_KINDS)('a failing recompute after a commit on %s', (kind) => {
  describe('without a job queue', () => {
    let s: TestServer;
    const log = collectingLog();
    beforeAll(async () => {
      s = await startTestServer(kind, { services: (db) => createServices(db.prisma, { log }) });
    });
    afterAll(() => s?.close());

    it('updateAccount and createSignal answer success, the writes are there, and the failure is logged without figures', async () => {
      const { id, rowId } = await brokenAccount(s, 'Broken Ledger Ltd');
      const updated = ok(await s.as('CREDIT')(UPDATE, { i: { id, name: 'Broken Ledger Group' } }));
      expect(updated.updateAccount.account.name).toBe('Broken Ledger Group');
      expect((await s.db.prisma.account.findUniqueOrThrow({ where: { id: rowId } })).name).toBe('Broken Ledger Group');
      const signal = ok(await s.as('CREDIT')(SIGNAL, { i: { accountId: id, type: 'QUIET', note: 'Nobody answers' } }));
      expect(signal.createSignal.created).toBe(true);
      expect(await s.db.prisma.signal.count({ where: { accountId: rowId } })).toBe(1);
      expect(log.messages).toContain(`recompute of account ${rowId} after account.update failed; the change is saved: RangeError: Not an integer amount of minor units: #`);
      expect(log.messages.some((m) => m.startsWith(`recompute of account ${rowId} after signal.create failed`))).toBe(true);
      expect(log.messages.join('\n')).not.toMatch(/6000000|12000000|1\.2e/);
    });
  });

  describe('with the job queue', () => {
    let s: DeliveryTestServer;
    const log = collectingLog();
    beforeAll(async () => {
      s = await startDeliveryTestServer(kind, { log, wrapServices: (base) => ({ ...base, log }) });
    });
    afterAll(() => s?.close());

    it('answers success, enqueues a retry, and the worker logs each failed attempt', { timeout: 60_000 }, async () => {
      const { id, rowId } = await brokenAccount(s, 'Broken Queue Ltd');
      ok(await s.as('CREDIT')(UPDATE, { i: { id, name: 'Broken Queue Group' } }));
      expect((await s.db.prisma.account.findUniqueOrThrow({ where: { id: rowId } })).name).toBe('Broken Queue Group');
      expect(log.messages).toContain(
        `recompute of account ${rowId} after account.update failed; the change is saved, retrying in the background: RangeError: Not an integer amount of minor units: #`,
      );
      await waitFor('the worker to log the failed retry', () =>
        log.messages.find((m) => new RegExp(`^recompute job \\S+: account ${rowId} \\(account\\.update\\) failed: RangeError`).test(m)),
      );
    });
  });
});
