/**
 * The demo's storyline in field signals and notes, written the way sales and credit write them. Each story
 * matches the account's ledger (the invoice numbers and amounts quoted are its own) and names the internal
 * owner who can fix a dispute or a delivery problem (seed 001).
 */
import { at, BANKS, type CreditReportPlan, workday } from './credit-file.js';
import { type AccountPlan, type NotePlan, note, otherContact, payablesContact, type SignalPlan, signal } from './observations.js';
import { demoUser } from './people.js';
import type { ProfileAssignment } from './profiles.js';
import type { Rng } from './random.js';
import type { StoryRoles } from './roles.js';
import { dayMonth, money, monthName, weekday } from './text.js';

export interface Storyline {
  signals: SignalPlan[];
  notes: NotePlan[];
}

export interface StoryInput {
  accounts: ReadonlyMap<string, AccountPlan>;
  assignment: ProfileAssignment;
  roles: StoryRoles;
  reports: readonly CreditReportPlan[];
  today: number;
}

const firstName = (key: Parameters<typeof demoUser>[0]) => demoUser(key).name.split(' ')[0]!;

/** Open invoices whose due date is within [from, to] days ago, largest first. */
export function overdueInvoices(a: AccountPlan, today: number, fromDaysAgo: number, toDaysAgo: number) {
  const paid = new Map<string, number>();
  for (const p of a.ledger.payments) paid.set(p.invoiceKey, (paid.get(p.invoiceKey) ?? 0) + p.amount);
  return a.ledger.invoices
    .filter((inv) => inv.amount > 0 && inv.dueDay <= today - fromDaysAgo && inv.dueDay >= today - toDaysAgo && (paid.get(inv.key) ?? 0) < inv.amount)
    .sort((x, y) => y.amount - x.amount);
}

/** Amount-weighted days beyond terms of the payments received in the last `days` days. */
function recentLateness(a: AccountPlan, today: number, days: number): number {
  const due = new Map(a.ledger.invoices.map((inv) => [inv.key, inv.dueDay]));
  const recent = a.ledger.payments.filter((p) => p.receivedDay > today - days);
  const total = recent.reduce((s, p) => s + p.amount, 0);
  return total ? Math.round(recent.reduce((s, p) => s + p.amount * (p.receivedDay - due.get(p.invoiceKey)!), 0) / total) : 0;
}

