/**
 * Data for the authorization tests: one account with every kind of row a viewer could reach (ledger with
 * over-limit and overdue alerts, a bank change, a credit report, contacts, signals, notes of both
 * visibilities, two import warnings, a watch, a webhook, a distribution list, an adapter-health report, an open and an answered intel request), built once per
 * test file.
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import type { Role, TokenScope } from '@earshot/shared';
import { recomputeAccount } from '../services/credit.js';
import { liveEvidence } from '../services/health-checks.js';
import { ok, type TestServer } from './server.js';

export const IBAN_OLD = 'DE89370400440532013000';
export const IBAN_NEW = 'GB29NWBK60161331926819';
export const SECRET_NOTE = 'Bank called about a returned direct debit';

export interface AuthzFixture {
  accountId: string;
  accountGid: string;
  ids: Record<string, string>;
}

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

export async function buildAuthzFixture(s: TestServer): Promise<AuthzFixture> {
  const as = (role: Role) => s.as(role);
  const accountGid = ok(
    await as('CREDIT')(
      `mutation { createAccount(input: { name: "Slowpay Ltd", domains: ["slowpay.example"], industry: "Construction", country: "DE", creditLimit: "10000.00", paymentTermsDays: 30, anticipatedMonthlyPurchases: "1000.00", description: "Builds things", externalId: "ERP-1", website: "https://slowpay.example", businessUnit: "North", holdReason: "Awaiting payment", ourValue: "Sole source", alternatives: "None nearby", contactFrequencyDays: 30, lastContactAt: "2026-10-01T00:00:00Z", accountManagerId: "${encodeGlobalID('User', s.users.SALES.id)}", creditOwnerId: "${encodeGlobalID('User', s.users.CREDIT.id)}", crmLinks: [{ system: SALESFORCE, objectType: "Account", recordId: "001A000001abcDEF" }] }) { account { id } } }`,
    ),
  ).createAccount.account.id as string;
  const accountId = (await s.db.prisma.account.findFirstOrThrow({ where: { name: 'Slowpay Ltd' } })).id;
  ok(await as('CREDIT')(`mutation { createAccount(input: { name: "Calm Co", creditLimit: "500.00" }) { account { id } } }`));

  // Ledger: 12 invoices paid on time, then three large ones unpaid well past due → OVER_LIMIT and OVERDUE.
  const invoices = [];
  for (let m = 0; m < 12; m++) {
    const issued = new Date(Date.UTC(2025, 9 + m, 1));
    invoices.push({ externalId: `T-${m}`, number: `T-${m}`, currency: 'EUR', amount: '1000.00', issuedAt: issued, dueAt: new Date(issued.getTime() + 30 * 86400_000), accountId });
  }
  for (const [n, issued] of [['BIG-1', '2026-08-01'], ['BIG-2', '2026-08-15'], ['BIG-3', '2026-09-01']] as const) {
    invoices.push({ externalId: n, number: n, currency: 'EUR', amount: '5000.00', issuedAt: day(issued), dueAt: new Date(day(issued).getTime() + 30 * 86400_000), accountId });
  }
  // One open invoice in another currency (CreditStatus.otherCurrencies).
  invoices.push({ externalId: 'USD-1', number: 'USD-1', currency: 'USD', amount: '700.00', issuedAt: day('2026-10-01'), dueAt: day('2026-10-31'), accountId });
  await s.db.prisma.invoice.createMany({ data: invoices });
  const paid = await s.db.prisma.invoice.findMany({ where: { accountId, externalId: { startsWith: 'T-' } } });
  await s.db.prisma.payment.createMany({
    data: paid.map((i) => ({ externalId: `P-${i.externalId}`, invoiceId: i.id, amount: i.amount, receivedAt: new Date(i.dueAt.getTime() - 2 * 86400_000) })),
  });

  // Bank details recorded twice: a BANK_CHANGE signal (its note names the last 4 digits) and alert.
  const bank = `mutation ($i: RecordBankDetailsInput!) { recordBankDetails(input: $i) { changed } }`;
  ok(await as('CREDIT')(bank, { i: { accountId: accountGid, iban: IBAN_OLD, bankName: 'Old Bank' } }));
  ok(await as('CREDIT')(bank, { i: { accountId: accountGid, iban: IBAN_NEW, bankName: 'New Bank' } }));
  ok(
    await as('CREDIT')(`mutation ($i: RecordCreditReportInput!) { recordCreditReport(input: $i) { creditReport { score } } }`, {
      i: { accountId: accountGid, score: 61, rating: 'B2', source: 'Synthetic Bureau', reportedAt: '2026-09-01T00:00:00Z' },
    }),
  );
  const contactGid = ok(
    await as('SALES')(`mutation ($i: CreateContactInput!) { createContact(input: $i) { contact { id } } }`, { i: { accountId: accountGid, name: 'Pat Payables', email: 'pat@slowpay.example' } }),
  ).createContact.contact.id as string;
  const signalGid = ok(
    await as('SALES')(`mutation ($i: CreateSignalInput!) { createSignal(input: $i) { signal { id } } }`, { i: { accountId: accountGid, type: 'QUIET', note: 'Quiet warehouse' } }),
  ).createSignal.signal.id as string;
  const note = `mutation ($i: AddNoteInput!) { addNote(input: $i) { note { id } } }`;
  const secretNoteGid = ok(await as('CREDIT')(note, { i: { accountId: accountGid, body: SECRET_NOTE, visibility: 'CREDIT_ONLY' } })).addNote.note.id as string;
  const openNoteGid = ok(await as('SALES')(note, { i: { accountId: accountGid, body: 'New warehouse opened' } })).addNote.note.id as string;
  const watchGid = ok(
    await as('CREDIT')(`mutation { addWatch(input: { kind: INDUSTRY, value: "Construction", reason: "Demand is down" }) { watch { id } } }`),
  ).addWatch.watch.id as string;
  // Written directly: createWebhook resolves the host name, and the tests must not depend on DNS.
  const webhook = await s.db.prisma.webhook.create({
    data: { url: 'https://hooks.example/earshot', events: ['alert.raised'], secret: 'whsec_test', createdById: s.users.ADMIN.id },
  });
  await s.db.prisma.webhookDelivery.create({ data: { webhookId: webhook.id, event: 'alert.raised', status: 'DELIVERED', payload: { id: 'x' } } });
  const webhookGid = encodeGlobalID('Webhook', webhook.id);
  ok(await as('SALES')(`mutation { reportAdapterHealth(input: { site: "gmail", pageType: "thread", missing: ["sender"], structure: "div>div", host: "mail.google.com" }) { ok } }`));

  // Intel requests: one open (to SALES, the account manager), one answered with a signal (Signal.intelRequest).
  const intel = `mutation ($i: CreateIntelRequestInput!) { createIntelRequest(input: $i) { intelRequest { id } } }`;
  const openIntelGid = ok(
    await as('CREDIT')(intel, { i: { accountId: accountGid, questions: [{ template: 'PREMISES' }, { text: 'Who runs the warehouse now?' }], message: 'Before the review', dueAt: '2099-01-01T00:00:00Z' } }),
  ).createIntelRequest.intelRequest.id as string;
  const answeredIntelGid = ok(await as('CREDIT')(intel, { i: { accountId: accountGid, questions: [{ template: 'HIRING' }] } })).createIntelRequest.intelRequest.id as string;
  const intelSignalGid = ok(
    await as('SALES')(`mutation ($i: AnswerIntelRequestInput!) { answerIntelRequest(input: $i) { signals { id } } }`, {
      i: { intelRequestId: answeredIntelGid, answers: [{ questionId: 'HIRING', choice: 'YES', note: 'Two new drivers' }] },
    }),
  ).answerIntelRequest.signals[0].id as string;
  // A delivery problem on BIG-3 (Dispute, Account.disputes, creditActions, CreditStatus.disputed) and a filled
  // customer card. Not a key account: its cadence alert's detail ("No contact for 52 days…") has digits that are
  // not figures, and would stand in for the masked ledger details the matrix checks on the account's first alert.
  const big3 = await s.db.prisma.invoice.findFirstOrThrow({ where: { accountId, externalId: 'BIG-3' } });
  // Opened by credit (only credit names a dispute's invoices), owned by the sales user.
  const disputeGid = ok(
    await as('CREDIT')(`mutation ($i: OpenDisputeInput!) { openDispute(input: $i) { dispute { id } } }`, {
      i: { accountId: accountGid, kind: 'DELIVERY_PROBLEM', reason: 'Pallets damaged', ownerTeam: 'logistics', ownerId: encodeGlobalID('User', s.users.SALES.id), invoiceIds: [encodeGlobalID('Invoice', big3.id)], expectedBy: '2026-12-31T00:00:00Z' },
    }),
  ).openDispute.dispute.id as string;
  ok(
    await as('SALES')(`mutation ($i: UpdateCustomerCardInput!) { updateCustomerCard(input: $i) { account { id } } }`, {
      i: { accountId: accountGid, whyTheyBuy: ['Next-day spares'], preferredChannel: 'PHONE', preferredTone: 'FRIENDLY' },
    }),
  );
  ok(await as('CREDIT')(`mutation { setCollectionStatus(input: { accountId: "${accountGid}", status: REMINDERS, note: "First reminder" }) { account { id } } }`));

  await recomputeAccount(s.db.prisma, accountId, { asOf: day('2026-11-22') });

  // Health-check reviews (written directly, so the account's review dates, limit and signals stay as above): a
  // completed one with notes that name figures, and the open one; a rate into the reporting currency; a capacity.
  const startedAt = day('2026-11-15');
  const evidence = await liveEvidence(s.db.prisma, { accountId, startedAt, scoreBefore: 61 }, day('2026-11-20'));
  const doneReview = await s.db.prisma.healthCheck.create({
    data: {
      accountId,
      reviewerId: s.users.CREDIT.id,
      status: 'DONE',
      plannedMonth: '2026-11',
      dueAt: day('2026-11-10'),
      startedAt,
      completedAt: day('2026-11-20'),
      completedById: s.users.CREDIT.id,
      creditReportChecked: true,
      creditReportNote: 'Score 61, as in September',
      scoreBefore: 61,
      scoreAfter: 61,
      bankDetailsUnchanged: false,
      bankDetailsNote: 'New IBAN ending 6819 confirmed by phone',
      purchasesNote: 'About 1000 a month',
      paymentPatternConsistent: false,
      paymentPatternNote: 'Paying 45 days late lately',
      evidence: evidence as never,
      salesView: 'QUIET',
      salesComment: 'Warehouse quieter',
      salesViewById: s.users.SALES.id,
      salesViewAt: day('2026-11-17'),
      outcome: 'FOLLOW_UP',
      outcomeNote: 'Keep the limit at 10000 for now',
      newCreditLimit: '10000.00',
      putOnHold: false,
      nextReviewAt: day('2027-02-20'),
    },
  });
  const openReview = await s.db.prisma.healthCheck.create({ data: { accountId, reviewerId: s.users.CREDIT.id, status: 'PLANNED', plannedMonth: '2026-12', dueAt: day('2026-12-10') } });
  await s.db.prisma.exchangeRate.create({ data: { base: 'EUR', currency: 'USD', rate: '0.9', asOf: day('2026-11-30') } });
  await s.db.prisma.user.update({ where: { id: s.users.SALES.id }, data: { reviewCapacity: 4 } });
  const alerts = await s.db.prisma.alert.findMany({ where: { accountId } });
  const alertOf = (rule: string) => encodeGlobalID('Alert', alerts.find((a) => a.rule === rule)!.id);
  const bankSignal = await s.db.prisma.signal.findFirstOrThrow({ where: { accountId, type: 'BANK_CHANGE' } });
  const invoice = await s.db.prisma.invoice.findFirstOrThrow({ where: { accountId, externalId: 'BIG-1' } });
  const paidInvoice = await s.db.prisma.invoice.findFirstOrThrow({ where: { accountId, externalId: 'T-0' } });
  const visit = await buildVisit(s, accountGid, contactGid);
  // Import warnings (written directly, so the ledger above stays as it is): one open, one acknowledged by CREDIT.
  const ledgerImport = await s.db.prisma.ledgerImport.create({ data: { via: 'cli', source: 'payments.csv', rows: 2, warningCount: 2 } });
  const warning = (kind: 'OVERPAYMENT' | 'DUPLICATE_PAYMENT', externalId: string) => ({
    importId: ledgerImport.id,
    accountId,
    kind,
    rowKind: 'PAYMENT',
    externalId,
    message: `Payment "${externalId}" of EUR 5000.00 on invoice "BIG-1": EUR 4000.00 more than is open`,
    amount: '4000.00',
    currency: 'EUR',
  });
  await s.db.prisma.ledgerWarning.create({ data: warning('OVERPAYMENT', 'P-OVER-1') });
  const ackedWarning = await s.db.prisma.ledgerWarning.create({
    data: { ...warning('DUPLICATE_PAYMENT', 'P-DUP-1'), acknowledgedAt: day('2026-11-21'), acknowledgedById: s.users.CREDIT.id },
  });
  const distributionList = await s.db.prisma.distributionList.create({
    data: { name: 'Executives', description: 'The board', addresses: ['ceo@test.earshot.test', 'cfo@test.earshot.test'] },
  });
  return {
    accountId,
    accountGid,
    ids: {
      distributionList: encodeGlobalID('DistributionList', distributionList.id),
      account: accountGid,
      dispute: disputeGid,
      contact: contactGid,
      signal: signalGid,
      bankSignal: encodeGlobalID('Signal', bankSignal.id),
      secretNote: secretNoteGid,
      openNote: openNoteGid,
      watch: watchGid,
      webhook: webhookGid,
      invoice: encodeGlobalID('Invoice', invoice.id),
      paidInvoice: encodeGlobalID('Invoice', paidInvoice.id),
      ledgerWarning: encodeGlobalID('LedgerWarning', ackedWarning.id),
      user: encodeGlobalID('User', s.users.SALES.id),
      overLimitAlert: alertOf('OVER_LIMIT'),
      overdueAlert: alertOf('OVERDUE'),
      bankAlert: alertOf('BANK_CHANGE'),
      openIntel: openIntelGid,
      answeredIntel: answeredIntelGid,
      intelSignal: intelSignalGid,
      doneReview: encodeGlobalID('HealthCheck', doneReview.id),
      openReview: encodeGlobalID('HealthCheck', openReview.id),
      ...visit,
    },
  };
}

/**
 * A customer visit (issue 9) organized by CREDIT with SALES attending, held, with notes, a signal from them, a
 * briefing, an action item, a drafted follow-up, an acknowledged flag and a report.
 */
