import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readLedgerFileBatches } from './file-batches.js';

describe('readLedgerFileBatches progress', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'earshot-batches-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reports the share of rows handed out, not of bytes read ahead (2,000 of 5,000 rows ≈ 40%, not 92%)', async () => {
    const file = path.join(dir, 'invoices.csv');
    const rows = ['invoice_id,customer_id,number,currency,amount,issued_at,due_at'];
    for (let i = 0; i < 5000; i++) rows.push(`INV-${String(i).padStart(6, '0')},CUST-${i % 40},N-${i},EUR,${(1000 + i).toFixed(2)},2026-01-02,2026-02-01`);
    fs.writeFileSync(file, `${rows.join('\n')}\n`);
    const fractions: number[] = [];
    let records = 0;
    for await (const b of readLedgerFileBatches(file, { batchSize: 2000 })) {
      records += b.records;
      fractions.push(b.fraction);
    }
    expect(records).toBe(5000);
    expect(fractions).toHaveLength(3);
    expect(fractions[0]).toBeGreaterThan(0.38);
    expect(fractions[0]).toBeLessThan(0.42);
    expect(fractions[1]).toBeGreaterThan(0.78);
    expect(fractions[1]).toBeLessThan(0.82);
    expect(fractions[2]).toBeCloseTo(1, 2);
  });
});
