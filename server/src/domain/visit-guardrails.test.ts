import { GUARDRAIL_KINDS, type GuardrailKind } from '@earshot/shared';
import { describe, expect, it } from 'vitest';
import { buildCustomerIndex, findGuardrailFlags, type KnownCustomer } from './visit-guardrails.js';

const visited: KnownCustomer = { accountId: 'v', name: 'Nordwind Logistics GmbH', domains: ['nordwind-logistics.example'] };
const others: KnownCustomer[] = [
  { accountId: 'o1', name: 'Nordwind', domains: ['nordwind.example'] },
  { accountId: 'o2', name: 'Summit', domains: [] },
  { accountId: 'o3', name: 'Orange SA', domains: ['orange-sa.example'] },
  { accountId: 'o4', name: 'Delta', domains: [] },
  { accountId: 'o5', name: 'Apex Industries Ltd', domains: ['apex-industries.example'] },
  { accountId: 'o6', name: 'Müller & Söhne GmbH', domains: ['mueller-soehne.example'] },
  { accountId: 'o7', name: 'Brightline Foods S.p.A.', domains: ['brightline.example'] },
  { accountId: 'o8', name: 'Keller Bau AG', domains: ['kellerbau.example'] },
  { accountId: 'o9', name: 'Crédit Agricole Leasing', domains: [] },
];
const context = { visited, others: buildCustomerIndex([visited, ...others]) };

const C: GuardrailKind = 'COMMITMENT';
const O: GuardrailKind = 'OTHER_CUSTOMER';
const N: GuardrailKind = 'NEGATIVE_ABOUT_US';

/** The labelled set: each sentence with the kinds it should raise (none: it must not flag). */
const LABELLED: [string, GuardrailKind[]][] = [
  // Promises, in many phrasings.
  ['We guarantee delivery before Christmas.', [C]],
  ['Your price is guaranteed until the end of the year.', [C]],
  ['We will extend your limit to 80,000 next week.', [C]],
  ["We'll raise your credit limit, no problem.", [C]],
  ['I promise the new terms will be in place by Monday.', [C]],
  ['You have my word on that.', [C]],
  ['I can assure you the limit will not be a problem.', [C]],
  ['We commit to a 60-day payment term from January.', [C]],
  ['Consider it done.', [C]],
  ['You can count on a longer payment term.', [C]],
  ['We will waive the late fees on the March invoices.', [C]],
  ["We'll write off the balance on invoice 4471.", [C]],
  ["No problem, we'll accept 90 days.", [C]],
  ["We'll give you a 5% discount on the next order.", [C]],
  ['We can offer you 60 days instead of 30.', [C]],
  ['Rest assured, your deliveries will continue.', [C]],
  ['We will definitely increase the credit line after the audit.', [C]],
  ["You'll get a longer payment term once the bank confirms.", [C]],
  ['You will have 45 days from now on.', [C]],
  ['Your limit will be raised to 120k by Friday.', [C]],
  ["We won't charge interest on the overdue invoices.", [C]],
  ['We will make you our exclusive distributor for Bavaria.', [C]],
  ['We will match their price.', [C]],
  ['Your order will ship by Friday, no matter what.', [C]],
  ['We will deliver the replacement parts within 48 hours.', [C]],
  ['Our team will lift the hold today.', [C]],
  ["I'll make sure you get 60 days.", [C]],
  ["It's a deal: 75 days and the same limit.", [C]],
  ['We will never stop your deliveries.', [C]],
  // Possibilities and ordinary follow-ups: not promises.
  ['We could look at a longer payment term next quarter.', []],
  ['I will take it to the team and come back to you.', []],
  ['We will send you the statement tomorrow.', []],
  ['We will review your request and come back to you.', []],
  ['I cannot guarantee anything before the committee meets.', []],
  ["I'll check whether we can extend your limit.", []],
  ['We discussed whether a higher limit would help them.', []],
  ['They asked for 90 days; we said we need to run it past the CEO.', []],
  ['A bank guarantee of 50,000 would support a higher limit.', []],
  ['The facility is guaranteed by the parent company.', []],
  ['We will give you a call about the limit next week.', []],
  ['You will receive our price list by e-mail.', []],
  ['We might be able to offer a discount if volumes grow.', []],
  ['We will not be able to extend the terms this year.', []],
  ['We made an error on invoice 123 and will correct it.', []],
  ['Sorry, that was our mistake; the credit note is on its way.', []],
  ['We will set up a meeting with our finance director about the limit.', []],
  ['Can we raise your limit? That depends on the accounts.', []],
  // Other customers.
  ['Summit pays us in 30 days, why can’t you?', [O]],
  ['We reached the summit of our season in May.', []],
  ['Orange SA had the same problem last year.', [O]],
  ['They served orange juice at the meeting.', []],
  ['The delta between the two quotes is small.', []],
  ['Delta never complained about these terms.', [O]],
  ['APEX INDUSTRIES asked for the same thing.', [O]],
  ['I spoke to apex industries about it yesterday.', [O]],
  ['Müller & Söhne pay within terms.', [O]],
  ['Muller and Sohne pay within terms.', [O]],
  ['Brightline Foods S.p.A. is on 45 days.', [O]],
  ['Their buyer used to work at kellerbau.example.', [O]],
  ['Please copy anna@brightline.example on the reply.', [O]],
  ['Nordwind Logistics has grown 12% this year.', []],
  ['Nordwind asked for quarterly reviews.', []],
  ['The team at Nordwind Logistics GmbH was welcoming.', []],
  ['Please write to finance@nordwind-logistics.example.', []],
  ['Crédit Agricole Leasing finances their trucks.', [O]],
  ['The apex of the roof needs repair.', []],
  // Negative about us, and what is only neutral.
  ['Our billing team messed up the March invoices.', [N]],
  ['Honestly, accounts is useless.', [N]],
  ['Our system is a mess, sorry about that.', [N]],
  ['My colleague in sales never reads e-mails.', [N]],
  ['Between us, our management has no idea.', [N]],
  ["It's head office's fault.", [N]],
  ["Our warehouse people don't know what they're doing.", [N]],
  ['Our ERP keeps losing the purchase order numbers.', [N]],
  ['Your accounts team messed up the remittance.', []],
  ['Our billing team will correct the invoice today.', []],
  ['Their management has no idea about cash flow.', []],
  ['We apologise for the late credit note.', []],
  // Mixed.
  ['Our billing team messed up, but we will waive the late fees.', [N, C]],
  ['Summit got 90 days; we will give you the same terms.', [O, C]],
];