export function buildStoryline(rng: Rng, input: StoryInput): Storyline {
  const { accounts, roles, today, assignment } = input;
  const acc = (id: string) => accounts.get(id)!;
  const signals: SignalPlan[] = [];
  const notes: NotePlan[] = [];
  const d = (daysAgo: number) => workday(today - daysAgo);
  const day = (daysAgo: number, hour = rng.int(8, 17)) => at(d(daysAgo), hour, rng.int(0, 59));

  // 1. The account going wrong, seen from the field first (seed 000's questions, one answer at a time).
  {
    const a = acc(roles.negativeCluster);
    const buyer = otherContact(a);
    signals.push(
      signal(a, 'QUIET', day(75), `Dropped in on ${weekday(d(75))}: warehouse half empty, only one of the three loading bays working. Normally you can't find a parking space there.`, { status: 'ACKNOWLEDGED' }),
      signal(a, 'ORDER_DROP', day(61), `Reorder for their next promotion came in at about half the usual quantity. ${buyer} said they are "managing stock tightly" this quarter.`, { status: 'ACKNOWLEDGED' }),
      signal(a, 'KEY_PERSON_LEFT', day(47), 'Their finance director left at the end of last month after 12 years; AP now reports straight to the MD. Nobody has taken over the supplier calls yet.'),
      signal(a, 'STAFF_CUTS', day(26), `Their driver told me they let the night shift go, around 15 people. ${buyer} didn't deny it when I asked.`, { severity: 3 }),
      signal(a, 'SALES_DECLINE', day(19), 'The MD mentioned sales are down about 20% on last year since they lost their biggest retail contract.'),
      signal(a, 'PREMISES_RUNDOWN', day(8), 'Reception closed, had to ring the warehouse to get in. Two of their trucks parked up with flat tyres, forklifts standing idle.'),
    );
    notes.push(
      note(a, day(29), `Call with ${payablesContact(a)}: they are "reviewing all supplier terms" and asked whether we could move them to 60 days. Said I'd talk to credit; promised nothing.`),
      note(
        a,
        day(17),
        `Payments drifting since ${monthName(today - 135)}: on terms before that, now about ${recentLateness(a, today, 45)} days beyond terms. Proposing to hold orders above the current limit until the oldest open invoices are paid; agreed with ${firstName(a.accountManager)}.`,
        'CREDIT_ONLY',
      ),
    );
  }

  // 2. New bank details on a remittance: verified on the number already on file, never the one in the e-mail.
  {
    const a = acc(roles.bankChange);
    const [oldBank, newBank] = BANKS[a.country];
    const contact = payablesContact(a);
    signals.push(
      signal(a, 'BANK_CHANGE', day(21), `Their last remittance came from a new account at ${newBank} (was ${oldBank}). Called ${contact} on the number we already had on file, not the one in the e-mail: confirmed, they moved banks after a refinancing.`, { source: 'CREDIT' }),
    );
    notes.push(note(a, day(20), `Bank change verified by phone with ${contact} on ${dayMonth(d(21))}. Any further change of bank details: call back on the known number before releasing a refund.`, 'CREDIT_ONLY'));
  }

  // 3. Small invoices paid, large ones not — and the bureau has noticed too.
  {
    const a = acc(roles.scoreDrop);
    const scores = input.reports.filter((r) => r.accountExternalId === a.externalId).map((r) => r.score);
    const latest = scores[scores.length - 1]!;
    const before = scores[scores.length - 2]!;
    signals.push(signal(a, 'CREDIT_REPORT_CHANGE', day(14), `Bureau score down from ${before} to ${latest}: accounts filed late and a new charge registered in favour of their bank.`, { source: 'CREDIT' }));
    const large = overdueInvoices(a, today, 1, 150)[0];
    notes.push(
      note(a, day(40), `They keep asking for the small top-up orders to go out fast, but the big ${large ? `invoice ${large.number}` : 'order'} is "with finance". ${payablesContact(a)} is friendly but vague about dates.`),
    );
  }
  {
    const a = acc(assignment.picked.smallNotLarge[1]!);
    notes.push(note(a, day(22), `Rang ${payablesContact(a)} about the large open invoices: "in the next payment run", for the third time. The small ones keep arriving on the due date.`, 'CREDIT_ONLY'));
  }

  // 4. The watched country: transfers stuck, account on hold.
  {
    const a = acc(roles.countryRisk);
    const old = overdueInvoices(a, today, 60, 120);
    signals.push(
      signal(a, 'COUNTRY_RISK', day(35), `Transfers abroad now need central-bank approval; their USD payments are stuck in the queue, not refused. ${payablesContact(a)} sends us the filing receipts.`, { source: 'CREDIT' }),
    );
    notes.push(
      note(a, day(33), `Put on hold: ${old.length} invoice${old.length === 1 ? '' : 's'} more than 60 days overdue. Releasing orders case by case when a transfer is confirmed. ${firstName(a.accountManager)} informed.`, 'CREDIT_ONLY'),
    );
  }

  // 5. A dispute holding up payment, with the colleague who can fix it (seed 001).
  {
    const a = acc(roles.dispute);
    const held = overdueInvoices(a, today, 60, 120)[0] ?? overdueInvoices(a, today, 1, 365)[0];
    const ref = held ? `invoice ${held.number} (${money(held.amount, held.currency)})` : 'their last invoice';
    signals.push(
      signal(a, 'DISPUTE', day(52), `They're holding ${ref} because 40 cartons arrived crushed. Leon Fischer in Customer Service has the photos and can issue a credit or a replacement; he needs the delivery note number from ${payablesContact(a)}.`),
    );
    notes.push(note(a, day(50), `Dispute on ${ref}: internal owner Leon Fischer (Customer Service). ${payablesContact(a)} will release payment once the replacement is confirmed. The other overdue invoices are not disputed.`));
  }

  // 6. A delivery problem holding up payment, owned by Logistics.
  {
    const a = acc(roles.deliveryProblem);
    const held = overdueInvoices(a, today, 1, 120)[0];
    const ref = held ? `invoice ${held.number}` : 'the open invoices';
    signals.push(
      signal(a, 'DELIVERY_PROBLEM', day(16), `Deliveries to their new site keep missing the Friday morning slot, so goods sit at the gate over the weekend. They won't pay ${ref} until the schedule is fixed. Nadia Haddad (Logistics) owns the route change.`),
    );
    notes.push(note(a, day(15), `Delivery problem: owner Nadia Haddad (Logistics), moving them to the Thursday route from next week. Told ${payablesContact(a)} we'd confirm in writing.`));
  }

  // 7. A past delivery problem, solved with a credit note.
  {
    const a = acc(assignment.picked.creditNote[0]!);
    const cn = a.ledger.invoices.find((inv) => inv.amount < 0)!;
    const corrected = a.ledger.invoices.find((inv) => inv.key === cn.correctsKey)!;
    signals.push(
      signal(a, 'DELIVERY_PROBLEM', at(workday(corrected.issuedDay + 3), 11), `A pallet on invoice ${corrected.number} arrived damaged; they refused that part of the delivery and are waiting for a credit.`, { status: 'RESOLVED' }),
    );
    notes.push(
      note(a, at(cn.issuedDay, 15), `Credit note ${cn.number} (${money(-cn.amount, cn.currency)}) issued for the damaged pallet on invoice ${corrected.number}, to be set off against their next invoice. Nadia Haddad (Logistics) has switched their deliveries to another carrier.`),
    );
  }

  // 8. Corporate events that should trigger a call (seed 003).
  {
    const a = acc(roles.merger);
    signals.push(signal(a, 'MERGER_ACQUISITION', day(40), `They're being bought by a larger European group; the deal should close next quarter. ${otherContact(a)} expects purchasing to move to the new owner's head office.`));
    notes.push(note(a, day(38), "After closing, ask for the new parent's accounts and check who signs for purchases: the limit was set on the stand-alone balance sheet.", 'CREDIT_ONLY'));
    const b = acc(roles.leadershipChange);
    signals.push(signal(b, 'LEADERSHIP_CHANGE', day(25), 'New CEO started this month, came from a private-equity portfolio company. First all-hands was all about cost discipline and "reviewing every supplier".'));
  }

  // 9. The watched industry, from the field.
  {
    const a = acc(roles.industryDownturn);
    signals.push(signal(a, 'INDUSTRY_DOWNTURN', day(45), 'Site activity across the region is well down; two of their main contractors have paused projects until further notice.'));
  }

  // 10. The one getting better.
  {
    const a = acc(assignment.picked.improving[0]!);
    signals.push(
      signal(a, 'POSITIVE_NEWS', day(112), 'New owner put fresh capital in. They cleared the backlog in one go and the new finance lead says invoices will be paid on the due date from now on.', { status: 'ACKNOWLEDGED' }),
      signal(a, 'HIRING', day(40), 'Hiring again: ads out for a production planner and two operators.'),
    );
    notes.push(note(a, day(10), 'Paid on the due date three months running since the capital injection. Suggest moving them back to the yearly review cycle at the next review.', 'CREDIT_ONLY'));
  }

  // 11. Over the limit because business is good: a request for more credit.
  {
    const [first, second, third] = assignment.picked.overLimit.map(acc);
    const ask = Math.ceil((first!.creditLimit * 1.5) / 1_000_000) * 1_000_000;
    signals.push(signal(first!, 'BUSY', day(12), "Flat out at the moment: they've added a Saturday shift and the yard is full of outgoing pallets."));
    notes.push(note(first!, day(11), `Limit request: ${otherContact(first!)} asks for ${money(ask, first!.currency)} to cover the next months' orders; their order book supports it. Credit to decide.`));
    signals.push(signal(second!, 'HIRING', day(30), 'Recruiting for a second shift, about 20 operators according to the plant manager.'));
    notes.push(note(third!, day(6), `Over the limit after the big order of ${monthName(today - 30)}. Asked ${payablesContact(third!)} for a payment before the next delivery goes out.`, 'CREDIT_ONLY'));
  }

  // 12. The third slipping account: quieter, fewer orders.
  {
    const a = acc(assignment.picked.slipping[2]!);
    signals.push(
      signal(a, 'ORDER_DROP', day(50), 'Orders down for the second month; the buyer says their own customers are postponing projects.'),
      signal(a, 'QUIET', day(33), `Only a skeleton crew in the office on my visit; ${otherContact(a)} said half the team is on short-time work.`),
    );
  }

  // 13. A new customer and a good one overdue for review.
  {
    const a = acc(assignment.picked.brandNew[0]!);
    const score = input.reports.find((r) => r.accountExternalId === a.externalId)?.score;
    notes.push(
      note(a, day(4), `New customer, opened ${dayMonth(d(6))}. Bureau report clean${score ? ` (score ${score})` : ''}; opening limit ${money(a.creditLimit, a.currency)} approved. First order expected next month.`, 'CREDIT_ONLY'),
      note(a, day(3), `Introduction visit done: ${payablesContact(a)} handles invoices; they want weekly deliveries and e-invoices to the AP mailbox.`),
    );
    const b = acc(roles.reviewOverdue);
    notes.push(note(b, day(20), `Good customer for years, pays like clockwork. ${otherContact(b)} mentioned they might open a second site next year.`));
  }

  return { signals, notes };
}
