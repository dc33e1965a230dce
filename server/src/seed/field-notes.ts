/**
 * Everyday field notes on the good payers: mostly positive signals (busy, hiring, well-kept premises), some
 * harmless negatives (a seasonal dip, an AP clerk on maternity leave, as seed 000 warns), and customer-card
 * notes. Older signals are acknowledged or resolved, as they would be after a few months.
 */
import type { SignalType } from '@earshot/shared';
import { at, workday } from './credit-file.js';
import { COUNTRIES } from './names.js';
import { type AccountPlan, type NotePlan, note, otherContact, payablesContact, type SignalPlan, signal } from './observations.js';
import { demoUser } from './people.js';
import type { Rng } from './random.js';
import { dayMonth, fill, fullDate, monthName, weekday } from './text.js';

const TEXTS: Partial<Record<SignalType, readonly string[]>> = {
  BUSY: [
    "All loading bays busy when I visited on {weekday}; they've added a Saturday shift.",
    'Car park full and two new trucks in their colours. {contact} says the order book is full for the next six months.',
    'Running three shifts again; {contact} asked us to hold extra stock for them.',
    'Hard to get a meeting slot: {contact} is juggling two big customer launches this month.',
    'Yard full of outgoing pallets on {weekday} afternoon; they are behind on shipping because demand is up.',
  ],
  PREMISES_WELL_KEPT: [
    'Site tidy, new racking in the warehouse, offices freshly painted.',
    'Reception renovated since my last visit; shop floor clean and organised.',
    'New roof on the main building and a new canteen; everything looks well looked after.',
    'Fleet recently repainted and the showroom redone; clearly investing in the place.',
  ],
  HIRING: [
    'Job ads out for two warehouse supervisors and a planner.',
    'They have taken on a new buyer to cope with the volumes; {contact} introduced her on {weekday}.',
    'Apprentice intake doubled this year, according to {contact}.',
    'Looking for a second shift lead and three drivers; ads on their website and at the gate.',
  ],
  POSITIVE_NEWS: [
    'Won a three-year contract with a national supermarket chain; volumes up from next quarter.',
    'Opening a second site next year; {contact} expects our volumes to grow with it.',
    'Local paper ran a piece on their export growth; {contact} confirmed a record year.',
    'Certified by a large retailer as a preferred supplier; {contact} expects more volume in the new year.',
    'Bought the building next door to extend the warehouse.',
  ],
  QUIET: [
    "Quieter than usual on my visit, half the lines idle; {contact} says it's the usual seasonal dip.",
    'Office half empty on {weekday}; {contact} says many are on holiday, orders are steady.',
  ],
  KEY_PERSON_LEFT: ['Their AP clerk {leaver} is on parental leave for a few months, so invoices may sit a few days longer. {payables} is covering.'],
  ORDER_DROP: ['Orders for the coming season lower than last year; {contact} says they are de-stocking after a slow quarter.'],
  OTHER: ['Moving to a new ERP next month; {payables} asked us to resend open invoices with the new PO format.', 'They want all invoices as PDF to the AP mailbox from now on, no paper.'],
};

const WEIGHTED: readonly SignalType[] = ['BUSY', 'BUSY', 'BUSY', 'PREMISES_WELL_KEPT', 'PREMISES_WELL_KEPT', 'HIRING', 'HIRING', 'POSITIVE_NEWS', 'POSITIVE_NEWS', 'QUIET', 'KEY_PERSON_LEFT', 'ORDER_DROP', 'OTHER'];

const CARD_NOTES: readonly string[] = [
  'Visited {date} with {credit}: toured the site, agreed a quarterly statement call with {payables}.',
  'Why they buy from us: {reasons}. {contact} confirmed nothing has changed.',
  '{payables} prefers a call before any reminder. Business review booked for {month}.',
];

export function fieldNotes(rng: Rng, accounts: readonly AccountPlan[], skip: ReadonlySet<string>, today: number): { signals: SignalPlan[]; notes: NotePlan[] } {
  const signals: SignalPlan[] = [];
  const notes: NotePlan[] = [];
  for (const a of accounts) {
    if (a.profile !== 'steady' || skip.has(a.externalId)) continue;
    const values = (day: number) => ({
      weekday: weekday(day),
      contact: otherContact(a),
      payables: payablesContact(a),
      leaver: `${rng.pick(COUNTRIES[a.country].firstNames)} ${rng.pick(COUNTRIES[a.country].lastNames)}`,
      date: dayMonth(day),
      month: monthName(today + 60),
      credit: demoUser(a.creditOwner).name,
      // Lower-case the first letter unless it starts an acronym ("UN-approved drums").
      reasons: a.whyTheyBuy.map((r) => (/^[A-Z][a-z]/.test(r) ? r.charAt(0).toLowerCase() + r.slice(1) : r)).join('; '),
    });
    if (rng.chance(0.6)) {
      for (const type of new Set(rng.sample(WEIGHTED, rng.int(1, 2)))) {
        const daysAgo = rng.int(4, 240);
        const observed = workday(today - daysAgo);
        const status = daysAgo > 90 ? rng.pick(['ACKNOWLEDGED', 'RESOLVED'] as const) : 'OPEN';
        // The everyday negatives are minor: a seasonal dip, maternity cover.
        const severity = type === 'KEY_PERSON_LEFT' || type === 'ORDER_DROP' ? 1 : undefined;
        signals.push(signal(a, type, at(observed, rng.int(8, 17), rng.int(0, 59)), fill(rng.pick(TEXTS[type]!), values(observed)), { status, severity }));
      }
    }
    if (rng.chance(0.45)) {
      const written = workday(today - rng.int(5, 200));
      notes.push(note(a, at(written, rng.int(8, 17), rng.int(0, 59)), fill(rng.pick(CARD_NOTES), values(written))));
    }
    if (rng.chance(0.2) && a.lastReviewedAt) {
      const reviewed = Math.floor(a.lastReviewedAt.getTime() / 86_400_000);
      notes.push(
        note(
          a,
          a.lastReviewedAt,
          `Yearly review done ${fullDate(reviewed)}: limit kept, no security held, pays within terms. Next review ${fullDate(reviewed + 365)}.`,
          'CREDIT_ONLY',
        ),
      );
    }
  }
  return { signals, notes };
}
