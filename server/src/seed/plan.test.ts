import { describe, expect, it } from 'vitest';
import { type FactInvoice, meanDays, openAmount, overdue, smallPaidLargeNot } from './facts.js';
import { type AccountPlan, buildDemoPlan } from './plan.js';

const facts = (a: AccountPlan): FactInvoice[] =>
  a.ledger.invoices.map((inv) => ({ ...inv, payments: a.ledger.payments.filter((p) => p.invoiceKey === inv.key) }));

// The profiles must show for any seed and any day of the year, not only for the seed the demo ships with.
describe('buildDemoPlan over seeds and dates', () => {
  const cases = [1, 99, 2024, 777_777].flatMap((seed) => ['2026-01-01', '2026-06-15', '2026-11-20', '2027-02-28'].map((d) => ({ seed, now: new Date(`${d}T08:00:00Z`) })));

  it.each(cases)('seed $seed on $now shows every profile in its ledger', ({ seed, now }) => {
    const plan = buildDemoPlan({ seed, now });
    const T = plan.today;
    for (const a of plan.accounts) {
      const inv = facts(a);
      const open = openAmount(inv, a.currency);
      switch (a.profile) {
        case 'steady':
          expect(Math.abs(meanDays(inv, T - 365, T, 'due')!)).toBeLessThanOrEqual(7);
          expect(open).toBeLessThanOrEqual(a.creditLimit);
          break;
        case 'slipping':
          expect(meanDays(inv, T - 90, T)! - meanDays(inv, T - 365, T - 120)!).toBeGreaterThanOrEqual(15);
          break;
        case 'smallNotLarge':
          expect(smallPaidLargeNot(inv, T).length).toBeGreaterThanOrEqual(1);
          break;
        case 'overLimit':
          expect(open).toBeGreaterThan(a.creditLimit);
          break;
        case 'longOverdue':
          expect(overdue(inv, T).some((o) => o.daysPastDue >= 60 && o.daysPastDue <= 125)).toBe(true);
          break;
        case 'improving':
          expect(meanDays(inv, T - 365, T - 150, 'due')! - meanDays(inv, T - 75, T, 'due')!).toBeGreaterThanOrEqual(20);
          break;
        case 'brandNew':
          expect(inv).toHaveLength(0);
          break;
      }
    }
  });
});
