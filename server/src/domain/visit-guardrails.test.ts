import { GUARDRAIL_KINDS, type GuardrailKind } from '@earshot/shared';
import { describe, expect, it } from 'vitest';
import { buildCustomerIndex, findGuardrailFlags, type GuardrailContext, type KnownCustomer, upsertCustomers } from './visit-guardrails.js';

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
  // Demo-like accounts, known by their first word(s) ("Tannhof", "De Vaart"), and one named by a common word.
  { accountId: 'd1', name: 'Tannhof Metallbau GmbH', domains: ['tannhof-metallbau.example'] },
  { accountId: 'd2', name: 'Grachtwerk Transport B.V.', domains: [] },
  { accountId: 'd3', name: 'Moorfeld Anlagenbau GmbH & Co. KG', domains: [] },
  { accountId: 'd4', name: 'Falkenried Logistik AG', domains: [] },
  { accountId: 'd5', name: 'Beaulac Ingénierie SAS', domains: [] },
  { accountId: 'd6', name: 'De Vaart Logistiek B.V.', domains: [] },
  { accountId: 'd7', name: 'Best GmbH', domains: [] },
  { accountId: 'd8', name: 'General Metal Logistics Ltd', domains: [] },
  { accountId: 'd9', name: 'Red Mesa Foods Inc.', domains: [] },
  { accountId: 'e1', name: 'Harbor Line Foods Inc.', domains: [] },
  { accountId: 'e2', name: 'Río Claro Maquinaria S.A.', domains: [] },
  { accountId: 'e3', name: 'Kestrel Engineering Ltd', domains: [] },
  { accountId: 'e4', name: 'Sainte-Aube Machines SAS', domains: [] },
  { accountId: 'e5', name: 'Monte Alto S.R.L.', domains: [] },
  { accountId: 'e6', name: 'Granite Peak Systems Inc.', domains: [] },
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
  // A second batch, written after the rules, to measure rather than confirm.
  ["Don't worry, we'll sort out the limit for you.", [C]],
  ['I guarantee it.', [C]],
  ['We are happy to extend your payment terms to 60 days.', [C]],
  ["I'll get your credit limit increased.", [C]],
  ['We will extend the deadline for payment to the end of March.', [C]],
  ["We'll hold the current prices for another year.", [C]],
  ["We'll approve the increase.", [C]],
  ["We'll let you pay in three instalments.", [C]],
  ['We will reduce your limit to 20k.', [C]],
  ["We won't raise prices next year.", [C]],
  ['We are not going to increase your limit.', []],
  ['We can discuss your payment terms at the next review.', []],
  ['If the figures are good, we may increase the limit.', []],
  ['We will look into the late fees.', []],
  ['We will send the updated price list.', []],
  ['I will ask credit whether they can raise the limit.', []],
  ['We will keep you posted on the limit.', []],
  ['We will keep the limit under review.', []],
  ['The new limit will be decided by the committee.', []],
  ['We will give you our decision on the limit by Friday.', []],
  ['You will get an answer on the limit from the credit team.', []],
  ['I will take your request for 90 days to the credit committee.', []],
  ['Orange juice was served at the meeting.', []],
  ['We also supply DELTA.', [O]],
  ["Apex's payments are late too.", [O]],
  ['Contact: j.smith@apex-industries.example', [O]],
  ['See www.orange-sa.example/contact for their terms.', [O]],
  ['The keller bau team visited last spring.', [O]],
  ["Nordwind's drivers were on strike.", []],
  ['Their old supplier was on nordwind.example.', [O]],
  ['Sorry, our invoicing is a joke.', [N]],
  ['The problem is on our side: our credit department never answers the phone.', [N]],
  ['Blame it on our IT.', [N]],
  ["Frankly, head office doesn't care.", [N]],
  ['My boss is an idiot.', [N]],
  ['We had a system issue that delayed the invoices.', []],
  ['Our team was slow to respond; we have fixed that.', []],
  ["The customer's finance team is a mess.", []],
  // The outside tester's probes (issue 9): short names, a common-word name, done-deal approvals, blame.
  ['Tannhof pays faster than you do.', [O]],
  ['Grachtwerk', [O]],
  ['Beaulac', [O]],
  ['We heard the same from Moorfeld last week.', [O]],
  ['Falkenried asked for the same discount.', [O]],
  ['De Vaart is on 30 days.', [O]],
  ['Best regards, Clara', []],
  ['Kind regards,\nBest,\nClara', []],
  ['Summit meeting with their CFO went well.', []],
  ['Orange forklifts were everywhere in the yard.', []],
  ['Best GmbH pays within terms.', [O]],
  ['They compared us with Best on delivery times.', [O]],
  ['Your new limit of 80k is approved.', [C]],
  ['The extension to 60 days is agreed.', [C]],
  ['Nous vous garantissons la livraison avant vendredi.', [C]],
  ['Nous garantissons le prix jusqu’en mars.', [C]],
  ['Je vous promets une réponse positive.', [C]],
  ["C'est promis.", [C]],
  ['Wir garantieren Ihnen den Preis bis März.', [C]],
  ['Ich verspreche es Ihnen.', [C]],
  ['Your limit increase has been approved.', [C]],
  ['You have approval for the 90-day terms.', [C]],
  ['We have approved the new price list for you.', [C]],
  ['That was my colleague’s fault.', [N]],
  ['Blame IT.', [N]],
  ["It's our IT department's fault.", [N]],
  ['Accounting dropped the ball on this one.', [N]],
  // More, written after the rules above.
  ["Tannhof's buyer told me they get 60 days.", [O]],
  ['Red Mesa pays on the first of the month.', [O]],
  ['The general mood was positive.', []],
  ['General feedback: they like the new portal.', []],
  ['Best to call them before Friday.', []],
  ['With best wishes, Clara', []],
  ['Our best offer stays as discussed.', []],
  ['Jonas Keller from purchasing joined us.', []],
  ['Metal prices went up again.', []],
  ['If the limit is approved, we will tell you on Monday.', []],
  ['The new limit was discussed but is not approved yet.', []],
  ['Whether the extension is agreed depends on the committee.', []],
  ['The agenda is agreed.', []],
  ['Blame it on the weather.', []],
  ["It's nobody's fault, the invoice simply went missing.", []],
  ['Their IT department dropped the ball.', []],
  ['Le garantizamos el precio hasta marzo.', [C]],
  ['Wij garanderen de levering voor vrijdag.', [C]],
  // A third batch, written after those rules and run before the last changes (5 of its 10 misses then fixed).
  ['Kestrel has been paying in 45 days for years.', [O]],
  ['We met at the Kestrel Hotel in Leeds.', []],
  ['A kestrel flew over the car park.', []],
  ['Their CFO used to work for Sainte-Aube.', [O]],
  ['Río Claro pays late too.', [O]],
  ['Monte Alto is a competitor of theirs.', [O]],
  ['Granite worktops are their best seller.', []],
  ['Granite Peak asked for the same.', [O]],
  ['Harbor Line got 90 days.', [O]],
  ['BEST REGARDS', []],
  ['Best,\nClara', []],
  ['Thanks, and best regards from Munich.', []],
  ['The best price we can do is 5% off.', []],
  ['At the summit they discussed tariffs.', []],
  ['"Summit pays faster," he said.', [O]],
  ['Your request is approved in principle, subject to the committee.', []],
  ['The payment plan is agreed: three instalments.', [C]],
  ['Once the limit is approved we will send the contract.', []],
  ['The minutes are approved.', []],
  ['Your discount of 3% has been confirmed.', [C]],
  ['The price is agreed at 12.50 per unit.', [C]],
  ['I have approved the extension myself.', [C]],
  ['We have agreed to waive the fees.', [C]],
  ['Our accounting team dropped the ball.', [N]],
  ["That's finance's fault, not yours.", [N]],
  ['Their accounting dropped the ball.', []],
  ['The blame lies with our IT.', [N]],
  ['I blame the system.', [N]],
  ['Nous vous le garantissons.', [C]],
  ['Je vous garantis que le prix tiendra.', [C]],
  ['Das ist Tannhofs Problem.', [O]],
  ['Tannhof-Leute waren da.', [O]],
  ['Bei Beaulac ist das anders.', [O]],
  // Mixed.
  ['Our billing team messed up, but we will waive the late fees.', [N, C]],
  ['Summit got 90 days; we will give you the same terms.', [O, C]],
];

