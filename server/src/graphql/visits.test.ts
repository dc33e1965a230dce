/**
 * Customer visits through the HTTP API (issue 9), on PGlite and PostgreSQL: the whole workflow from plan to
 * report, validation of each input, and who may do what (credit, the SALES attendee, a SALES colleague who is not
 * going, VIEWER, API tokens). The guardrail detection is replaced by a double that flags "I promise" (its own
 * branch tests the real one); the report e-mail runs without SMTP (NOT_CONFIGURED).
 */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { issueToken } from '../auth/tokens.js';
import { DB_KINDS } from '../test-support/databases.js';
import { errorCodes, type GqlResult, ok, startTestServer, type TestServer } from '../test-support/server.js';

vi.mock('../services/visit-guardrails.js', () => ({
  checkVisitText: async (_prisma: unknown, { text }: { text: string }) => {
    const start = text.indexOf('I promise');
    return start < 0 ? [] : [{ kind: 'COMMITMENT', excerpt: 'I promise', reason: 'A promise the customer may hold us to.', start, end: start + 9 }];
  },
}));

const DAY = 86_400_000;
const today = () => new Date(new Date().toISOString().slice(0, 10));
const VISIT = `id status purpose place goals organizer { email } attendees { email } contacts { name } preMeetingNote preMeetingNoteAt
  questions { id template text asked answer } notes { id body takenAt author { email } flags { kind excerpt acknowledged } signals { id } }
  briefing { audience document preparedBy { email } } briefingCount actionItems { id title ownerName overdue status }
  signals { id type note source observedAt } followUp { subject body to flags { kind excerpt acknowledged } } followedUpAt
  acknowledgedFlags { source kind excerpt acknowledgedBy { email } } reports { id subject body recipients emailStatus }
  heldAt cancelledAt cancelReason decisions viewerCanEdit`;
const PLAN = `mutation ($i: PlanVisitInput!) { planVisit(input: $i) { visit { ${VISIT} } } }`;
const UPDATE = `mutation ($i: UpdateVisitInput!) { updateVisit(input: $i) { visit { id place decisions attendees { email } } } }`;
const CANCEL = `mutation ($i: CancelVisitInput!) { cancelVisit(input: $i) { visit { id status cancelReason cancelledAt } } }`;
const PRE = `mutation ($i: RecordPreVisitMeetingInput!) { recordPreVisitMeeting(input: $i) { visit { id preMeetingNote } } }`;
const SETQ = `mutation ($i: SetVisitQuestionsInput!) { setVisitQuestions(input: $i) { visit { questions { id template text asked answer } } } }`;
const TICK = `mutation ($i: TickVisitQuestionInput!) { tickVisitQuestion(input: $i) { visit { questions { id asked answer } } } }`;
const BRIEF = `mutation ($i: PrepareVisitBriefingInput!) { prepareVisitBriefing(input: $i) { visit { status briefingCount } briefing { id audience document } } }`;
const HELD = `mutation ($i: MarkVisitHeldInput!) { markVisitHeld(input: $i) { visit { status heldAt } } }`;
const NOTES = `mutation ($i: AddVisitNotesInput!) { addVisitNotes(input: $i) { visit { status heldAt } note { id body takenAt } flags { kind excerpt acknowledged } } }`;
const RAISE = `mutation ($i: RaiseSignalFromVisitNoteInput!) { raiseSignalFromVisitNote(input: $i) { signal { id type note source observedAt } visit { signals { id } } } }`;
const ADD_ITEM = `mutation ($i: AddActionItemInput!) { addActionItem(input: $i) { actionItem { id title ownerName ownerUser { email } ownerContact { name } dueOn overdue status visit { id } } } }`;
const UPDATE_ITEM = `mutation ($i: UpdateActionItemInput!) { updateActionItem(input: $i) { actionItem { id status completedAt ownerName overdue } } }`;
const DRAFT = `mutation ($i: DraftVisitFollowUpInput!) { draftVisitFollowUp(input: $i) { draft { subject body to flags { kind excerpt acknowledged } } visit { id } } }`;
const ACK = `mutation ($i: AcknowledgeGuardrailFlagInput!) { acknowledgeGuardrailFlag(input: $i) { visit { acknowledgedFlags { source kind excerpt acknowledgedBy { email } } } } }`;
const RECORD = `mutation ($i: RecordVisitFollowUpInput!) { recordVisitFollowUp(input: $i) { visit { status followedUpAt followUp { subject } } } }`;
const REPORT = `mutation ($i: SendVisitReportInput!) { sendVisitReport(input: $i) { report { id subject body recipients groups emailStatus attempts } visit { decisions reports { id } } } }`;
const GET = `query ($id: ID!) { node(id: $id) { ... on Visit { ${VISIT} } } }`;

