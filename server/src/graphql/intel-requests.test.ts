import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../auth/tokens.js';
import { createServices, NO_EVENTS } from '../services/index.js';
import { runIntelRequestsDaily } from '../services/intel-requests.js';
import { DB_KINDS } from '../test-support/databases.js';
import { errorCodes, type GqlResult, ok, startTestServer, type TestServer } from '../test-support/server.js';

const REQUEST = `id status message dueAt overdue reminderCount remindedAt declinedReason answeredAt createdAt
  account { name } requestedBy { email } assignedTo { email } answeredBy { email }
  questions { id kind template text choices { key label } }
  answers { questionId choice note dontKnow signal { id type severity source note author { email } intelRequest { id } } }`;
const CREATE = `mutation ($i: CreateIntelRequestInput!) { createIntelRequest(input: $i) { intelRequest { ${REQUEST} } } }`;
const ANSWER = `mutation ($i: AnswerIntelRequestInput!) { answerIntelRequest(input: $i) { intelRequest { ${REQUEST} } signals { id type severity source author { email } } } }`;
const DECLINE = `mutation ($i: DeclineIntelRequestInput!) { declineIntelRequest(input: $i) { intelRequest { id status declinedReason answeredBy { email } } } }`;
const CANCEL = `mutation ($i: CancelIntelRequestInput!) { cancelIntelRequest(input: $i) { intelRequest { id status } } }`;
const REMIND = `mutation ($i: RemindIntelRequestInput!) { remindIntelRequest(input: $i) { intelRequest { id reminderCount remindedAt } } }`;
const LIST = `query ($f: IntelRequestFilter) { intelRequests(first: 50, filter: $f) { totalCount edges { node { id status overdue account { name } assignedTo { email } } } } }`;

const DAY = 86400_000;
const rowId = (gid: string) => decodeGlobalID(gid).id;