interface Score {
  tp: number;
  fp: number;
  fn: number;
}

function score() {
  const byKind = Object.fromEntries(GUARDRAIL_KINDS.map((k) => [k, { tp: 0, fp: 0, fn: 0 }])) as Record<GuardrailKind, Score>;
  const misses: string[] = [];
  for (const [sentence, expected] of LABELLED) {
    const got = new Set(findGuardrailFlags(sentence, context).map((f) => f.kind));
    for (const kind of GUARDRAIL_KINDS) {
      const want = expected.includes(kind);
      const s = byKind[kind];
      if (want && got.has(kind)) s.tp++;
      else if (got.has(kind)) {
        s.fp++;
        misses.push(`false ${kind}: ${sentence}`);
      } else if (want) {
        s.fn++;
        misses.push(`missed ${kind}: ${sentence}`);
      }
    }
  }
  const all = Object.values(byKind).reduce((a, s) => ({ tp: a.tp + s.tp, fp: a.fp + s.fp, fn: a.fn + s.fn }), { tp: 0, fp: 0, fn: 0 });
  const ratio = (n: number, d: number) => (d === 0 ? 1 : n / d);
  const measures = Object.fromEntries(
    [...GUARDRAIL_KINDS, 'overall'].map((k) => {
      const s = k === 'overall' ? all : byKind[k as GuardrailKind];
      return [k, { precision: ratio(s.tp, s.tp + s.fp), recall: ratio(s.tp, s.tp + s.fn), ...s }];
    }),
  );
  return { measures, misses };
}

describe('the labelled guardrail set', () => {
  it(`flags what it should and nothing else (${LABELLED.length} sentences)`, () => {
    expect(LABELLED.length).toBeGreaterThanOrEqual(60);
    const { measures, misses } = score();
    console.info(
      `visit guardrails on ${LABELLED.length} labelled sentences: ${Object.entries(measures)
        .map(([k, m]) => `${k} precision ${m.precision.toFixed(2)} recall ${m.recall.toFixed(2)} (tp ${m.tp}, fp ${m.fp}, fn ${m.fn})`)
        .join('; ')}`,
    );
    expect(misses).toEqual([]);
    for (const m of Object.values(measures)) {
      expect(m.precision).toBe(1);
      expect(m.recall).toBe(1);
    }
  });
});