/**
 * What the rules get wrong on this set, on purpose rather than by accident:
 * - a short form is a distinctive first word, or the first two words when the first is common: a name whose
 *   first two words are both common ("Harbor Line Foods") has none, and a German genitive ("Tannhofs") is
 *   another word;
 * - the common-word list is compact, so a dictionary word not in it that starts a name ("Granite Peak
 *   Systems") flags when capitalised ("Granite worktops…" at a sentence's start).
 * Known limits outside the set: a common-word name at a sentence's start counts only before a verb of what
 * customers do ("Summit pays"), so "Summit is on 30 days" is missed; a short form right after a capitalised
 * word that is not common ("Visited Tannhof", "Jonas Tannhof") is not flagged.
 */
const KNOWN_MISSES = [
  'false OTHER_CUSTOMER: Granite worktops are their best seller.',
  'missed OTHER_CUSTOMER: Harbor Line got 90 days.',
  'missed OTHER_CUSTOMER: Das ist Tannhofs Problem.',
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
    expect(misses).toEqual(KNOWN_MISSES);
    expect(measures.COMMITMENT).toMatchObject({ precision: 1, recall: 1 });
    expect(measures.NEGATIVE_ABOUT_US).toMatchObject({ precision: 1, recall: 1 });
    expect(measures.OTHER_CUSTOMER?.precision).toBeGreaterThanOrEqual(0.97);
    expect(measures.OTHER_CUSTOMER?.recall).toBeGreaterThanOrEqual(0.94);
  });
});