async function buildVisit(s: TestServer, accountGid: string, contactGid: string): Promise<Record<string, string>> {
  const as = (role: Role) => s.as(role);
  const visitGid = ok(
    await as('CREDIT')(`mutation ($i: PlanVisitInput!) { planVisit(input: $i) { visit { id } } }`, {
      i: {
        accountId: accountGid,
        purpose: 'CREDIT_TERMS_REVIEW',
        scheduledAt: '2026-11-20T09:00:00Z',
        place: 'Slowpay yard',
        attendeeIds: [encodeGlobalID('User', s.users.SALES.id)],
        contactIds: [contactGid],
        goals: 'Review the terms',
      },
    }),
  ).planVisit.visit.id as string;
  const i = { visitId: visitGid };
  ok(await as('CREDIT')(`mutation ($i: RecordPreVisitMeetingInput!) { recordPreVisitMeeting(input: $i) { visit { id } } }`, { i: { ...i, note: 'Candid: they are stretched' } }));
  ok(await as('CREDIT')(`mutation ($i: PrepareVisitBriefingInput!) { prepareVisitBriefing(input: $i) { visit { id } } }`, { i }));
  const added = ok(
    await as('SALES')(`mutation ($i: AddVisitNotesInput!) { addVisitNotes(input: $i) { note { id } flags { kind excerpt } } }`, {
      i: { ...i, notes: 'Yard is busy, new forklifts. We guarantee the new limit.', idempotencyKey: 'matrix-visit-note' },
    }),
  ).addVisitNotes;
  const noteGid = added.note.id as string;
  ok(await as('SALES')(`mutation ($i: RaiseSignalFromVisitNoteInput!) { raiseSignalFromVisitNote(input: $i) { signal { id } } }`, { i: { visitNoteId: noteGid, type: 'BUSY', excerpt: 'Yard is busy' } }));
  const actionItemGid = ok(
    await as('SALES')(`mutation ($i: AddActionItemInput!) { addActionItem(input: $i) { actionItem { id } } }`, { i: { ...i, title: 'Send the accounts', ownerContactId: contactGid, dueOn: '2026-11-27T00:00:00Z' } }),
  ).addActionItem.actionItem.id as string;
  ok(await as('SALES')(`mutation ($i: DraftVisitFollowUpInput!) { draftVisitFollowUp(input: $i) { visit { id } } }`, { i }));
  // Only a flag raised on the notes can be acknowledged: the one the guardrails found.
  const [flag] = added.flags as { kind: string; excerpt: string }[];
  ok(await as('SALES')(`mutation ($i: AcknowledgeGuardrailFlagInput!) { acknowledgeGuardrailFlag(input: $i) { visit { id } } }`, { i: { ...i, source: 'NOTES', ...flag } }));
  const reportGid = ok(
    await as('SALES')(`mutation ($i: SendVisitReportInput!) { sendVisitReport(input: $i) { report { id } } }`, { i: { ...i, recipients: [s.users.CREDIT.email], groups: [] } }),
  ).sendVisitReport.report.id as string;
  return { visit: visitGid, visitNote: noteGid, actionItem: actionItemGid, visitReport: reportGid };
}

/** The viewers every authorization test runs as: roles with session tokens, and API tokens of limited scope. */
export type ViewerName = 'anonymous' | `${Role}` | `${Role}:${string}`;

export async function viewerTokens(s: TestServer, tokens: readonly [Role, TokenScope[]][]): Promise<Record<string, string | null>> {
  const out: Record<string, string | null> = { anonymous: null };
  for (const role of ['ADMIN', 'CREDIT', 'SALES', 'VIEWER'] as const) out[role] = s.users[role].token;
  for (const [role, scopes] of tokens) out[`${role}:${scopes.join('+')}`] = await s.apiToken(role, scopes);
  return out;
}
