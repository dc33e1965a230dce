import { openDatabase } from '../src/db/client.js';
import { readLedgerCsv } from '../src/ledger/csv.js';
import { lookupLedgerBatch, isoDay } from '../src/ledger/lookups.js';
import { validateLedgerBatch } from '../src/domain/ledger-validation.js';
import { planLedgerWrite } from '../src/ledger/plan.js';
import { storedLedgerTotals } from '../src/ledger/totals.js';
import { warningsOfBatch } from '../src/ledger/warnings.js';
import fs from 'node:fs';
const db = await openDatabase({ databaseUrl: 'postgresql://postgres@127.0.0.1:5432/bench_import' });
let t = performance.now();
const lap = (l: string) => { const n = performance.now(); console.log(l, ((n - t) / 1000).toFixed(3)); t = n; };
const csv = readLedgerCsv(fs.readFileSync('/tmp/ib/inv.csv', 'utf8')); lap('parse');
for (let i = 0; i < 2; i++) {
const lookups = await lookupLedgerBatch(db.prisma, csv); lap('lookups');
const v = validateLedgerBatch(csv, lookups, { today: isoDay(new Date()) }); lap('validate');
if (!v.ok) throw new Error('x');
const plan = planLedgerWrite(v, lookups); lap('plan');
await storedLedgerTotals(db.prisma, plan.touchedAccountIds); lap('totals');
const w = await warningsOfBatch(db.prisma, v, plan); lap('warnings ' + w.length);
}
await db.close(); process.exit(0);