const flags = (text: string, ctx: GuardrailContext = context) => findGuardrailFlags(text, ctx);

describe('findGuardrailFlags', () => {
  it('gives the excerpt as written, its offsets and a reason that says what to do instead', () => {
    const text = 'Good meeting. We’ll raise your credit limit after Easter.';
    const [flag] = flags(text);
    expect(flag).toMatchObject({ kind: 'COMMITMENT', excerpt: 'We’ll raise your credit limit', start: 14, end: 43 });
    expect(text.slice(flag?.start, flag?.end)).toBe(flag?.excerpt);
    expect(flag?.reason).toBe('A promise on the credit limit: say you will take it to the team first.');
  });

  it('names the topic of a promise in its reason', () => {
    const reason = (t: string) => flags(t)[0]?.reason;
    expect(reason('We will waive the late fees.')).toMatch(/^A promise to waive or write off money owed/);
    expect(reason('We can offer you 60 days.')).toMatch(/^A promise on payment terms/);
    expect(reason("We'll give you a 5% discount.")).toMatch(/^A promise on prices or discounts/);
    expect(reason('We will make you our exclusive distributor.')).toMatch(/^A promise of exclusivity/);
    expect(reason('We will deliver by Friday.')).toMatch(/^A promise on deliveries/);
    expect(reason('You have my word.')).toMatch(/^A promise or commitment: the customer may hold us to it/);
  });

  it('merges overlapping matches of one kind and orders flags by start', () => {
    const text = 'Summit got 90 days. I promise, we guarantee it: we will extend your limit. Our billing team messed up.';
    const got = flags(text);
    expect(got.map((f) => f.kind)).toEqual(['OTHER_CUSTOMER', 'COMMITMENT', 'COMMITMENT', 'COMMITMENT', 'NEGATIVE_ABOUT_US']);
    const merged = flags('We guarantee, we promise, you have my word.');
    expect(merged.map((f) => f.excerpt)).toEqual(['We guarantee', 'we promise', 'you have my word']);
    // Two rules on the same words ("drop" grants and forgives); a name inside an e-mail address.
    expect(flags('We will drop the late fees.')).toMatchObject([{ start: 0, end: 26, excerpt: 'We will drop the late fees' }]);
    expect(flags('Mail jan@apex-industries.example')).toMatchObject([{ kind: 'OTHER_CUSTOMER', start: 5, end: 32, excerpt: 'jan@apex-industries.example' }]);
  });

  it('trims a long excerpt at a word and keeps the offsets of the whole match', () => {
    const text = `Our billing team ${'really '.repeat(4)}messed up.`;
    expect(flags(text)[0]?.excerpt).toBe('Our billing team really really really really messed up');
    const longName: KnownCustomer = { accountId: 'l', name: `Long ${'Name '.repeat(40)}Holdings`, domains: [] };
    const long = `We met ${longName.name} today.`;
    const [flag] = findGuardrailFlags(long, { visited, others: [longName] });
    expect(flag).toMatchObject({ start: 7, end: 7 + longName.name.length });
    expect(flag?.excerpt).toBe(`Long ${'Name '.repeat(29)}Name…`);
  });

  it('takes the customers as a list or as an index, and skips the visited one even when listed', () => {
    expect(flags('We supply Summit and Delta.', { visited, others }).map((f) => f.excerpt)).toEqual(['Summit', 'Delta']);
    expect(flags('Nordwind Logistics pays on time.', { visited, others: [visited] })).toEqual([]);
  });
});