describe.each(DB_KINDS)('customer visits on %s', (kind) => {
  let s: TestServer;
  let accountGid: string;
  let accountId: string;
  let otherContactGid: string;
  const contact: Record<string, string> = {};
  let sales2: { id: string; email: string; token: string };
  let visitGid: string;
  let visitId: string;

  const as2 = (q: string, v: Record<string, unknown>) => s.gql(q, v, sales2.token);
  const userGid = (id: string) => encodeGlobalID('User', id);
  const field = (r: GqlResult) => r.errors?.[0]?.extensions?.field;
  const visit = async (role: 'CREDIT' | 'SALES' | 'VIEWER' = 'CREDIT') => ok(await s.as(role)(GET, { id: visitGid })).node;
  const plan = (extra: Record<string, unknown> = {}, role: 'CREDIT' | 'SALES' = 'CREDIT') =>
    s.as(role)(PLAN, {
      i: {
        accountId: accountGid,
        purpose: 'CREDIT_TERMS_REVIEW',
        scheduledAt: new Date(Date.now() + 3 * DAY).toISOString(),
        place: 'Their office, Rotterdam',
        attendeeIds: [userGid(s.users.SALES.id)],
        contactIds: [contact.mara],
        goals: 'Review the credit terms\nAgree invoice references',
        ...extra,
      },
    });

  beforeAll(async () => {
    s = await startTestServer(kind);
    const p = s.db.prisma;
    const account = await p.account.create({ data: { name: 'Harbour Freight', currency: 'EUR', accountManagerId: s.users.SALES.id, creditOwnerId: s.users.CREDIT.id } });
    const other = await p.account.create({ data: { name: 'Inland Haulage', currency: 'EUR' } });
    accountId = account.id;
    accountGid = encodeGlobalID('Account', account.id);
    for (const [key, name, email] of [
      ['mara', 'Mara Lind', 'mara@harbour-freight.example'],
      ['olu', 'Olu Ade', 'olu@harbour-freight.example'],
    ] as const)
      contact[key] = encodeGlobalID('Contact', (await p.contact.create({ data: { accountId, name, email, role: 'CFO' } })).id);
    otherContactGid = encodeGlobalID('Contact', (await p.contact.create({ data: { accountId: other.id, name: 'Ivo Inland' } })).id);
    const u = await p.user.create({ data: { email: 'sales2@test.earshot.test', name: 'Sally Second', role: 'SALES' } });
    sales2 = { id: u.id, email: u.email, token: (await issueToken(p, { userId: u.id, kind: 'SESSION', ttlHours: 1 })).token };
  });
  afterAll(() => s?.close());

  it('refuses VIEWER and a token without accounts:write, writing nothing', async () => {
    const token = await s.apiToken('CREDIT', ['accounts:read', 'notes:write']);
    const r = await s.gql(PLAN, { i: { accountId: accountGid, purpose: 'INTRODUCTION', scheduledAt: new Date().toISOString(), attendeeIds: [], contactIds: [], goals: 'x' } }, token);
    expect(errorCodes(r)).toEqual(['FORBIDDEN']);
    const v = await s.as('VIEWER')(PLAN, { i: { accountId: accountGid, purpose: 'INTRODUCTION', scheduledAt: new Date().toISOString(), attendeeIds: [], contactIds: [], goals: 'x' } });
    expect(errorCodes(v)).toEqual(['FORBIDDEN']);
    expect(await s.db.prisma.visit.count()).toBe(0);
  });

  it.each([
    [{ scheduledAt: '1999-12-31T00:00:00Z' }, 'input.scheduledAt', /between 2000 and 2099|outside the years/],
    [{ goals: '   ' }, 'input.goals', /must not be empty/],
    [{ place: 'x'.repeat(501) }, 'input.place', /at most 500/],
    [{ attendeeIds: ['contact'] }, 'input.attendeeIds', /not an? User id/],
    [{ attendeeIds: [encodeGlobalID('User', '01900000-0000-7000-8000-000000000000')] }, 'input.attendeeIds', /not active users/],
    [{ contactIds: ['other'] }, 'input.contactIds', /not contacts of this account/],
    [{ attendeeIds: Array.from({ length: 21 }, () => 'sales') }, 'input.attendeeIds', /at most 20 attendees/],
    [{ questions: Array.from({ length: 41 }, (_, i) => `Q${i}?`) }, 'input.questions', /at most 40 questions/],
    [{ questions: [' '] }, 'input.questions.0', /must not be empty/],
    [{ scheduledAt: new Date(Date.now() - 31 * DAY).toISOString() }, 'input.scheduledAt', /more than 30 days in the past/],
    [{ scheduledAt: new Date(Date.now() + 3 * 365 * DAY).toISOString() }, 'input.scheduledAt', /within two years/],
    [{ place: 'Their office\nRotterdam' }, 'input.place', /one line/],
    [{ attendeeIds: ['viewer'] }, 'input.attendeeIds', /Viewer Tester is a viewer and cannot take part/],
  ])('refuses planVisit input %# naming the field', async (bad, name, message) => {
    const i = { ...bad } as Record<string, unknown>;
    if (Array.isArray(i.attendeeIds)) i.attendeeIds = (i.attendeeIds as string[]).map((x) => (x === 'contact' ? contact.mara : x === 'sales' ? userGid(s.users.SALES.id) : x === 'viewer' ? userGid(s.users.VIEWER.id) : x));
    if (Array.isArray(i.contactIds)) i.contactIds = (i.contactIds as string[]).map((x) => (x === 'other' ? otherContactGid : x));
    const r = await plan(i);
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.message).toMatch(message);
    if (!String(r.errors?.[0]?.message).startsWith('Date-time')) expect(field(r)).toBe(name);
    expect(await s.db.prisma.visit.count()).toBe(0);
  });

  it('plans a credit terms review with the account manager (the organizer named as attendee is dropped), the purpose’s questions and an audit event', async () => {
    const v = ok(await plan({ attendeeIds: [userGid(s.users.SALES.id), userGid(s.users.CREDIT.id)] })).planVisit.visit;
    visitGid = v.id;
    visitId = (await s.db.prisma.visit.findFirstOrThrow()).id;
    expect(v).toMatchObject({ status: 'PLANNED', purpose: 'CREDIT_TERMS_REVIEW', organizer: { email: s.users.CREDIT.email }, attendees: [{ email: s.users.SALES.email }], contacts: [{ name: 'Mara Lind' }], viewerCanEdit: true });
    expect(v.questions[0]).toEqual({ id: 'terms-outlook', template: 'terms-outlook', text: expect.stringMatching(/trading/), asked: false, answer: null });
    expect(await s.db.prisma.auditEvent.count({ where: { action: 'visit.plan', entityId: visitId } })).toBe(1);
    const listed = ok(await s.as('SALES')(`{ visits(filter: { mine: true }) { totalCount edges { node { id } } } }`, {})).visits;
    expect(listed.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([visitGid]);
    expect(ok(await as2(`{ visits(filter: { mine: true }) { totalCount } }`, {})).visits.totalCount).toBe(0);
    const acc = ok(await s.as('VIEWER')(`query ($id: ID!) { account(id: $id) { visits(first: 5, status: [PLANNED, BRIEFED]) { edges { node { id viewerCanEdit } } } } }`, { id: accountGid }));
    expect(acc.account.visits.edges).toEqual([{ node: { id: visitGid, viewerCanEdit: false } }]);
  });

  it('lets the attendee change the visit, not a SALES colleague who is not going', async () => {
    const r = ok(await s.as('SALES')(UPDATE, { i: { visitId: visitGid, place: 'Harbour Freight HQ', attendeeIds: [userGid(s.users.SALES.id), userGid(s.users.ADMIN.id)] } }));
    expect(r.updateVisit.visit).toMatchObject({ place: 'Harbour Freight HQ', attendees: [{ email: s.users.ADMIN.email }, { email: s.users.SALES.email }] });
    expect(errorCodes(await as2(UPDATE, { i: { visitId: visitGid, place: 'Elsewhere' } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await s.as('VIEWER')(UPDATE, { i: { visitId: visitGid, place: 'Elsewhere' } }))).toEqual(['FORBIDDEN']);
    const nothing = await s.as('SALES')(UPDATE, { i: { visitId: visitGid } });
    expect(nothing.errors?.[0]?.message).toBe('input: nothing to update');
  });

  it('keeps the pre-visit meeting for credit, organizer and attendees only', async () => {
    expect(ok(await s.as('CREDIT')(PRE, { i: { visitId: visitGid, note: 'Candid: they are stretched, ask about the bank.' } })).recordPreVisitMeeting.visit.preMeetingNote).toMatch(/Candid/);
    expect((await visit('SALES')).preMeetingNote).toMatch(/Candid/);
    expect((await visit('VIEWER')).preMeetingNote).toBeNull();
    expect(ok(await as2(GET, { id: visitGid })).node).toMatchObject({ preMeetingNote: null, preMeetingNoteAt: null, reports: [], viewerCanEdit: false });
    const empty = await s.as('CREDIT')(PRE, { i: { visitId: visitGid, note: '' } });
    expect(field(empty)).toBe('input.note');
  });

  it('edits the questions and ticks them off with answers', async () => {
    const qs = (await visit()).questions.slice(0, 2).map((q: Record<string, unknown>) => ({ ...q }));
    qs.push({ text: 'Any new sites planned?', asked: false });
    const set = ok(await s.as('SALES')(SETQ, { i: { visitId: visitGid, questions: qs } })).setVisitQuestions.visit.questions;
    expect(set.map((q: { id: string }) => q.id)).toEqual(['terms-outlook', 'terms-bank', 'q-1']);
    const ticked = ok(await s.as('SALES')(TICK, { i: { visitId: visitGid, questionId: 'terms-bank', asked: true, answer: 'New lender since January.' } }));
    expect(ticked.tickVisitQuestion.visit.questions[1]).toEqual({ id: 'terms-bank', asked: true, answer: 'New lender since January.' });
    for (const [i, name, message] of [
      [{ questions: Array.from({ length: 41 }, () => ({ text: 'Q', asked: false })) }, 'input.questions', /at most 40/],
      [{ questions: [{ id: 'a', text: 'Q', asked: false }, { id: 'a', text: 'R', asked: false }] }, 'input.questions', /given twice/],
      [{ questions: [{ template: 'nope', text: 'Q', asked: false }] }, 'input.questions.0.template', /not a question template/],
    ] as const) {
      const r = await s.as('SALES')(SETQ, { i: { visitId: visitGid, ...i } });
      expect([field(r), r.errors?.[0]?.message]).toEqual([name, expect.stringMatching(message)]);
    }
    const unknown = await s.as('SALES')(TICK, { i: { visitId: visitGid, questionId: 'zzz', asked: true } });
    expect(field(unknown)).toBe('input.questionId');
    expect(ok(await s.as('VIEWER')(`{ visitQuestionTemplates(purpose: COLLECTION) { key text } }`, {})).visitQuestionTemplates[0].key).toBe('collection-reason');
  });

  it('prepares the briefing folder: BRIEFED, the credit copy for credit, the sales copy for sales; again keeps both', async () => {
    const r = ok(await s.as('SALES')(BRIEF, { i: { visitId: visitGid } })).prepareVisitBriefing;
    expect(r.visit).toEqual({ status: 'BRIEFED', briefingCount: 1 });
    expect(r.briefing.audience).toBe('SALES');
    expect((await visit('CREDIT')).briefing).toMatchObject({ audience: 'CREDIT', document: { audience: 'CREDIT' }, preparedBy: { email: s.users.SALES.email } });
    expect((await visit('SALES')).briefing).toMatchObject({ audience: 'SALES', document: { audience: 'SALES' } });
    expect(ok(await s.as('CREDIT')(BRIEF, { i: { visitId: visitGid } })).prepareVisitBriefing.visit).toEqual({ status: 'BRIEFED', briefingCount: 2 });
    expect(errorCodes(await as2(BRIEF, { i: { visitId: visitGid } }))).toEqual(['FORBIDDEN']);
  });

  let noteId: string;
  let noteGid: string;

  it('takes notes idempotently (offline replay, concurrent duplicates) and marks the visit held', async () => {
    const takenAt = new Date(Date.now() - 3600_000).toISOString();
    const i = { visitId: visitGid, notes: 'Second warehouse opens in May.\nI promise we will look at the limit.', idempotencyKey: 'visit-note-0001', takenAt };
    const first = ok(await s.as('SALES')(NOTES, { i })).addVisitNotes;
    expect(first.visit).toEqual({ status: 'HELD', heldAt: takenAt });
    expect(first.flags).toEqual([{ kind: 'COMMITMENT', excerpt: 'I promise', acknowledged: false }]);
    noteGid = first.note.id;
    const replay = ok(await s.as('SALES')(NOTES, { i })).addVisitNotes;
    expect(replay.note).toEqual(first.note);
    const twice = await Promise.all([1, 2].map(() => s.as('SALES')(NOTES, { i: { visitId: visitGid, notes: 'Warehouse is busy.', idempotencyKey: 'visit-note-0002' } })));
    expect(ok(twice[0]!).addVisitNotes.note.id).toBe(ok(twice[1]!).addVisitNotes.note.id);
    expect(await s.db.prisma.visitNote.count({ where: { visitId } })).toBe(2);
    noteId = (await s.db.prisma.visitNote.findUniqueOrThrow({ where: { idempotencyKey: 'visit-note-0001' } })).id;
    const v = await visit();
    expect(v.notes.map((n: { body: string }) => n.body)).toEqual([i.notes, 'Warehouse is busy.']);
    expect(v.notes[0].flags).toEqual([{ kind: 'COMMITMENT', excerpt: 'I promise', acknowledged: false }]);
  });

  it.each([
    [{ takenAt: new Date(Date.now() + 3600_000).toISOString() }, 'input.takenAt', /must not be in the future/],
    [{ takenAt: new Date(Date.now() - 31 * DAY).toISOString() }, 'input.takenAt', /within the last 30 days/],
    [{ notes: ' ' }, 'input.notes', /must not be empty/],
    [{ notes: 'x'.repeat(5001) }, 'input.notes', /at most 5000/],
    [{ idempotencyKey: 'short' }, 'input.idempotencyKey', /8–100 characters/],
  ])('refuses notes input %#', async (bad, name, message) => {
    const r = await s.as('SALES')(NOTES, { i: { visitId: visitGid, notes: 'ok', ...bad } });
    expect([r.errors?.[0]?.extensions?.code, field(r), r.errors?.[0]?.message]).toEqual(['BAD_USER_INPUT', name, expect.stringMatching(message)]);
  });

  it('refuses notes from a colleague who is not going, and from a token without notes:write', async () => {
    expect(errorCodes(await as2(NOTES, { i: { visitId: visitGid, notes: 'x' } }))).toEqual(['FORBIDDEN']);
    const token = await s.apiToken('SALES', ['accounts:read', 'accounts:write']);
    expect(errorCodes(await s.gql(NOTES, { i: { visitId: visitGid, notes: 'x' } }, token))).toEqual(['FORBIDDEN']);
    const withNotes = await s.apiToken('SALES', ['accounts:read', 'notes:write']);
    expect(ok(await s.gql(NOTES, { i: { visitId: visitGid, notes: 'From the extension.', idempotencyKey: 'visit-note-0003' } }, withNotes)).addVisitNotes.note.body).toBe('From the extension.');
  });

  it('raises a signal from words of a note: observed when taken, SALES source, on the visit; recomputed', async () => {
    const bad = await s.as('SALES')(RAISE, { i: { visitNoteId: noteGid, type: 'POSITIVE_NEWS', excerpt: 'Not in the note' } });
    expect(field(bad)).toBe('input.excerpt');
    const r = ok(await s.as('SALES')(RAISE, { i: { visitNoteId: noteGid, type: 'POSITIVE_NEWS', excerpt: 'Second warehouse opens in May.', idempotencyKey: 'visit-signal-0001' } }));
    const note = await s.db.prisma.visitNote.findUniqueOrThrow({ where: { id: noteId } });
    expect(r.raiseSignalFromVisitNote.signal).toMatchObject({ type: 'POSITIVE_NEWS', note: 'Second warehouse opens in May.', source: 'SALES', observedAt: note.takenAt.toISOString() });
    expect(r.raiseSignalFromVisitNote.visit.signals).toHaveLength(1);
    const again = ok(await s.as('SALES')(RAISE, { i: { visitNoteId: noteGid, type: 'POSITIVE_NEWS', excerpt: 'Second warehouse opens in May.', idempotencyKey: 'visit-signal-0001' } }));
    expect(again.raiseSignalFromVisitNote.signal.id).toBe(r.raiseSignalFromVisitNote.signal.id);
    // A colleague who is not going is refused, also when replaying a key that was used.
    expect(errorCodes(await as2(RAISE, { i: { visitNoteId: noteGid, type: 'POSITIVE_NEWS', excerpt: 'Second warehouse opens in May.', idempotencyKey: 'visit-signal-0001' } }))).toEqual(['FORBIDDEN']);
    const row = await s.db.prisma.signal.findFirstOrThrow({ where: { visitNoteId: noteId } });
    expect(row).toMatchObject({ visitId, accountId });
    expect((await visit()).notes[0].signals).toEqual([{ id: r.raiseSignalFromVisitNote.signal.id }]);
    const noSignals = await s.apiToken('SALES', ['accounts:read', 'notes:write']);
    expect(errorCodes(await s.gql(RAISE, { i: { visitNoteId: noteGid, type: 'BUSY', excerpt: 'May' } }, noSignals))).toEqual(['FORBIDDEN']);
    expect(await s.db.prisma.accountMetrics.count({ where: { accountId } })).toBe(1);
  });

  it('adds action items owned by a user or a contact, flags the overdue one, and lets owners update them', async () => {
    const add = (i: Record<string, unknown>, as: 'CREDIT' | 'SALES' = 'SALES') => s.as(as)(ADD_ITEM, { i: { visitId: visitGid, title: 'Send the statement', ...i } });
    const mine = ok(await add({ ownerUserId: userGid(s.users.SALES.id), dueOn: new Date(Date.now() + 7 * DAY).toISOString() })).addActionItem.actionItem;
    expect(mine).toMatchObject({ ownerName: 'Sales Tester', overdue: false, status: 'OPEN', visit: { id: visitGid } });
    const late = ok(await add({ title: 'Send last year’s accounts', ownerContactId: contact.mara, dueOn: new Date(today().getTime() - DAY).toISOString() })).addActionItem.actionItem;
    expect(late).toMatchObject({ ownerName: 'Mara Lind', ownerContact: { name: 'Mara Lind' }, overdue: true });
    const dueToday = ok(await add({ title: 'Call back', ownerContactId: contact.olu, dueOn: today().toISOString() })).addActionItem.actionItem;
    expect(dueToday.overdue).toBe(false);
    for (const [i, name] of [
      [{ ownerUserId: userGid(s.users.SALES.id), ownerContactId: contact.mara, dueOn: today().toISOString() }, 'input.ownerUserId'],
      [{ dueOn: today().toISOString() }, 'input.ownerUserId'],
      [{ ownerContactId: otherContactGid, dueOn: today().toISOString() }, 'input.ownerContactId'],
      [{ ownerUserId: userGid(s.users.SALES.id), dueOn: '2100-01-01T00:00:00Z' }, undefined],
      [{ ownerUserId: userGid(s.users.SALES.id), dueOn: today().toISOString(), title: '' }, 'input.title'],
      [{ ownerUserId: userGid(s.users.VIEWER.id), dueOn: today().toISOString() }, 'input.ownerUserId'],
      [{ ownerUserId: userGid(s.users.SALES.id), dueOn: today().toISOString(), accountId: accountGid }, 'input.visitId'],
    ] as const) {
      const r = await add(i);
      expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      if (name) expect(field(r)).toBe(name);
    }
    // Without a visit: any writer on the account.
    const onAccount = ok(await as2(`mutation ($i: AddActionItemInput!) { addActionItem(input: $i) { actionItem { id visit { id } } } }`, { i: { accountId: accountGid, title: 'Check the new site', ownerUserId: userGid(sales2.id), dueOn: today().toISOString() } }));
    expect(onAccount.addActionItem.actionItem.visit).toBeNull();
    expect(errorCodes(await as2(ADD_ITEM, { i: { visitId: visitGid, title: 'x', ownerUserId: userGid(sales2.id), dueOn: today().toISOString() } }))).toEqual(['FORBIDDEN']);

    const open = ok(await s.as('VIEWER')(`query ($id: ID!) { account(id: $id) { actionItems { title overdue } } }`, { id: accountGid })).account.actionItems;
    expect(open.map((a: { title: string }) => a.title)).toEqual(['Send last year’s accounts', 'Call back', 'Check the new site', 'Send the statement']);
    expect(open[0]).toEqual({ title: 'Send last year’s accounts', overdue: true });
    const overdue = ok(await s.as('CREDIT')(`{ actionItems(filter: { overdue: true }) { totalCount edges { node { id } } } }`, {})).actionItems;
    expect(overdue.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([late.id]);
    expect(ok(await as2(`{ actionItems(filter: { mine: true }) { totalCount } }`, {})).actionItems.totalCount).toBe(1);

    expect(errorCodes(await as2(UPDATE_ITEM, { i: { actionItemId: late.id, status: 'DONE' } }))).toEqual(['FORBIDDEN']);
    const done = ok(await s.as('SALES')(UPDATE_ITEM, { i: { actionItemId: late.id, status: 'DONE' } })).updateActionItem.actionItem;
    expect(done).toMatchObject({ status: 'DONE', overdue: false });
    expect(done.completedAt).not.toBeNull();
    const reopened = ok(await s.as('CREDIT')(UPDATE_ITEM, { i: { actionItemId: late.id, status: 'OPEN', ownerUserId: userGid(s.users.CREDIT.id) } })).updateActionItem.actionItem;
    expect(reopened).toMatchObject({ status: 'OPEN', completedAt: null, ownerName: 'Credit Tester', overdue: true });
  });

  it('drafts the follow-up: greeting the contacts, the questions asked with answers, open next steps with readable dates; no goals or notes', async () => {
    await s.as('SALES')(UPDATE, { i: { visitId: visitGid, contactIds: [contact.mara, contact.olu] } });
    await s.as('SALES')(NOTES, { i: { visitId: visitGid, notes: 'Internal: decide whether to cut the limit to 30k\nour exposure is EUR 23,284.79, score 58; do not tell them' } });
    const cancelled = ok(await s.as('SALES')(ADD_ITEM, { i: { visitId: visitGid, title: 'Dropped idea', ownerUserId: userGid(s.users.SALES.id), dueOn: today().toISOString() } })).addActionItem.actionItem;
    ok(await s.as('SALES')(UPDATE_ITEM, { i: { actionItemId: cancelled.id, status: 'CANCELLED' } }));
    const d = ok(await s.as('SALES')(DRAFT, { i: { visitId: visitGid } })).draftVisitFollowUp.draft;
    expect(d.body.split('\n')[0]).toBe('Dear Mara Lind and Olu Ade,');
    expect(d.body).toContain('What we discussed\n- What bank facilities do you have, and have they changed recently (limits, lenders, covenants)? New lender since January.\n\nNext steps');
    for (const internal of ['Review the credit terms', 'Second warehouse', 'Internal', '30k', '23,284.79', 'score', 'I promise', 'Dropped idea']) expect(d.body).not.toContain(internal);
    expect(d.body).toMatch(/Next steps\n- Send last year’s accounts \(Credit Tester, by (Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day \d{1,2} [A-Z][a-z]+ \d{4}\)/);
    expect(d.body).not.toMatch(/\d{4}-\d\d-\d\d/);
    expect(d.body.endsWith('Kind regards,\nSales Tester')).toBe(true);
    expect(d.to).toEqual(['mara@harbour-freight.example', 'olu@harbour-freight.example']);
    expect(d.flags).toEqual([]);
    expect((await visit()).followUp.subject).toBe(d.subject);
  });

  it('acknowledges only a flag raised now, in its sentence; refuses to record until each flagged sentence is acknowledged', async () => {
    const { subject, body: drafted } = (await visit()).followUp;
    const body = drafted.replace('Next steps', 'I promise to send the statement by Friday.\n\nNext steps');
    const refused = await s.as('SALES')(RECORD, { i: { visitId: visitGid, subject, body } });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'GUARDRAIL_UNACKNOWLEDGED', field: 'input.body', excerpts: ['I promise'] });
    expect(refused.errors?.[0]?.message).toContain('“I promise”');
    expect((await visit()).status).toBe('HELD');
    const check = ok(await s.as('SALES')(`query ($v: ID!, $t: String!) { visitGuardrails(visitId: $v, source: FOLLOW_UP, text: $t) { field start end excerpt } }`, { v: visitGid, t: `${subject}\n\n${body}` }));
    const at = body.indexOf('I promise');
    expect(check.visitGuardrails).toEqual([{ field: 'body', start: at, end: at + 9, excerpt: 'I promise' }]);
    const ack = { visitId: visitGid, source: 'FOLLOW_UP', kind: 'COMMITMENT', excerpt: 'I promise' };
    // Not in the stored draft, nor a flag at all: refused, nothing recorded.
    expect(field(await s.as('SALES')(ACK, { i: ack }))).toBe('input.excerpt');
    expect(field(await s.as('SALES')(ACK, { i: { ...ack, excerpt: 'the statement', subject, body } }))).toBe('input.excerpt');
    ok(await s.as('SALES')(ACK, { i: { ...ack, subject, body } }));
    const twice = ok(await s.as('SALES')(ACK, { i: { ...ack, subject, body } })).acknowledgeGuardrailFlag.visit.acknowledgedFlags;
    expect(twice).toEqual([{ source: 'FOLLOW_UP', kind: 'COMMITMENT', excerpt: 'I promise', acknowledgedBy: { email: s.users.SALES.email } }]);
    expect(await s.db.prisma.visitGuardrailAck.count({ where: { visitId } })).toBe(1);
    expect((await visit()).notes[0].flags[0].acknowledged).toBe(false);
    // The acknowledged words in another sentence are flagged again.
    const swapped = body.replace('I promise to send the statement by Friday.', 'I promise the limit goes to 200k.');
    const other = await s.as('SALES')(RECORD, { i: { visitId: visitGid, subject, body: swapped } });
    expect(other.errors?.[0]?.extensions?.code).toBe('GUARDRAIL_UNACKNOWLEDGED');
    // On the notes: a flag raised in one of them, only.
    expect(field(await s.as('SALES')(ACK, { i: { ...ack, source: 'NOTES', excerpt: 'Second warehouse' } }))).toBe('input.excerpt');
    ok(await s.as('SALES')(ACK, { i: { ...ack, source: 'NOTES' } }));
    expect((await visit()).notes[0].flags).toEqual([{ kind: 'COMMITMENT', excerpt: 'I promise', acknowledged: true }]);
    for (const [i, name, message] of [
      [{ subject: 'Line one\nBcc: someone@else.example', body }, 'input.subject', /one line/],
      [{ subject, body: body.replace('What bank facilities', '[Add what you discussed] What bank facilities') }, 'input.body', /Add what you discussed/],
      [{ subject: '', body }, 'input.subject', /must not be empty/],
    ] as const) {
      const r = await s.as('SALES')(RECORD, { i: { visitId: visitGid, ...i } });
      expect([field(r), r.errors?.[0]?.message]).toEqual([name, expect.stringMatching(message)]);
    }
    const rewrapped = body.replace('I promise to send the statement by Friday.', '- i promise to send  the statement by Friday.');
    const r = ok(await s.as('SALES')(RECORD, { i: { visitId: visitGid, subject: `${subject} (edited)`, body: rewrapped } })).recordVisitFollowUp.visit;
    expect(r).toMatchObject({ status: 'FOLLOWED_UP', followUp: { subject: `${subject} (edited)` } });
    expect(r.followedUpAt).not.toBeNull();
    // What was sent is kept: no second recording, no new draft over it, no acknowledging on it.
    for (const again of [
      await s.as('SALES')(RECORD, { i: { visitId: visitGid, subject: 'Other', body: 'Other' } }),
      await s.as('SALES')(DRAFT, { i: { visitId: visitGid } }),
      await s.as('SALES')(ACK, { i: { ...ack, subject, body } }),
    ])
      expect([again.errors?.[0]?.extensions?.code, again.errors?.[0]?.message]).toEqual(['BAD_USER_INPUT', expect.stringMatching(/The follow-up was recorded on \w+day .*; it is kept as sent\./)]);
    expect((await visit()).followUp).toMatchObject({ subject: `${subject} (edited)`, body: rewrapped });
  });

  it('sends the internal report: stored in the credit file, not e-mailed without SMTP, readable by the visit’s people only', async () => {
    const r = ok(await s.as('SALES')(REPORT, { i: { visitId: visitGid, recipients: [s.users.CREDIT.email], groups: [], decisions: 'Limit unchanged until the accounts arrive' } })).sendVisitReport;
    expect(r.report).toMatchObject({ recipients: [s.users.CREDIT.email], groups: [], emailStatus: 'NOT_CONFIGURED', attempts: 0 });
    expect(r.report.subject).toMatch(/^Visit report: Harbour Freight, credit terms review, /);
    for (const part of ['Attendees (ours): Credit Tester, Admin Tester, Sales Tester', 'Attendees (theirs): Mara Lind (CFO), Olu Ade (CFO)', '- Second warehouse opens in May.', 'Signals raised\n- Good news (severity 1): Second warehouse opens in May.', 'Decisions on terms\n- Limit unchanged until the accounts arrive', 'Follow-up to the customer: recorded on', 'Questions asked\n- What bank facilities'])
      expect(r.report.body).toContain(part);
    expect(r.visit).toMatchObject({ decisions: 'Limit unchanged until the accounts arrive', reports: [{ id: r.report.id }] });
    expect((await visit('VIEWER')).reports).toEqual([]);
    expect(errorCodes(await as2(`query ($id: ID!) { node(id: $id) { id } }`, { id: r.report.id }))).toEqual(['FORBIDDEN']);
    for (const [i, name] of [
      [{ recipients: ['not an address'], groups: [] }, 'input.recipients.0'],
      [{ recipients: [], groups: [] }, 'input.recipients'],
      [{ recipients: Array.from({ length: 51 }, (_, n) => `u${n}@test.earshot.test`), groups: [] }, 'input.recipients'],
    ] as const) {
      const bad = await s.as('SALES')(REPORT, { i: { visitId: visitGid, ...i } });
      expect([bad.errors?.[0]?.extensions?.code, field(bad)]).toEqual(['BAD_USER_INPUT', name]);
    }
    expect(errorCodes(await as2(REPORT, { i: { visitId: visitGid, recipients: [s.users.CREDIT.email], groups: [] } }))).toEqual(['FORBIDDEN']);
  });

  it('cancels only a visit not yet held, with a reason; nothing can be added to a cancelled one', async () => {
    const held = await s.as('CREDIT')(CANCEL, { i: { visitId: visitGid, reason: 'Not needed' } });
    expect(held.errors?.[0]?.message).toBe('input.visitId: This visit has been held; a held visit cannot be cancelled.');
    const other = ok(await plan({ purpose: 'COLLECTION' })).planVisit.visit;
    expect(other.questions[0].id).toBe('collection-reason');
    expect((await s.as('SALES')(DRAFT, { i: { visitId: other.id } })).errors?.[0]?.message).toMatch(/has not been held yet/);
    expect((await s.as('SALES')(REPORT, { i: { visitId: other.id, recipients: [s.users.CREDIT.email], groups: [] } })).errors?.[0]?.message).toMatch(/has not been held yet/);
    expect(field(await s.as('SALES')(CANCEL, { i: { visitId: other.id, reason: ' ' } }))).toBe('input.reason');
    expect(errorCodes(await as2(CANCEL, { i: { visitId: other.id, reason: 'Customer moved it' } }))).toEqual(['FORBIDDEN']);
    const c = ok(await s.as('SALES')(CANCEL, { i: { visitId: other.id, reason: 'Customer moved it' } })).cancelVisit.visit;
    expect(c).toMatchObject({ status: 'CANCELLED', cancelReason: 'Customer moved it' });
    const notes = await s.as('SALES')(NOTES, { i: { visitId: other.id, notes: 'Late notes' } });
    expect([notes.errors?.[0]?.extensions?.code, notes.errors?.[0]?.message]).toEqual(['BAD_USER_INPUT', 'input.visitId: This visit is cancelled; nothing can be added to it.']);
    expect((await s.as('SALES')(HELD, { i: { visitId: other.id } })).errors?.[0]?.message).toMatch(/cancelled/);
    const third = ok(await plan({ purpose: 'INTRODUCTION' })).planVisit.visit;
    expect(field(await s.as('SALES')(HELD, { i: { visitId: third.id, heldAt: new Date(Date.now() + DAY).toISOString() } }))).toBe('input.heldAt');
    const early = await s.as('SALES')(HELD, { i: { visitId: third.id, heldAt: new Date(Date.now() - 3600_000).toISOString() } });
    expect([field(early), early.errors?.[0]?.message]).toEqual(['input.heldAt', expect.stringMatching(/more than a day before the visit was scheduled/)]);
    expect(ok(await s.as('SALES')(HELD, { i: { visitId: third.id } })).markVisitHeld.visit.status).toBe('HELD');
    const moved = await s.as('SALES')(UPDATE, { i: { visitId: third.id, scheduledAt: new Date(Date.now() + 5 * DAY).toISOString() } });
    expect([field(moved), moved.errors?.[0]?.message]).toEqual(['input.scheduledAt', expect.stringMatching(/has been held; its date stays/)]);
    expect(ok(await s.as('SALES')(UPDATE, { i: { visitId: third.id, place: 'Their canteen' } })).updateVisit.visit.place).toBe('Their canteen');
    expect((await s.as('SALES')(HELD, { i: { visitId: third.id } })).errors?.[0]?.message).toMatch(/already held/);
    expect(await s.db.prisma.auditEvent.count({ where: { action: { startsWith: 'visit.' } } })).toBeGreaterThan(15);
  });
});
