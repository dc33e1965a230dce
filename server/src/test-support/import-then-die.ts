/**
 * Run by jobs/recompute-kill.test.ts as a real process: a server's job side with no workers running, one ledger
 * import, and SIGKILL at the first step after the commit (or, when there is none, as soon as the import
 * returns) — the crash of issue 7. Argument: JSON `{ "dataDir": … }` or `{ "databaseUrl": … }`, then the account's
 * external id.
 */
import { openDatabase } from '../db/client.js';
import { createDelivery } from '../events/delivery.js';
import { importLedgerBatch } from '../ledger/import.js';
import { createServices } from '../services/index.js';

const target = JSON.parse(process.argv[2] ?? '{}') as { dataDir?: string; databaseUrl?: string };
const accountExternalId = process.argv[3] ?? 'KILL-1';
const die = (): never => {
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable');
};

const db = await openDatabase(target);
const delivery = createDelivery(db, { databaseUrl: target.databaseUrl, webhookPolicy: { blockPrivateTargets: true }, workers: false, log: () => {} });
const services = { ...createServices(db.prisma, { events: delivery.events, jobs: delivery.jobs }), accountsChanged: async () => die() };
await delivery.start(services);
const invoice = { externalId: `${accountExternalId}-INV`, account: { externalId: accountExternalId }, number: 'K-1', currency: 'EUR', amount: '321.00', issuedAt: '2026-01-10', dueAt: '2026-02-09' };
const result = await importLedgerBatch({ prisma: db.prisma, services }, null, { invoices: [invoice] }, { via: 'api' });
process.stdout.write(`${JSON.stringify(result)}\n`);
die();