describe('other customers', () => {
  const one = (text: string) => flags(text).filter((f) => f.kind === 'OTHER_CUSTOMER').map((f) => f.excerpt);

  it('makes legal suffixes optional and includes the written ones in the excerpt', () => {
    expect(one('Apex Industries pays late.')).toEqual(['Apex Industries']);
    expect(one('Apex Industries Ltd. pays late.')).toEqual(['Apex Industries Ltd']);
    expect(one('Apex Industries, Inc pays late.')).toEqual(['Apex Industries, Inc']);
    expect(one('Orange pays late.')).toEqual(['Orange']);
    expect(one('orange sa pays late.')).toEqual([]);
    expect(one('orange SA pays late.')).toEqual(['orange SA']);
    expect(one('Brightline Foods SpA pays late, Brightline Foods pays late.')).toEqual(['Brightline Foods SpA', 'Brightline Foods']);
    expect(one('Keller Bau AG & Co. KG is a new name.')).toEqual(['Keller Bau AG & Co. KG']);
    expect(one('Apex Industries as a customer.')).toEqual(['Apex Industries']);
  });

  it('matches whole words only, and not across a line break or a sentence', () => {
    expect(one('Summitry and Deltas and Apexindustries.')).toEqual([]);
    // Not the whole name across the line break; "Apex" on its own is the short form.
    expect(one('Apex\nIndustries')).toEqual(['Apex']);
    expect(one('Keller-Bau was there.')).toEqual(['Keller-Bau']);
  });

  it('folds accents and case for several words, and finds accented names between accented letters', () => {
    expect(one('CRÉDIT AGRICOLE LEASING called.')).toEqual(['CRÉDIT AGRICOLE LEASING']);
    expect(one('credit agricole leasing called.')).toEqual(['credit agricole leasing']);
    expect(one('Avec Müller & Söhne, déjà.')).toEqual(['Müller & Söhne']);
    expect(one('Müller & Söhnel')).toEqual([]);
    const zurich: KnownCustomer = { accountId: 'z', name: 'Zürich', domains: [] };
    const ctx = { visited, others: [zurich] };
    expect(findGuardrailFlags('Wir fahren nach Zürich.', ctx).map((f) => f.excerpt)).toEqual(['Zürich']);
    expect(findGuardrailFlags('ÄZürich und Zürichsee', ctx)).toEqual([]);
  });

  it('finds a multi-word name by its distinctive first word(s), capitalised and standing apart', () => {
    expect(one('Tannhof pays faster. tannhof. TANNHOF GmbH.')).toEqual(['Tannhof', 'TANNHOF GmbH']);
    expect(one('Like De Vaart, and de vaart, and Vaart.')).toEqual(['De Vaart']);
    expect(one("Apex's terms, Tannhof’s buyer.")).toEqual(['Apex', 'Tannhof']);
    // Next to another capitalised word it is another name (a person, a place, another company).
    expect(one('Anna Tannhof called. Tannhof Werke is new. At Tannhof Metallbau.')).toEqual(['Tannhof Metallbau']);
    // Common first words make no short form: "General Metal Logistics Ltd", "Red Mesa Foods Inc." ("Red Mesa").
    expect(one('General, Metal, Red, Red Mesa.')).toEqual(['Red Mesa']);
    expect(flags('Tannhof pays faster.')[0]?.reason).toBe(
      '"Tannhof" may be another customer (Tannhof Metallbau GmbH): leave other customers out of the conversation and the e-mail.',
    );
  });

  it("never flags a short form that is part of the visited customer's name", () => {
    const tannhofBau: KnownCustomer = { accountId: 'tb', name: 'Tannhof Bau GmbH', domains: [] };
    const ctx = { visited: tannhofBau, others: buildCustomerIndex([tannhofBau, ...others]) };
    expect(findGuardrailFlags('Tannhof pays on time; Tannhof Metallbau too.', ctx).map((f) => f.excerpt)).toEqual(['Tannhof Metallbau']);
  });

  it('flags a common-word name only where it cannot be the word', () => {
    expect(one('Best regards, Clara. best wishes. Best GmbH pays. Compared with Best. Best is to call.')).toEqual(['Best GmbH', 'Best']);
    expect(one('Summit meeting. Summit pays late. Summit’s buyer. The Summit team.')).toEqual(['Summit', 'Summit', 'Summit']);
    expect(one('- Orange forklifts\n* Orange never complained')).toEqual(['Orange']);
  });

  it('finds domains, subdomains, URLs and e-mail addresses, not look-alikes', () => {
    expect(one('Write to billing.apex-industries.example today.')).toEqual(['billing.apex-industries.example']);
    expect(one('See https://www.orange-sa.example/terms.')).toEqual(['www.orange-sa.example']);
    expect(one('Mail jo.ng+ap@mueller-soehne.example please.')).toEqual(['jo.ng+ap@mueller-soehne.example']);
    expect(one('MAIL@KELLERBAU.EXAMPLE')).toEqual(['MAIL@KELLERBAU.EXAMPLE']);
    expect(one('notkellerbau.example and kellerbau.example.org')).toEqual([]);
  });

  it('never flags the visited customer: its name, its domains, or other names contained in its name', () => {
    expect(one('Nordwind Logistics GmbH, Nordwind Logistics, NORDWIND and nordwind-logistics.example.')).toEqual([]);
    expect(one('jan@eu.nordwind-logistics.example')).toEqual([]);
    // The other Nordwind's own domain is another customer's.
    expect(one('nordwind.example')).toEqual(['nordwind.example']);
    const small: KnownCustomer = { accountId: 's', name: 'Nordwind', domains: [] };
    const big: KnownCustomer = { accountId: 'b', name: 'Nordwind Logistics', domains: [] };
    expect(findGuardrailFlags('Nordwind Logistics and Nordwind', { visited: small, others: [big, small] }).map((f) => f.excerpt)).toEqual(['Nordwind Logistics']);
  });

  it('scans a 20,000-character text against 100,000 names (the time is printed, not asserted)', () => {
    const many: KnownCustomer[] = Array.from({ length: 100_000 }, (_, i) => ({
      accountId: `a${i}`,
      name: `Customer ${i.toString(36)} Trading Ltd`,
      domains: [`c${i}.example`],
    }));
    const t0 = performance.now();
    const index = buildCustomerIndex([...many, ...others]);
    const built = performance.now() - t0;
    const text = `${'We met the buyer and discussed the payment plan for the next quarter. '.repeat(280)}Customer 2s Trading pays; see c77.example.`;
    expect(text.length).toBeGreaterThan(19_000);
    const t1 = performance.now();
    const got = findGuardrailFlags(text, { visited, others: index });
    const scanned = performance.now() - t1;
    expect(got.map((f) => f.excerpt)).toEqual(['Customer 2s Trading', 'c77.example']);
    console.info(`visit guardrails: index of 100,000 names built in ${built.toFixed(0)} ms, 20k-char text scanned in ${scanned.toFixed(1)} ms`);
  });
});