describe.each(DB_KINDS)('intel requests on %s', (kind) => {
  let s: TestServer;
  /** Managed by SALES; Orphan Co has no account manager; Elsewhere GmbH is managed by a second salesperson. */
  let managed: string;
  let orphan: string;
  let elsewhere: string;
  let other: { id: string; gid: string; token: string };
  /** accountUpdated events published (open panels refetch on them). */
  const announced: string[] = [];

  const as = (role: 'ADMIN' | 'CREDIT' | 'SALES' | 'VIEWER') => s.as(role);
  const asOther = (q: string, v?: Record<string, unknown>) => s.gql(q, v, other.token);
  const create = async (input: Record<string, unknown>) => ok(await as('CREDIT')(CREATE, { i: { accountId: managed, questions: [{ template: 'HIRING' }], ...input } })).createIntelRequest.intelRequest;

  beforeAll(async () => {
    s = await startTestServer(kind, {
      services: (db) =>
        createServices(db.prisma, {
          events: {
            ...NO_EVENTS,
            accountUpdated: async (id) => {
              announced.push(id);
            },
          },
        }),
    });
    const user = await s.db.prisma.user.create({ data: { email: 'sales2@test.earshot.test', name: 'Second Seller', role: 'SALES' } });
    other = { id: user.id, gid: encodeGlobalID('User', user.id), token: (await issueToken(s.db.prisma, { userId: user.id, kind: 'SESSION', ttlHours: 1 })).token };
    const account = async (name: string, managerId: string | null) =>
      ok(
        await as('CREDIT')(`mutation ($i: CreateAccountInput!) { createAccount(input: $i) { account { id } } }`, {
          i: { name, ...(managerId ? { accountManagerId: encodeGlobalID('User', managerId) } : {}) },
        }),
      ).createAccount.account.id as string;
    managed = await account('Hillside Bakery', s.users.SALES.id);
    orphan = await account('Orphan Co', null);
    elsewhere = await account('Elsewhere GmbH', other.id);
  });
  afterAll(() => s?.close());

  it('creates a request assigned to the account manager by default, with the choices filled from the templates', async () => {
    const r = await create({ questions: [{ template: 'PREMISES' }, { text: 'Who runs the site now?' }], message: 'Before the review', dueAt: new Date(Date.now() + 7 * DAY).toISOString() });
    expect(r).toMatchObject({
      status: 'OPEN',
      message: 'Before the review',
      overdue: false,
      reminderCount: 0,
      account: { name: 'Hillside Bakery' },
      requestedBy: { email: 'credit@test.earshot.test' },
      assignedTo: { email: 'sales@test.earshot.test' },
      answers: [],
      questions: [
        { id: 'PREMISES', kind: 'CHOICE', template: 'PREMISES', choices: [{ key: 'WELL_KEPT', label: 'Well kept' }, { key: 'RUN_DOWN', label: 'Run down' }, { key: 'NOT_SEEN', label: 'Have not been there' }] },
        { id: 'text-1', kind: 'TEXT', template: null, text: 'Who runs the site now?', choices: [] },
      ],
    });
    expect(announced).toContain(rowId(managed));
    // Named by an admin to someone else than the account manager.
    const named = ok(await as('ADMIN')(CREATE, { i: { accountId: orphan, assigneeId: encodeGlobalID('User', s.users.SALES.id), questions: [{ template: 'LET_GO' }] } }));
    expect(named.createIntelRequest.intelRequest.assignedTo.email).toBe('sales@test.earshot.test');
  });

  it('lists the templates with their choices', async () => {
    const t = ok(await as('SALES')(`{ intelQuestionTemplates { key text choices { key label } } }`)).intelQuestionTemplates;
    expect(t.map((x: { key: string }) => x.key)).toEqual(['LET_GO', 'PREMISES', 'SALES_DECLINE', 'ACTIVITY', 'KEY_PEOPLE_LEFT', 'HIRING', 'REDUNDANCIES', 'ORDER_DECLINE']);
    expect(t[0].choices).toEqual([{ key: 'YES', label: 'Yes' }, { key: 'NO', label: 'No' }]);
  });

  it.each([
    [{ questions: [] }, 'input.questions', /at least one/],
    [{ questions: [{ template: 'NOPE' }] }, 'input.questions.0.template', /unknown template/],
    [{ questions: [{ template: 'HIRING' }, { template: 'HIRING' }] }, 'input.questions.1.template', /asked twice/],
    [{ questions: [{ template: 'HIRING', text: 'And?' }] }, 'input.questions.0', /either a template or a text/],
    [{ accountId: 'ORPHAN' }, 'input.assigneeId', /no account manager/],
    [{ assigneeId: 'VIEWER' }, 'input.assigneeId', /VIEWER cannot answer/],
    [{ assigneeId: 'INACTIVE' }, 'input.assigneeId', /deactivated/],
    [{ dueAt: '2020-01-01T00:00:00Z' }, 'input.dueAt', /in the future/],
    [{ message: 'x'.repeat(2001) }, 'input.message', /at most 2000/],
  ])('refuses %j naming %s, writing nothing', async (bad, field, message) => {
    const inactive = await s.db.prisma.user.upsert({ where: { email: 'gone@test.earshot.test' }, create: { email: 'gone@test.earshot.test', name: 'Gone', role: 'SALES', active: false }, update: {} });
    const input: Record<string, unknown> = { accountId: managed, questions: [{ template: 'HIRING' }], ...bad };
    if (input.accountId === 'ORPHAN') input.accountId = orphan;
    if (input.assigneeId === 'VIEWER') input.assigneeId = encodeGlobalID('User', s.users.VIEWER.id);
    if (input.assigneeId === 'INACTIVE') input.assigneeId = encodeGlobalID('User', inactive.id);
    const before = await s.db.prisma.intelRequest.count();
    const r = await as('CREDIT')(CREATE, { i: input });
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(r.errors?.[0]?.message).toMatch(message);
    expect(await s.db.prisma.intelRequest.count()).toBe(before);
  });

  it('lets only credit create, cancel and remind', async () => {
    for (const role of ['SALES', 'VIEWER'] as const) expect(errorCodes(await as(role)(CREATE, { i: { accountId: managed, questions: [{ template: 'HIRING' }] } }))).toEqual(['FORBIDDEN']);
    const r = await create({});
    for (const role of ['SALES', 'VIEWER'] as const) {
      expect(errorCodes(await as(role)(CANCEL, { i: { intelRequestId: r.id } }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await as(role)(REMIND, { i: { intelRequestId: r.id } }))).toEqual(['FORBIDDEN']);
    }
  });

  it('turns the answers into signals authored by the assignee and linked to the request; "don\'t know" writes none', async () => {
    const r = await create({ questions: [{ template: 'LET_GO' }, { template: 'ACTIVITY' }, { template: 'HIRING' }, { text: 'Who runs the site now?' }] });
    const a = ok(
      await as('SALES')(ANSWER, {
        i: {
          intelRequestId: r.id,
          answers: [
            { questionId: 'LET_GO', choice: 'YES', note: 'Two drivers went in November' },
            { questionId: 'ACTIVITY', choice: 'USUAL' },
            { questionId: 'HIRING', dontKnow: true },
            { questionId: 'text-1', note: 'The founder’s daughter' },
          ],
        },
      }),
    ).answerIntelRequest;
    expect(a.signals).toEqual([
      { id: expect.any(String), type: 'STAFF_CUTS', severity: 2, source: 'SALES', author: { email: 'sales@test.earshot.test' } },
      { id: expect.any(String), type: 'OTHER', severity: 1, source: 'SALES', author: { email: 'sales@test.earshot.test' } },
    ]);
    expect(a.intelRequest).toMatchObject({ status: 'ANSWERED', answeredBy: { email: 'sales@test.earshot.test' } });
    expect(a.intelRequest.answers).toEqual([
      {
        questionId: 'LET_GO',
        choice: 'YES',
        note: 'Two drivers went in November',
        dontKnow: false,
        signal: expect.objectContaining({ type: 'STAFF_CUTS', note: 'Has the customer had to let anyone go recently? Yes. Two drivers went in November', intelRequest: { id: r.id } }),
      },
      { questionId: 'ACTIVITY', choice: 'USUAL', note: null, dontKnow: false, signal: null },
      { questionId: 'HIRING', choice: null, note: null, dontKnow: true, signal: null },
      { questionId: 'text-1', choice: null, note: 'The founder’s daughter', dontKnow: false, signal: expect.objectContaining({ type: 'OTHER', note: 'Who runs the site now? The founder’s daughter' }) },
    ]);
    const rows = await s.db.prisma.signal.findMany({ where: { intelRequestId: rowId(r.id) }, orderBy: { id: 'asc' } });
    expect(rows.map((x) => [x.type, x.authorId, x.source])).toEqual([
      ['STAFF_CUTS', s.users.SALES.id, 'SALES'],
      ['OTHER', s.users.SALES.id, 'SALES'],
    ]);
    // The account's risk sees the new signal (recomputed after the commit).
    const account = ok(await as('CREDIT')(`query ($id: ID!) { account(id: $id) { signals(first: 10) { totalCount } intelRequests(first: 10, status: [ANSWERED]) { totalCount } } }`, { id: managed })).account;
    expect(account.signals.totalCount).toBeGreaterThanOrEqual(2);
    expect(account.intelRequests.totalCount).toBeGreaterThanOrEqual(1);
  });

  it('answers once: the same idempotency key returns the same result, any other second answer is a CONFLICT', async () => {
    const r = await create({ questions: [{ template: 'REDUNDANCIES' }] });
    const input = { intelRequestId: r.id, answers: [{ questionId: 'REDUNDANCIES', choice: 'YES' }], idempotencyKey: 'answer-5c1e-0001' };
    const first = ok(await as('SALES')(ANSWER, { i: input })).answerIntelRequest;
    const again = ok(await as('SALES')(ANSWER, { i: input })).answerIntelRequest;
    expect(again.signals.map((x: { id: string }) => x.id)).toEqual(first.signals.map((x: { id: string }) => x.id));
    expect(first.signals).toHaveLength(1);
    expect(await s.db.prisma.signal.count({ where: { intelRequestId: rowId(r.id) } })).toBe(1);
    for (const i of [{ ...input, idempotencyKey: 'answer-5c1e-0002' }, { ...input, idempotencyKey: null }]) {
      const r2 = await as('SALES')(ANSWER, { i });
      expect(errorCodes(r2)).toEqual(['CONFLICT']);
    }
    expect(await s.db.prisma.auditEvent.count({ where: { action: 'intelRequest.answer', data: { path: ['idempotencyKey'], equals: 'answer-5c1e-0001' } } })).toBe(1);
  });

  it('refuses a salesperson who is not the assignee, a VIEWER, and incomplete or invalid answers', async () => {
    const r = await create({ questions: [{ template: 'HIRING' }, { template: 'ACTIVITY' }] });
    const answers = [
      { questionId: 'HIRING', choice: 'YES' },
      { questionId: 'ACTIVITY', choice: 'BUSY' },
    ];
    expect(errorCodes(await asOther(ANSWER, { i: { intelRequestId: r.id, answers } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await as('VIEWER')(ANSWER, { i: { intelRequestId: r.id, answers } }))).toEqual(['FORBIDDEN']);
    const bad = [
      [answers.slice(0, 1), 'input.answers', /missing ACTIVITY/],
      [[answers[0], { questionId: 'ACTIVITY', choice: 'LOUD' }], 'input.answers.1.choice', /one of BUSY, QUIET, USUAL/],
      [[...answers, { questionId: 'NOPE', dontKnow: true }], 'input.answers.2.questionId', /no question "NOPE"/],
    ] as const;
    for (const [a, field, message] of bad) {
      const res = await as('SALES')(ANSWER, { i: { intelRequestId: r.id, answers: a } });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(res.errors?.[0]?.message).toMatch(message);
    }
    expect(await s.db.prisma.intelRequest.findUniqueOrThrow({ where: { id: rowId(r.id) } })).toMatchObject({ status: 'OPEN', answers: [] });
    // Credit may answer on the assignee's behalf: the signals are then the credit user's.
    const byCredit = ok(await as('CREDIT')(ANSWER, { i: { intelRequestId: r.id, answers } })).answerIntelRequest;
    expect(byCredit.signals.map((x: { source: string; author: { email: string } }) => [x.source, x.author.email])).toEqual([
      ['CREDIT', 'credit@test.earshot.test'],
      ['CREDIT', 'credit@test.earshot.test'],
    ]);
  });

  it('declines (the assignee, with a reason), cancels and reminds (credit); a closed request is a CONFLICT', async () => {
    const d = await create({});
    expect(errorCodes(await as('CREDIT')(DECLINE, { i: { intelRequestId: d.id, reason: 'Not mine' } }))).toEqual(['FORBIDDEN']);
    const empty = await as('SALES')(DECLINE, { i: { intelRequestId: d.id, reason: '  ' } });
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reason' });
    expect(ok(await as('SALES')(DECLINE, { i: { intelRequestId: d.id, reason: 'I no longer cover this customer' } })).declineIntelRequest.intelRequest).toMatchObject({
      status: 'DECLINED',
      declinedReason: 'I no longer cover this customer',
      answeredBy: { email: 'sales@test.earshot.test' },
    });
    expect(errorCodes(await as('CREDIT')(CANCEL, { i: { intelRequestId: d.id } }))).toEqual(['CONFLICT']);

    const c = await create({});
    const reminded = ok(await as('CREDIT')(REMIND, { i: { intelRequestId: c.id } })).remindIntelRequest.intelRequest;
    expect(reminded.reminderCount).toBe(1);
    expect(reminded.remindedAt).toEqual(expect.any(String));
    announced.length = 0;
    expect(ok(await as('CREDIT')(CANCEL, { i: { intelRequestId: c.id } })).cancelIntelRequest.intelRequest.status).toBe('CANCELLED');
    expect(announced).toEqual([rowId(managed)]);
    expect(errorCodes(await as('CREDIT')(REMIND, { i: { intelRequestId: c.id } }))).toEqual(['CONFLICT']);
    expect(errorCodes(await as('SALES')(ANSWER, { i: { intelRequestId: c.id, answers: [{ questionId: 'HIRING', dontKnow: true }] } }))).toEqual(['CONFLICT']);
  });

  it('copies a review’s SALES_VIEW answer into the health check', async () => {
    const accountId = (await s.db.prisma.account.findFirstOrThrow({ where: { name: 'Hillside Bakery' } })).id;
    const hc = await s.db.prisma.healthCheck.create({ data: { accountId, status: 'IN_PROGRESS', dueAt: new Date(Date.now() + 10 * DAY) } });
    const req = await s.db.prisma.intelRequest.create({
      data: { accountId, assignedToId: s.users.SALES.id, healthCheckId: hc.id, questions: [{ id: 'view', kind: 'SALES_VIEW', text: 'How does the customer seem to you?' }] },
    });
    const gid = encodeGlobalID('IntelRequest', req.id);
    const a = ok(await as('SALES')(ANSWER, { i: { intelRequestId: gid, answers: [{ questionId: 'view', choice: 'QUIET', note: 'Half the lines stand still' }] } })).answerIntelRequest;
    expect(a.intelRequest.questions[0].choices.map((c: { key: string }) => c.key)).toEqual(['BUSTLING', 'QUIET', 'SAME_AS_ALWAYS']);
    expect(a.signals).toMatchObject([{ type: 'QUIET', severity: 1 }]);
    expect(await s.db.prisma.healthCheck.findUniqueOrThrow({ where: { id: hc.id } })).toMatchObject({
      salesView: 'QUIET',
      salesComment: 'Half the lines stand still',
      salesViewById: s.users.SALES.id,
      salesViewAt: expect.any(Date),
    });
  });

  it('shows SALES their own requests and those on accounts they manage; credit and VIEWER all; with filters and counts', async () => {
    const theirs = await create({ accountId: elsewhere, questions: [{ template: 'KEY_PEOPLE_LEFT' }], dueAt: new Date(Date.now() + DAY).toISOString() });
    await s.db.prisma.intelRequest.update({ where: { id: rowId(theirs.id) }, data: { dueAt: new Date(Date.now() - DAY) } });
    const all = await s.db.prisma.intelRequest.count();
    const total = async (who: (q: string, v?: Record<string, unknown>) => Promise<GqlResult>, f?: Record<string, unknown>) => ok(await who(LIST, { f })).intelRequests.totalCount as number;
    expect(await total(as('CREDIT'))).toBe(all);
    expect(await total(as('VIEWER'))).toBe(all);
    const mine = await s.db.prisma.intelRequest.count({ where: { OR: [{ assignedToId: s.users.SALES.id }, { account: { accountManagerId: s.users.SALES.id } }] } });
    expect(await total(as('SALES'))).toBe(mine);
    expect(await total(asOther)).toBe(1);
    // The second salesperson cannot open SALES's requests by id, nor see them through a signal.
    const salesOne = await s.db.prisma.intelRequest.findFirstOrThrow({ where: { assignedToId: s.users.SALES.id } });
    expect(errorCodes(await asOther(`query ($id: ID!) { node(id: $id) { id } }`, { id: encodeGlobalID('IntelRequest', salesOne.id) }))).toEqual(['FORBIDDEN']);
    const linked = await s.db.prisma.signal.findFirstOrThrow({ where: { intelRequestId: { not: null } } });
    const viaSignal = await asOther(`query ($id: ID!) { node(id: $id) { ... on Signal { intelRequest { id } } } }`, { id: encodeGlobalID('Signal', linked.id) });
    expect(ok(viaSignal).node.intelRequest).toBeNull();

    expect(await total(as('CREDIT'), { overdue: true })).toBe(1);
    // Everything else, open requests without a due date included.
    expect(await total(as('CREDIT'), { overdue: false })).toBe(all - 1);
    expect(await s.db.prisma.intelRequest.count({ where: { status: 'OPEN', dueAt: null } })).toBeGreaterThan(0);
    expect(await total(as('CREDIT'), { overdue: true, assignedToId: other.gid })).toBe(1);
    expect(await total(as('SALES'), { assignedToMe: true, status: ['OPEN'] })).toBe(await s.db.prisma.intelRequest.count({ where: { assignedToId: s.users.SALES.id, status: 'OPEN' } }));
    expect(await total(as('CREDIT'), { accountId: elsewhere, requestedById: encodeGlobalID('User', s.users.CREDIT.id) })).toBe(1);
    const bad = await as('CREDIT')(LIST, { f: { accountId: theirs.id } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.accountId' });

    // Who has not answered: open requests per assignee, the overdue first.
    const summary = ok(await as('CREDIT')(`{ intelRequestAssignees { assignee { email } open overdue oldestOpenAt } }`)).intelRequestAssignees;
    const openOf = (id: string) => s.db.prisma.intelRequest.count({ where: { assignedToId: id, status: 'OPEN' } });
    expect(summary).toEqual([
      { assignee: { email: 'sales2@test.earshot.test' }, open: 1, overdue: 1, oldestOpenAt: expect.any(String) },
      { assignee: { email: 'sales@test.earshot.test' }, open: await openOf(s.users.SALES.id), overdue: 0, oldestOpenAt: expect.any(String) },
    ]);
    expect(ok(await asOther(`{ intelRequestAssignees { assignee { email } open } }`)).intelRequestAssignees).toEqual([{ assignee: { email: 'sales2@test.earshot.test' }, open: 1 }]);
  });

  it('reminds every intelReminderDays and expires intelExpiryDays after the due date (the daily job, clock moved)', async () => {
    await s.db.prisma.intelRequest.updateMany({ where: { status: 'OPEN' }, data: { status: 'CANCELLED' } });
    await s.db.prisma.workspaceSetting.create({ data: { key: 'intelReminderDays', value: 2 } });
    // A stored value of the wrong type falls back to the default (14).
    await s.db.prisma.workspaceSetting.create({ data: { key: 'intelExpiryDays', value: 'a fortnight' } });
    const t0 = new Date('2027-03-01T08:00:00Z');
    const { createIntelRequest } = await import('../services/intel-requests.js');
    const viewer = { userId: s.users.CREDIT.id, email: '', name: '', role: 'CREDIT' as const, businessUnit: null, tokenId: '', tokenKind: 'SESSION' as const, scopes: null };
    const accountId = (await s.db.prisma.account.findFirstOrThrow({ where: { name: 'Hillside Bakery' } })).id;
    const r = await createIntelRequest(s.db.prisma, viewer, { accountId, questions: [{ template: 'HIRING' }], dueAt: new Date(t0.getTime() + 5 * DAY) }, t0);
    const at = (days: number) => new Date(t0.getTime() + days * DAY);
    const state = () => s.db.prisma.intelRequest.findUniqueOrThrow({ where: { id: r.id } });
    expect(await runIntelRequestsDaily(s.db.prisma, at(1))).toEqual({ reminded: 0, expired: 0 });
    expect(await runIntelRequestsDaily(s.db.prisma, at(2))).toEqual({ reminded: 1, expired: 0 });
    expect(await runIntelRequestsDaily(s.db.prisma, at(2))).toEqual({ reminded: 0, expired: 0 });
    expect(await runIntelRequestsDaily(s.db.prisma, at(4))).toEqual({ reminded: 1, expired: 0 });
    expect(await state()).toMatchObject({ status: 'OPEN', reminderCount: 2, remindedAt: at(4) });
    // Due on day 5; expired 14 days later (the default intelExpiryDays), reminded meanwhile.
    expect(await runIntelRequestsDaily(s.db.prisma, at(18))).toEqual({ reminded: 1, expired: 0 });
    expect(await runIntelRequestsDaily(s.db.prisma, at(19))).toEqual({ reminded: 0, expired: 1 });
    expect(await state()).toMatchObject({ status: 'EXPIRED', reminderCount: 3 });
    expect(await runIntelRequestsDaily(s.db.prisma, at(40))).toEqual({ reminded: 0, expired: 0 });
    const events = await s.db.prisma.auditEvent.findMany({ where: { entityId: r.id }, orderBy: { createdAt: 'asc' } });
    expect(events.map((e) => [e.action, e.actorId])).toEqual([
      ['intelRequest.create', s.users.CREDIT.id],
      ['intelRequest.remind', null],
      ['intelRequest.remind', null],
      ['intelRequest.remind', null],
      ['intelRequest.expire', null],
    ]);
  });

  it.runIf(kind === 'pglite')('lists requests in a fixed number of SQL statements, however many there are (no N+1)', async () => {
    const pglite = s.db.pglite!;
    const query = pglite.query.bind(pglite);
    let statements = 0;
    pglite.query = ((...args: Parameters<typeof query>) => {
      statements++;
      return query(...args);
    }) as typeof pglite.query;
    const LIST_ALL = `{ intelRequests(first: 100) { totalCount edges { node { id overdue account { name } assignedTo { email } answeredBy { email } questions { id choices { key } } answers { questionId signal { id type } } } } } }`;
    const count = async (role: 'CREDIT' | 'SALES') => {
      statements = 0;
      const r = ok(await as(role)(LIST_ALL));
      return { statements, requests: r.intelRequests.edges.length as number };
    };
    const answered = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const r = await create({ questions: [{ template: 'LET_GO' }, { template: 'HIRING' }] });
        ok(await as('SALES')(ANSWER, { i: { intelRequestId: r.id, answers: [{ questionId: 'LET_GO', choice: 'YES' }, { questionId: 'HIRING', choice: 'YES' }] } }));
      }
    };
    try {
      await answered(1);
      const before = { credit: await count('CREDIT'), sales: await count('SALES') };
      await answered(6);
      const after = { credit: await count('CREDIT'), sales: await count('SALES') };
      expect(after.credit.requests).toBe(before.credit.requests + 6);
      expect(after.sales.requests).toBe(before.sales.requests + 6);
      expect(after.credit.statements).toBe(before.credit.statements);
      expect(after.sales.statements).toBe(before.sales.statements);
      console.info(`intelRequests list: ${after.credit.statements} SQL statements for ${after.credit.requests} requests (CREDIT), ${after.sales.statements} for ${after.sales.requests} (SALES)`);
    } finally {
      pglite.query = query;
    }
  });

  it('audits every change: who, what, on which request', async () => {
    const events = await s.db.prisma.auditEvent.findMany({ where: { entityType: 'IntelRequest' } });
    const byAction = (a: string) => events.filter((e) => e.action === a);
    for (const a of ['intelRequest.create', 'intelRequest.answer', 'intelRequest.decline', 'intelRequest.cancel', 'intelRequest.remind', 'intelRequest.expire']) expect(byAction(a).length, a).toBeGreaterThan(0);
    expect(byAction('intelRequest.create').length).toBe(await s.db.prisma.intelRequest.count({ where: { requestedById: { not: null } } }));
    expect(byAction('intelRequest.decline')[0]).toMatchObject({ actorId: s.users.SALES.id, tokenId: expect.any(String) });
    expect(byAction('intelRequest.answer').every((e) => (e.data as { accountId?: string }).accountId)).toBe(true);
  });
});
