/**
 * Customer visits for the demo (seed 004), on customers sales@ manages so the panel, popup and workspace have
 * something to show: an upcoming credit terms review with the account manager attending and its briefing folder
 * ready; a collection visit held last week with notes and open action items, one of them overdue; an
 * introduction followed up a month ago. Synthetic words only.
 */
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { buildQuestions, templateQuestions } from '../domain/visit-questions.js';
import { startOfUtcDay } from '../domain/visit-status.js';
import { recomputeAccount } from '../services/credit.js';
import { buildBriefingSnapshot } from '../services/visit-briefing.js';
import type { DemoPlan } from './plan.js';

const DAY_MS = 86_400_000;

const json = (v: unknown) => v as Prisma.InputJsonValue;

export async function writeVisits(prisma: PrismaClient, plan: DemoPlan, users: Map<string, string>, accounts: Map<string, string>, now: Date): Promise<number> {
  const managed = plan.accounts.filter((a) => a.accountManager === 'sales' && a.contacts.length > 0);
  const pick = (preferred: string, taken: string[]) =>
    managed.find((a) => a.externalId === preferred && !taken.includes(a.externalId)) ?? managed.find((a) => !taken.includes(a.externalId));
  const review = pick(plan.roles.reviewOverdue, []);
  const collection = pick(plan.roles.negativeCluster, review ? [review.externalId] : []);
  const intro = pick('', [review?.externalId, collection?.externalId].filter((x): x is string => !!x));
  const credit = users.get('credit')!;
  const sales = users.get('sales')!;
  const today = startOfUtcDay(now).getTime();
  const at = (day: number, hour: number) => new Date(today + day * DAY_MS + hour * 3_600_000);
  const contactsOf = async (externalId: string) =>
    prisma.contact.findMany({ where: { accountId: accounts.get(externalId)! }, orderBy: [{ name: 'asc' }], select: { id: true, name: true } });
  let count = 0;

  if (review) {
    const accountId = accounts.get(review.externalId)!;
    const [contact] = await contactsOf(review.externalId);
    const visit = await prisma.visit.create({
      data: {
        accountId,
        organizerId: credit,
        purpose: 'CREDIT_TERMS_REVIEW',
        status: 'BRIEFED',
        scheduledAt: at(4, 10),
        place: `${review.shortName} head office`,
        goals: 'Understand the trading outlook for next year\nAgree what the limit should be for the volumes they expect\nConfirm who approves our invoices',
        preMeetingNote: `Candid talk with Sam before the visit: ${review.shortName} have been good customers, but their orders have grown faster than the limit. Ask about bank facilities before discussing any change.`,
        preMeetingNoteAt: at(-1, 15),
        preMeetingNoteById: credit,
        questions: json(templateQuestions('CREDIT_TERMS_REVIEW')),
        createdAt: at(-6, 9),
        attendees: { create: [{ userId: sales }] },
        contacts: contact ? { create: [{ contactId: contact.id }] } : undefined,
      },
    });
    // The folder shows the credit status, which the caller scores only after seeding: score this account first, as
    // of the day the folder was prepared (yesterday 16:00). Scored as of now, the folder "prepared Fri 16:00" quoted
    // a status "assessed Sat 20:53" — a snapshot cannot know what was computed after it. The caller's recompute
    // later scores it as of now; the folder keeps what it said then.
    const preparedAt = at(-1, 16);
    await recomputeAccount(prisma, accountId, { asOf: preparedAt });
    const snapshot = await buildBriefingSnapshot(prisma, { accountId, visitId: visit.id, preparedBy: 'Clara Brandt', now: preparedAt });
    await prisma.visitBriefing.create({ data: { visitId: visit.id, preparedById: credit, preparedAt, full: json(snapshot.full), sales: json(snapshot.sales) } });
    count++;
  }

  if (collection) {
    const accountId = accounts.get(collection.externalId)!;
    const contacts = await contactsOf(collection.externalId);
    const questions = templateQuestions('COLLECTION').map((q, i) =>
      i === 0 ? { ...q, asked: true, answer: 'A new approval step in the accounts payable team since the autumn.' } : i === 2 ? { ...q, asked: true, answer: 'Two instalments, this month and next.' } : q,
    );
    const visit = await prisma.visit.create({
      data: {
        accountId,
        organizerId: sales,
        purpose: 'COLLECTION',
        status: 'HELD',
        scheduledAt: at(-6, 14),
        heldAt: at(-6, 14),
        place: `${collection.shortName} warehouse office`,
        goals: 'Find out why payments have slipped\nAgree dates for the overdue invoices',
        questions: json(questions),
        createdAt: at(-12, 9),
        attendees: { create: [{ userId: credit }] },
        contacts: { create: contacts.slice(0, 2).map((c) => ({ contactId: c.id })) },
        notes: {
          create: [
            { authorId: sales, takenAt: at(-6, 14.5), body: 'Warehouse quieter than on the last visit; one loading bay closed.\nNew approval step in accounts payable since the autumn.' },
            { authorId: credit, takenAt: at(-6, 15), body: 'They proposed paying the overdue invoices in two instalments.\nThey asked for copies of the October invoices with purchase order numbers.' },
          ],
        },
      },
    });
    const owner = contacts[0];
    await prisma.actionItem.createMany({
      data: [
        { accountId, visitId: visit.id, title: 'Send copies of the October invoices with purchase order numbers', ownerUserId: sales, dueOn: new Date(today + 2 * DAY_MS), createdById: sales, createdAt: at(-6, 16) },
        ...(owner
          ? [{ accountId, visitId: visit.id, title: 'Confirm the instalment dates in writing', ownerContactId: owner.id, dueOn: new Date(today - 3 * DAY_MS), createdById: credit, createdAt: at(-6, 16) }]
          : []),
      ],
    });
    count++;
  }

  if (intro) {
    const accountId = accounts.get(intro.externalId)!;
    const [contact] = await contactsOf(intro.externalId);
    const heldAt = at(-30, 11);
    const visit = await prisma.visit.create({
      data: {
        accountId,
        organizerId: sales,
        purpose: 'INTRODUCTION',
        status: 'FOLLOWED_UP',
        scheduledAt: heldAt,
        heldAt,
        followUpSubject: 'Our meeting: summary and next steps',
        followUpBody: `${contact ? `Dear ${contact.name},` : 'Hello,'}\n\nThank you for meeting us. We will send our invoicing requirements sheet.\n\nKind regards,\nSam Okafor`,
        followUpDraftedAt: at(-29, 9),
        followedUpAt: at(-29, 9),
        followedUpById: sales,
        goals: 'Introduce the credit team\nLearn what they need on our invoices',
        questions: json(buildQuestions([{ template: 'intro-invoicing', text: templateQuestions('INTRODUCTION')[2]!.text, asked: true, answer: 'Purchase order number and site code on every invoice.' }])),
        createdAt: at(-35, 9),
        attendees: { create: [{ userId: credit }] },
        contacts: contact ? { create: [{ contactId: contact.id }] } : undefined,
        notes: { create: [{ authorId: sales, takenAt: heldAt, body: 'They need the purchase order number and site code on every invoice.' }] },
      },
    });
    await prisma.actionItem.create({
      data: { accountId, visitId: visit.id, title: 'Send the invoicing requirements sheet', ownerUserId: credit, dueOn: new Date(today - 25 * DAY_MS), status: 'DONE', completedAt: at(-27, 10), createdById: sales, createdAt: heldAt },
    });
    count++;
  }
  return count;
}