describe('commitments in German and French', () => {
  const kinds = (t: string) => flags(t).map((f) => f.kind);
  it.each([
    'Ich verspreche Ihnen, das klappt.',
    'Wir garantieren die Lieferung.',
    'Sie haben mein Wort.',
    'Darauf können Sie sich verlassen.',
    'Wir werden Ihr Limit erhöhen.',
    'Wir verlängern Ihr Zahlungsziel auf 60 Tage.',
    'Wir erlassen Ihnen die Mahngebühren.',
    'Je vous le promets.',
    'Vous avez ma parole.',
    'Nous allons augmenter votre limite de crédit.',
    'Nous annulerons les pénalités de retard.',
    'Soyez rassurée, tout ira bien.',
    'Versprochen, das klappt.',
    'Wir garantieren Ihnen den Preis.',
    'Ich verspreche es.',
    'Nous vous garantissons la livraison.',
    'Nous garantissons le prix.',
    'Je vous promets une réponse.',
    "C’est promis.",
    'Wij garanderen de levering.',
    'Ik beloof het u.',
    'Le garantizamos el precio.',
    'Le prometo una respuesta.',
  ])('flags "%s"', (t) => expect(kinds(t)).toEqual(['COMMITMENT']));
  it.each([
    'Wir prüfen, ob wir Ihr Limit erhöhen können.',
    'Das ist nicht garantiert.',
    'Ich bespreche das mit dem Team.',
    'Nous allons étudier votre demande.',
    'Je vais en parler à l’équipe.',
    'Wie versprochen sende ich Ihnen die Kontoauszüge.',
    'Nous allons vérifier si nous pouvons augmenter votre limite.',
  ])('does not flag "%s"', (t) => expect(kinds(t)).toEqual([]));
});

describe('upsertCustomers', () => {
  it('replaces a renamed customer and its domains in the index, and adds a new one', () => {
    const index = buildCustomerIndex(others);
    upsertCustomers(index, [
      { accountId: 'o2', name: 'Summit Peak Foods', domains: ['summit-peak.example'] },
      { accountId: 'n1', name: 'Fresh Account', domains: [] },
    ]);
    const found = (t: string) => findGuardrailFlags(t, { visited, others: index }).map((f) => f.excerpt);
    expect(found('Summit, Summit Peak Foods, summit-peak.example, Fresh Account')).toEqual(['Summit Peak Foods', 'summit-peak.example', 'Fresh Account']);
    upsertCustomers(index, [{ accountId: 'o2', name: 'Summit', domains: [] }]);
    expect(found('We met Summit, see summit-peak.example')).toEqual(['Summit']);
    // A short form goes with its name.
    expect(found('Tannhof and Lindenhof')).toEqual(['Tannhof']);
    upsertCustomers(index, [{ accountId: 'd1', name: 'Lindenhof Metallbau GmbH', domains: [] }]);
    expect(found('Tannhof and Lindenhof')).toEqual(['Lindenhof']);
  });
});
