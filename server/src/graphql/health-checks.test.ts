import { SALES_VIEW_QUESTION_TEXT } from '@earshot/shared';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recomputeAccount } from '../services/credit.js';
import { OUTCOME_SIGNAL_NOTES, schedulableMonths } from '../services/health-checks.js';
import { DB_KINDS } from '../test-support/databases.js';
import { errorCodes, type GqlResult, ok, startTestServer, type TestServer } from '../test-support/server.js';

const DAY = 86_400_000;
const SCHEDULE = `mutation ($m: String!) { scheduleReviews(input: { month: $m }) { month unconvertedCurrencies reviews { id status plannedMonth dueOn reviewer { email } account { name } } } }`;
const START = `mutation ($i: StartHealthCheckInput!) { startHealthCheck(input: $i) { healthCheck { id status startedAt reviewer { email } account { name } } } }`;
const COMPLETE = `mutation ($i: CompleteHealthCheckInput!) { completeHealthCheck(input: $i) { healthCheck { id status outcome outcomeNote newCreditLimit nextReviewAt completedBy { email } checks { creditReport { scoreBefore scoreAfter updatedDuringReview checked } bankDetails { changedSinceLastReview unchanged } purchases { summary months { month } } paymentPattern { summary confirmed } } } } }`;
const CANCEL = `mutation ($i: CancelHealthCheckInput!) { cancelHealthCheck(input: $i) { healthCheck { id status } } }`;
const PLAN = `query ($m: String!) { reviewPlan(month: $m) { month reportingCurrency unassigned unconvertedCurrencies owners { owner { email } capacity planned inProgress done } } }`;
const CHECK = `query ($id: ID!) { node(id: $id) { ... on HealthCheck { status outcome outcomeNote newCreditLimit salesView checks {
  creditReport { latest { score } previous { score } scoreBefore scoreAfter updatedDuringReview checked note }
  bankDetails { changedSinceLastReview changes lastChangeAt unchanged note }
  purchases { currency anticipatedMonthly months { month invoiced } averageMonthly ratio summary note }
  paymentPattern { consistent recentAvgDaysToPay priorAvgDaysToPay summary confirmed note } } } } }`;

const fieldOf = (r: GqlResult) => r.errors?.[0]?.extensions?.field;
const thisMonth = () => new Date().toISOString().slice(0, 7);

describe.each(DB_KINDS)('health-check reviews on %s', (kind) => {
  let s: TestServer;
  const acc: Record<string, string> = {};
  const month = thisMonth();
  const gid = (type: string, id: string) => encodeGlobalID(type, id);

  beforeAll(async () => {
    s = await startTestServer(kind);
    const p = s.db.prisma;
    const old = new Date(Date.now() - 800 * DAY);
    // Due (never reviewed, created long ago), owned by CREDIT; exposures in three currencies; one without an owner.
    const rows: [string, string, string, string | null][] = [
      ['Alpha EUR', 'EUR', '1150.00', s.users.CREDIT.id],
      ['Bravo USD', 'USD', '2200.00', s.users.CREDIT.id], // 1100 EUR at 0.5: after Alpha and Charlie although the largest in its own currency
      ['Charlie EUR', 'EUR', '1200.00', s.users.CREDIT.id],
      ['Delta CHF', 'CHF', '99999.00', s.users.CREDIT.id], // no rate: after the converted ones, and named
      ['Echo EUR', 'EUR', '10.00', s.users.CREDIT.id],
      ['Foxtrot nobody', 'EUR', '50.00', null],
    ];
    for (const [name, currency, exposure, owner] of rows) {
      const a = await p.account.create({ data: { name, currency, creditOwnerId: owner, accountManagerId: s.users.SALES.id, createdAt: old, anticipatedMonthlyPurchases: '100.00' } });
      await p.accountMetrics.create({ data: { accountId: a.id, riskLevel: 'LOW', riskScore: 5, exposure, behaviour: {}, factors: [], computedAt: new Date() } });
      acc[name] = a.id;
    }
  }, 120_000);
  afterAll(() => s?.close());

  it('admin settings: capacity, an exchange rate, the workspace settings; audited', async () => {
    const admin = s.as('ADMIN');
    const cap = ok(await admin(`mutation ($u: ID!) { setReviewCapacity(input: { userId: $u, capacity: 2 }) { user { email reviewCapacity } } }`, { u: gid('User', s.users.CREDIT.id) }));
    expect(cap.setReviewCapacity.user).toEqual({ email: s.users.CREDIT.email, reviewCapacity: 2 });
    const rate = ok(await admin(`mutation { setExchangeRate(input: { currency: "usd", rate: "0.5", asOf: "2026-11-30" }) { exchangeRate { base currency rate asOf } } }`));
    expect(rate.setExchangeRate.exchangeRate).toEqual({ base: 'EUR', currency: 'USD', rate: '0.5', asOf: '2026-11-30' });
    expect(ok(await s.as('CREDIT')(`{ exchangeRates { currency rate } }`)).exchangeRates).toEqual([{ currency: 'USD', rate: '0.5' }]);
    // A stored value of the wrong kind reads as the default rather than breaking every reader.
    await s.db.prisma.workspaceSetting.create({ data: { key: 'intelExpiryDays', value: 'fourteen' } });
    const ws = ok(await admin(`mutation { updateWorkspaceSettings(input: { intelReminderDays: 4 }) { workspaceSettings { reportingCurrency reviewMonthlyCapacity intelReminderDays intelExpiryDays } } }`));
    expect(ws.updateWorkspaceSettings.workspaceSettings).toEqual({ reportingCurrency: 'EUR', reviewMonthlyCapacity: 20, intelReminderDays: 4, intelExpiryDays: 14 });
    // Everyone signed in reads the settings and the policy; capacity only for an admin or the user themself.
    expect(ok(await s.as('SALES')(`{ workspaceSettings { intelReminderDays } }`)).workspaceSettings.intelReminderDays).toBe(4);
    const who = `query ($u: ID!) { node(id: $u) { ... on User { reviewCapacity } } }`;
    expect(ok(await s.as('CREDIT')(who, { u: gid('User', s.users.CREDIT.id) })).node.reviewCapacity).toBe(2);
    expect(ok(await s.as('SALES')(who, { u: gid('User', s.users.CREDIT.id) })).node.reviewCapacity).toBeNull();
    const actions = (await s.db.prisma.auditEvent.findMany({ select: { action: true } })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['user.setReviewCapacity', 'exchangeRate.set', 'workspaceSettings.update']));
  });

  it('plans per credit owner up to capacity, overdue and biggest exposure in EUR first; unconverted currencies named; idempotent', async () => {
    const r = ok(await s.as('CREDIT')(SCHEDULE, { m: month })).scheduleReviews;
    expect(r.month).toBe(month);
    expect(r.unconvertedCurrencies).toEqual(['CHF']);
    const mine = r.reviews.filter((x: { reviewer: unknown }) => x.reviewer);
    // Capacity 2 for CREDIT: Charlie (1200), Alpha (1150); Bravo (2200 USD = 1100 EUR), Echo and Delta (no rate) wait.
    expect(mine.map((x: { account: { name: string } }) => x.account.name).sort()).toEqual(['Alpha EUR', 'Charlie EUR']);
    expect(mine.every((x: { status: string; plannedMonth: string }) => x.status === 'PLANNED' && x.plannedMonth === month)).toBe(true);
    // The account without a credit owner is planned unassigned, against the workspace default.
    expect(r.reviews.filter((x: { reviewer: unknown }) => !x.reviewer).map((x: { account: { name: string } }) => x.account.name)).toEqual(['Foxtrot nobody']);

    const count = await s.db.prisma.healthCheck.count();
    const again = ok(await s.as('ADMIN')(SCHEDULE, { m: month })).scheduleReviews;
    expect(again.reviews).toEqual([]);
    expect(await s.db.prisma.healthCheck.count()).toBe(count);

    const plan = ok(await s.as('CREDIT')(PLAN, { m: month })).reviewPlan;
    expect(plan).toMatchObject({ month, reportingCurrency: 'EUR', unassigned: 1, unconvertedCurrencies: ['CHF'] });
    expect(plan.owners).toEqual([{ owner: { email: s.users.CREDIT.email }, capacity: 2, planned: 2, inProgress: 0, done: 0 }]);
    const listed = ok(await s.as('CREDIT')(`{ healthChecks(first: 10, filter: { mine: true, status: [PLANNED] }) { totalCount } }`));
    expect(listed.healthChecks.totalCount).toBe(2);
  });

  it('with more capacity left, the next run plans the rest, the account without a rate included', async () => {
    ok(await s.as('ADMIN')(`mutation ($u: ID!) { setReviewCapacity(input: { userId: $u, capacity: 5 }) { user { id } } }`, { u: gid('User', s.users.CREDIT.id) }));
    const r = ok(await s.as('CREDIT')(SCHEDULE, { m: month })).scheduleReviews;
    const names = r.reviews.map((x: { account: { name: string } }) => x.account.name);
    expect(names.sort()).toEqual(['Bravo USD', 'Delta CHF', 'Echo EUR']);
    const plan = ok(await s.as('CREDIT')(PLAN, { m: month })).reviewPlan;
    expect(plan.owners[0]).toMatchObject({ capacity: 5, planned: 5 });
  });

  it('starting asks the account manager for their view (an intel request with one SALES_VIEW question)', async () => {
    const p = s.db.prisma;
    await p.creditReport.create({ data: { accountId: acc['Charlie EUR']!, score: 70, source: 'Synthetic Bureau', reportedAt: new Date(Date.now() - 60 * DAY), createdAt: new Date(Date.now() - 60 * DAY) } });
    const hc = await p.healthCheck.findFirstOrThrow({ where: { accountId: acc['Charlie EUR'] } });
    const r = ok(await s.as('CREDIT')(START, { i: { healthCheckId: gid('HealthCheck', hc.id) } })).startHealthCheck.healthCheck;
    expect(r).toMatchObject({ status: 'IN_PROGRESS', reviewer: { email: s.users.CREDIT.email }, account: { name: 'Charlie EUR' } });
    const row = await p.healthCheck.findUniqueOrThrow({ where: { id: hc.id } });
    expect(row.scoreBefore).toBe(70);
    const requests = await p.intelRequest.findMany({ where: { healthCheckId: hc.id } });
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ accountId: acc['Charlie EUR'], assignedToId: s.users.SALES.id, requestedById: s.users.CREDIT.id, status: 'OPEN' });
    expect(requests[0]!.questions).toEqual([{ id: 'view', kind: 'SALES_VIEW', text: SALES_VIEW_QUESTION_TEXT }]);
    const due = requests[0]!.dueAt!.getTime() - Date.now();
    expect(due).toBeGreaterThan(4.9 * DAY);
    expect(due).toBeLessThanOrEqual(5 * DAY);
    // Starting it again changes nothing and asks nobody twice.
    ok(await s.as('CREDIT')(START, { i: { accountId: gid('Account', acc['Charlie EUR']!) } }));
    expect(await p.intelRequest.count({ where: { healthCheckId: hc.id } })).toBe(1);
  });

  it('completing records the four checks, writes signals for what changed, moves the next review and resolves the overdue alert', async () => {
    const p = s.db.prisma;
    const accountId = acc['Charlie EUR']!;
    await recomputeAccount(p, accountId);
    expect(await p.alert.count({ where: { accountId, rule: 'REVIEW_OVERDUE', status: 'OPEN' } })).toBe(1);
    // During the review: a new credit report (worse), and bank details that changed (recorded without a signal).
    await p.creditReport.create({ data: { accountId, score: 52, source: 'Synthetic Bureau', reportedAt: new Date() } });
    await p.bankDetailRecord.createMany({
      data: [
        { accountId, fingerprint: 'fp-old', last4: '1111', recordedAt: new Date(Date.now() - 400 * DAY) },
        { accountId, fingerprint: 'fp-new', last4: '2222', recordedAt: new Date(Date.now() - 10 * DAY) },
      ],
    });
    const hc = await p.healthCheck.findFirstOrThrow({ where: { accountId, status: 'IN_PROGRESS' } });
    const r = ok(
      await s.as('CREDIT')(COMPLETE, {
        i: {
          healthCheckId: gid('HealthCheck', hc.id),
          creditReportChecked: true,
          creditReportNote: 'Score down after late filings',
          bankDetailsUnchanged: false,
          paymentPatternConsistent: true,
          outcome: 'FOLLOW_UP',
          outcomeNote: 'Ask for management accounts',
          newCreditLimit: '5000.00',
          salesView: 'QUIET',
          salesComment: 'Told me on the phone',
        },
      }),
    ).completeHealthCheck.healthCheck;
    expect(r).toMatchObject({
      status: 'DONE',
      outcome: 'FOLLOW_UP',
      outcomeNote: 'Ask for management accounts',
      newCreditLimit: '5000.00',
      completedBy: { email: s.users.CREDIT.email },
      checks: {
        creditReport: { scoreBefore: 70, scoreAfter: 52, updatedDuringReview: true, checked: true },
        bankDetails: { changedSinceLastReview: true, unchanged: false },
        purchases: { summary: 'No purchases lately although some were planned' },
        paymentPattern: { summary: 'Not enough payment history to compare', confirmed: true },
      },
    });
    const signals = await p.signal.findMany({ where: { healthCheckId: hc.id }, orderBy: { type: 'asc' } });
    expect(signals.map((x) => [x.type, x.source])).toEqual([
      ['BANK_CHANGE', 'CREDIT'],
      ['CREDIT_REPORT_CHANGE', 'CREDIT'],
      ['OTHER', 'CREDIT'],
    ]);
    // The outcome note is the credit team's: the OTHER signal everyone reads says what was decided, nothing more.
    expect(signals.find((x) => x.type === 'OTHER')!.note).toBe(OUTCOME_SIGNAL_NOTES.FOLLOW_UP);
    for (const role of ['SALES', 'VIEWER'] as const) {
      const notes = ok(await s.as(role)(`query ($id: ID!) { account(id: $id) { signals(first: 20) { edges { node { type note } } } } }`, { id: gid('Account', accountId) }));
      expect(JSON.stringify(notes), role).not.toContain('management accounts');
    }
    // The account manager's view, still asked for, is withdrawn with the review (audited): it no longer counts as
    // unanswered, and cannot be answered into a review that will not read it.
    const request = await p.intelRequest.findFirstOrThrow({ where: { healthCheckId: hc.id } });
    expect(request.status).toBe('CANCELLED');
    const answer = await s.as('SALES')(
      `mutation ($i: AnswerIntelRequestInput!) { answerIntelRequest(input: $i) { intelRequest { status } } }`,
      { i: { intelRequestId: gid('IntelRequest', request.id), answers: [{ questionId: 'view', choice: 'BUSTLING' }] } },
    );
    expect(errorCodes(answer)).toEqual(['CONFLICT']);
    const account = await p.account.findUniqueOrThrow({ where: { id: accountId } });
    expect(account.creditLimit?.toFixed(2)).toBe('5000.00');
    expect(account.lastReviewedAt!.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(account.nextReviewAt!.getTime()).toBeGreaterThan(Date.now());
    expect(await p.alert.count({ where: { accountId, rule: 'REVIEW_OVERDUE', status: 'OPEN' } })).toBe(0);
    expect(await p.alert.count({ where: { accountId, rule: 'REVIEW_OVERDUE', status: 'RESOLVED' } })).toBe(1);
    const done = await p.healthCheck.findUniqueOrThrow({ where: { id: hc.id } });
    expect(done).toMatchObject({ salesView: 'QUIET', salesComment: 'Told me on the phone', salesViewById: s.users.CREDIT.id, scoreAfter: 52 });
    expect((done.evidence as { creditReport: { scoreAfter: number } }).creditReport.scoreAfter).toBe(52);
    const audits = await p.auditEvent.findMany({ where: { entityId: hc.id }, orderBy: { createdAt: 'asc' } });
    expect(audits.map((a) => a.action)).toEqual(['healthCheck.start', 'healthCheck.complete']);
    expect(audits[1]!.actorId).toBe(s.users.CREDIT.id);
    expect(audits[1]!.data).toMatchObject({ intelRequestsCancelled: 1 });

    // The evidence is frozen: a later report does not change the completed review.
    await p.creditReport.create({ data: { accountId, score: 90, source: 'Synthetic Bureau', reportedAt: new Date() } });
    const frozen = ok(await s.as('CREDIT')(CHECK, { id: gid('HealthCheck', hc.id) })).node;
    expect(frozen.checks.creditReport).toMatchObject({ scoreAfter: 52, latest: { score: 52 }, previous: { score: 70 } });
    // Sales reads the words, not the figures.
    const sales = ok(await s.as('SALES')(CHECK, { id: gid('HealthCheck', hc.id) })).node;
    expect(sales).toMatchObject({ status: 'DONE', outcome: 'FOLLOW_UP', outcomeNote: null, newCreditLimit: null, salesView: 'QUIET' });
    expect(sales.checks.creditReport).toMatchObject({ latest: null, previous: null, scoreBefore: null, scoreAfter: null, updatedDuringReview: true, note: null });
    expect(sales.checks.purchases).toMatchObject({ currency: 'EUR', anticipatedMonthly: null, months: [], averageMonthly: null, ratio: null, summary: 'No purchases lately although some were planned' });
    expect(sales.checks.paymentPattern).toMatchObject({ recentAvgDaysToPay: null, priorAvgDaysToPay: null });
    expect(`${sales.checks.purchases.summary} ${sales.checks.paymentPattern.summary}`).not.toMatch(/\d/);
  });

  it('honours an earlier next review date, and writes no second BANK_CHANGE when the change was already signalled', async () => {
    const p = s.db.prisma;
    const accountId = acc['Alpha EUR']!;
    const bank = `mutation ($i: RecordBankDetailsInput!) { recordBankDetails(input: $i) { changed } }`;
    ok(await s.as('CREDIT')(bank, { i: { accountId: gid('Account', accountId), iban: 'DE89370400440532013000', bankName: 'Old Bank' } }));
    expect(ok(await s.as('CREDIT')(bank, { i: { accountId: gid('Account', accountId), iban: 'GB29NWBK60161331926819', bankName: 'New Bank' } })).recordBankDetails.changed).toBe(true);
    const hc = await p.healthCheck.findFirstOrThrow({ where: { accountId, status: 'PLANNED' } });
    ok(await s.as('CREDIT')(START, { i: { healthCheckId: gid('HealthCheck', hc.id), askSalesView: false } }));
    expect(await p.intelRequest.count({ where: { healthCheckId: hc.id } })).toBe(0);
    const next = new Date(Date.now() + 20 * DAY);
    ok(
      await s.as('CREDIT')(COMPLETE, {
        i: { healthCheckId: gid('HealthCheck', hc.id), creditReportChecked: true, bankDetailsUnchanged: false, paymentPatternConsistent: true, outcome: 'OK', nextReviewAt: next.toISOString() },
      }),
    );
    expect(await p.signal.count({ where: { accountId, type: 'BANK_CHANGE' } })).toBe(1);
    expect(await p.signal.count({ where: { healthCheckId: hc.id } })).toBe(0);
    expect((await p.account.findUniqueOrThrow({ where: { id: accountId } })).nextReviewAt!.getTime()).toBe(next.getTime());
  });

  it('cancelling needs a reason and withdraws the open intel request', async () => {
    const p = s.db.prisma;
    const hc = await p.healthCheck.findFirstOrThrow({ where: { accountId: acc['Echo EUR'], status: 'PLANNED' } });
    ok(await s.as('CREDIT')(START, { i: { healthCheckId: gid('HealthCheck', hc.id) } }));
    const bad = await s.as('CREDIT')(CANCEL, { i: { healthCheckId: gid('HealthCheck', hc.id), reason: '  ' } });
    expect(fieldOf(bad)).toBe('input.reason');
    const r = ok(await s.as('CREDIT')(CANCEL, { i: { healthCheckId: gid('HealthCheck', hc.id), reason: 'Customer being sold; review after' } }));
    expect(r.cancelHealthCheck.healthCheck.status).toBe('CANCELLED');
    expect((await p.intelRequest.findFirstOrThrow({ where: { healthCheckId: hc.id } })).status).toBe('CANCELLED');
    const again = await s.as('CREDIT')(CANCEL, { i: { healthCheckId: gid('HealthCheck', hc.id), reason: 'again' } });
    expect(errorCodes(again)).toEqual(['CONFLICT']);
    const complete = await s.as('CREDIT')(COMPLETE, {
      i: { healthCheckId: gid('HealthCheck', hc.id), creditReportChecked: true, bankDetailsUnchanged: true, paymentPatternConsistent: true, outcome: 'OK' },
    });
    expect(errorCodes(complete)).toEqual(['CONFLICT']);
    expect(complete.errors![0]!.message).toBe('This review was cancelled: it cannot be completed');
    expect(await p.auditEvent.count({ where: { action: 'healthCheck.cancel', entityId: hc.id } })).toBe(1);
  });

  it('an unplanned review started from the account; Account.openHealthCheck and healthChecks', async () => {
    const accountId = acc['Foxtrot nobody']!;
    // The planned one (unassigned) is the open one: starting from the account starts it and assigns it to whoever starts it.
    const started = ok(await s.as('ADMIN')(START, { i: { accountId: gid('Account', accountId), askSalesView: false } })).startHealthCheck.healthCheck;
    expect(started.reviewer.email).toBe(s.users.ADMIN.email);
    const q = `query ($id: ID!) { account(id: $id) { openHealthCheck { id status } healthChecks(first: 5) { totalCount edges { node { status } } } } }`;
    const a = ok(await s.as('VIEWER')(q, { id: gid('Account', accountId) })).account;
    expect(a.openHealthCheck).toEqual({ id: started.id, status: 'IN_PROGRESS' });
    expect(a.healthChecks.totalCount).toBe(1);
  });

  it('authorization: SALES and VIEWER cannot schedule, start, complete or cancel; they read reviews; plan and rates are credit only', async () => {
    const hc = await s.db.prisma.healthCheck.findFirstOrThrow({ where: { status: 'PLANNED' } });
    const id = gid('HealthCheck', hc.id);
    const before = await s.db.prisma.healthCheck.findMany({ orderBy: { id: 'asc' } });
    for (const role of ['SALES', 'VIEWER'] as const) {
      const as = s.as(role);
      expect(errorCodes(await as(SCHEDULE, { m: month })), role).toEqual(['FORBIDDEN']);
      expect(errorCodes(await as(START, { i: { healthCheckId: id } })), role).toEqual(['FORBIDDEN']);
      expect(errorCodes(await as(COMPLETE, { i: { healthCheckId: id, creditReportChecked: true, bankDetailsUnchanged: true, paymentPatternConsistent: true, outcome: 'OK' } })), role).toEqual(['FORBIDDEN']);
      expect(errorCodes(await as(CANCEL, { i: { healthCheckId: id, reason: 'x' } })), role).toEqual(['FORBIDDEN']);
      expect(errorCodes(await as(PLAN, { m: month })), role).toEqual(['FORBIDDEN']);
      expect(errorCodes(await as(`{ exchangeRates { currency } }`)), role).toEqual(['FORBIDDEN']);
      expect(errorCodes(await as(`mutation { setExchangeRate(input: { currency: "GBP", rate: "1.1", asOf: "2026-11-30" }) { exchangeRate { rate } } }`)), role).toEqual(['FORBIDDEN']);
      expect(ok(await as(`{ healthChecks(first: 50) { totalCount } reviewPolicy { riskLevel } }`)).healthChecks.totalCount).toBe(before.length);
    }
    expect(errorCodes(await s.as('CREDIT')(`mutation { setReviewPolicy(input: { riskLevel: LOW, intervalDays: 200 }) { policy { riskLevel } } }`))).toEqual(['FORBIDDEN']);
    expect(await s.db.prisma.healthCheck.findMany({ orderBy: { id: 'asc' } })).toEqual(before);
    expect(await s.db.prisma.exchangeRate.count({ where: { currency: 'GBP' } })).toBe(0);
  });

  it.each([
    ['a malformed month', SCHEDULE, { m: '2026-13' }, 'input.month'],
    ['a month of another form', PLAN, { m: 'December' }, 'month'],
    [
      'both ids',
      START,
      { i: { healthCheckId: encodeGlobalID('HealthCheck', '01900000-0000-7000-8000-000000000000'), accountId: encodeGlobalID('Account', '01900000-0000-7000-8000-000000000000') } },
      'input.accountId',
    ],
    ['neither id', START, { i: {} }, 'input.healthCheckId'],
    ['a malformed id', START, { i: { healthCheckId: 'x' } }, 'input.healthCheckId'],
    ['an id of another type', START, { i: { healthCheckId: encodeGlobalID('Account', '01900000-0000-7000-8000-000000000000') } }, 'input.healthCheckId'],
    ['a sales view due in the past', START, { i: { accountId: encodeGlobalID('Account', '01900000-0000-7000-8000-000000000000'), salesViewDueAt: '2020-01-01T00:00:00Z' } }, 'input.salesViewDueAt'],
    ['a month years ahead', SCHEDULE, { m: '2030-01' }, 'input.month'],
    ['a past month', SCHEDULE, { m: '2025-12' }, 'input.month'],
  ])('rejects %s, naming the field', async (_what, query, vars, field) => {
    const r = await s.as('CREDIT')(query, vars);
    expect(errorCodes(r)).toEqual(['BAD_USER_INPUT']);
    expect(fieldOf(r)).toBe(field);
  });

  it('plans only the current month or the next, and says which', async () => {
    const [current, next] = schedulableMonths();
    const r = await s.as('CREDIT')(SCHEDULE, { m: '2030-01' });
    expect(r.errors![0]!.message).toBe(`input.month: only the current month (${current}) or the next (${next}) can be planned`);
    expect(await s.db.prisma.healthCheck.count({ where: { plannedMonth: '2030-01' } })).toBe(0);
    expect(errorCodes(await s.as('CREDIT')(PLAN, { m: '2030-01' }))).toEqual([]);
  });

  it('an id of another type names the type with its article ("an Account id")', async () => {
    const r = await s.as('CREDIT')(START, { i: { accountId: encodeGlobalID('HealthCheck', '01900000-0000-7000-8000-000000000000') } });
    expect(r.errors![0]!.message).toBe('input.accountId is not an Account id');
    const h = await s.as('CREDIT')(START, { i: { healthCheckId: encodeGlobalID('Account', '01900000-0000-7000-8000-000000000000') } });
    expect(h.errors![0]!.message).toBe('input.healthCheckId is not a HealthCheck id');
  });

  it('a review capacity is only for credit and admin users', async () => {
    const q = `mutation ($u: ID!, $c: Int) { setReviewCapacity(input: { userId: $u, capacity: $c }) { user { id } } }`;
    for (const role of ['SALES', 'VIEWER'] as const) {
      const r = await s.as('ADMIN')(q, { u: gid('User', s.users[role].id), c: 3 });
      expect(errorCodes(r), role).toEqual(['BAD_USER_INPUT']);
      expect(fieldOf(r), role).toBe('input.userId');
      expect((await s.db.prisma.user.findUniqueOrThrow({ where: { id: s.users[role].id } })).reviewCapacity, role).toBeNull();
    }
    ok(await s.as('ADMIN')(q, { u: gid('User', s.users.ADMIN.id), c: 3 }));
    ok(await s.as('ADMIN')(q, { u: gid('User', s.users.ADMIN.id), c: null }));
  });

  it('completing: outcome-specific requirements and bounds name the field; nothing written', async () => {
    const hc = await s.db.prisma.healthCheck.findFirstOrThrow({ where: { status: 'PLANNED' } });
    const base = { healthCheckId: gid('HealthCheck', hc.id), creditReportChecked: true, bankDetailsUnchanged: true, paymentPatternConsistent: true, outcome: 'OK' };
    const cases: [Record<string, unknown>, string][] = [
      [{ outcome: 'ESCALATE' }, 'input.outcomeNote'],
      [{ putOnHold: true }, 'input.holdReason'],
      [{ newCreditLimit: '-5.00' }, 'input.newCreditLimit'],
      [{ nextReviewAt: new Date(Date.now() - DAY).toISOString() }, 'input.nextReviewAt'],
      [{ nextReviewAt: new Date(Date.now() + 800 * DAY).toISOString() }, 'input.nextReviewAt'],
      [{ salesComment: 'busy' }, 'input.salesView'],
      [{ healthCheckId: gid('Account', acc['Alpha EUR']!) }, 'input.healthCheckId'],
    ];
    const audit = await s.db.prisma.auditEvent.count();
    for (const [bad, field] of cases) {
      const r = await s.as('CREDIT')(COMPLETE, { i: { ...base, ...bad } });
      expect(errorCodes(r), field).toEqual(['BAD_USER_INPUT']);
      expect(fieldOf(r), JSON.stringify(bad)).toBe(field);
    }
    expect(await s.db.prisma.auditEvent.count()).toBe(audit);
    expect((await s.db.prisma.healthCheck.findUniqueOrThrow({ where: { id: hc.id } })).status).toBe('PLANNED');
    const missing = await s.as('CREDIT')(COMPLETE, { i: { ...base, healthCheckId: encodeGlobalID('HealthCheck', '01900000-0000-7000-8000-000000000000') } });
    expect(errorCodes(missing)).toEqual(['NOT_FOUND']);
  });

  it.each([
    [`mutation { setExchangeRate(input: { currency: "XXY", rate: "1", asOf: "2026-11-30" }) { exchangeRate { rate } } }`, 'input.currency'],
    [`mutation { setExchangeRate(input: { currency: "EUR", rate: "1", asOf: "2026-11-30" }) { exchangeRate { rate } } }`, 'input.currency'],
    [`mutation { setExchangeRate(input: { currency: "GBP", rate: "0", asOf: "2026-11-30" }) { exchangeRate { rate } } }`, 'input.rate'],
    [`mutation { setExchangeRate(input: { currency: "GBP", rate: "1.12345678901", asOf: "2026-11-30" }) { exchangeRate { rate } } }`, 'input.rate'],
    [`mutation { setExchangeRate(input: { currency: "GBP", rate: "-1", asOf: "2026-11-30" }) { exchangeRate { rate } } }`, 'input.rate'],
    [`mutation { setExchangeRate(input: { currency: "GBP", rate: "1.1", asOf: "2026-02-30" }) { exchangeRate { rate } } }`, 'input.asOf'],
    [`mutation { setExchangeRate(input: { currency: "GBP", rate: "1.1", asOf: "2099-01-01" }) { exchangeRate { rate } } }`, 'input.asOf'],
    [`mutation { setReviewPolicy(input: { riskLevel: LOW, intervalDays: 400 }) { policy { riskLevel } } }`, 'input.intervalDays'],
    [`mutation { setReviewPolicy(input: { riskLevel: LOW, intervalDays: 3 }) { policy { riskLevel } } }`, 'input.intervalDays'],
    [`mutation { updateWorkspaceSettings(input: { reportingCurrency: "EURO" }) { workspaceSettings { reportingCurrency } } }`, 'input.reportingCurrency'],
    [`mutation { updateWorkspaceSettings(input: { reviewMonthlyCapacity: -1 }) { workspaceSettings { reportingCurrency } } }`, 'input.reviewMonthlyCapacity'],
    [`mutation ($u: ID!) { setReviewCapacity(input: { userId: $u, capacity: 5000 }) { user { id } } }`, 'input.capacity'],
    [`mutation { setReviewCapacity(input: { userId: "${encodeGlobalID('Account', '01900000-0000-7000-8000-000000000000')}", capacity: 5 }) { user { id } } }`, 'input.userId'],
  ])('admin input %s is refused naming %s', async (query, field) => {
    const r = await s.as('ADMIN')(query, { u: gid('User', s.users.CREDIT.id) });
    expect(errorCodes(r)).toEqual(['BAD_USER_INPUT']);
    expect(fieldOf(r)).toBe(field);
  });

  it('the review policy is editable by an admin and moves every next review; null goes back to the default', async () => {
    const p = s.db.prisma;
    const accountId = acc['Delta CHF']!;
    const reviewed = new Date('2026-06-01T00:00:00.000Z');
    await p.account.update({ where: { id: accountId }, data: { lastReviewedAt: reviewed } });
    const set = ok(await s.as('ADMIN')(`mutation { setReviewPolicy(input: { riskLevel: LOW, intervalDays: 100 }) { policy { riskLevel intervalDays isDefault } } }`));
    expect(set.setReviewPolicy.policy).toEqual([
      { riskLevel: 'CRITICAL', intervalDays: 30, isDefault: true },
      { riskLevel: 'HIGH', intervalDays: 90, isDefault: true },
      { riskLevel: 'MODERATE', intervalDays: 180, isDefault: true },
      { riskLevel: 'LOW', intervalDays: 100, isDefault: false },
    ]);
    const level = (await p.accountMetrics.findUniqueOrThrow({ where: { accountId } })).riskLevel;
    const interval = { CRITICAL: 30, HIGH: 90, MODERATE: 180, LOW: 100 }[level];
    expect((await p.account.findUniqueOrThrow({ where: { id: accountId } })).nextReviewAt).toEqual(new Date(reviewed.getTime() + interval * DAY));
    ok(await s.as('ADMIN')(`mutation { setReviewPolicy(input: { riskLevel: LOW, intervalDays: null }) { policy { riskLevel } } }`));
    expect(ok(await s.as('SALES')(`{ reviewPolicy { riskLevel intervalDays isDefault } }`)).reviewPolicy.at(-1)).toEqual({ riskLevel: 'LOW', intervalDays: 365, isDefault: true });
    expect(await p.auditEvent.count({ where: { action: 'reviewPolicy.set' } })).toBe(2);
  });

  it('the checks: other currencies converted (or named when there is no rate), open invoices past due and the stored trend; sales reads words', async () => {
    const p = s.db.prisma;
    const now = new Date();
    const at = (monthsAgo: number, dayOfMonth: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsAgo, dayOfMonth));
    const daysAgo = (n: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - n));
    const a = await p.account.create({ data: { name: 'Golf EUR buying in GBP', currency: 'EUR', anticipatedMonthlyPurchases: '1000.00' } });
    // The paid invoices paid as usual (30 days every month), but the stored trend says SLIPPING.
    const series = Array.from({ length: 9 }, (_, i) => ({ month: at(9 - i, 1).toISOString().slice(0, 7), invoiced: '0', paid: '0', avgDaysToPay: 30, daysBeyondTerms: 0 }));
    await p.accountMetrics.create({ data: { accountId: a.id, riskLevel: 'CRITICAL', riskScore: 80, trend: 'SLIPPING', exposure: '0', behaviour: { paymentSeries: series }, factors: [], computedAt: now } });
    let n = 0;
    const invoice = async (currency: string, amount: string, issuedAt: Date, dueAt: Date, paid: boolean) => {
      n++;
      await p.invoice.create({
        data: {
          externalId: `golf-${n}`,
          accountId: a.id,
          number: `G-${n}`,
          currency,
          amount,
          issuedAt,
          dueAt,
          ...(paid ? { payments: { create: { externalId: `golf-pay-${n}`, amount, receivedAt: dueAt } } } : {}),
        },
      });
    };
    for (const m of [1, 2, 3]) {
      await invoice('EUR', '300.00', at(m, 5), at(m, 28), true);
      await invoice('GBP', '500.00', at(m, 10), at(m, 28), true);
    }
    // Three invoices issued long ago, unpaid 26, 54 and 86 days after their due date.
    for (const d of [26, 54, 86]) await invoice('EUR', '4000.00', at(7, 1), daysAgo(d), false);
    // Rows written directly: recompute, as an import would, so the check reads the status of this ledger.
    await recomputeAccount(p, a.id);
    const hcId = ok(await s.as('CREDIT')(START, { i: { accountId: gid('Account', a.id), askSalesView: false } })).startHealthCheck.healthCheck.id;
    const checksAs = async (role: 'CREDIT' | 'SALES') => ok(await s.as(role)(CHECK, { id: hcId })).node.checks;

    // No GBP rate: left out, and said so.
    let credit = await checksAs('CREDIT');
    expect(credit.purchases).toMatchObject({ ratio: 0.3, summary: 'Buying much less than planned; GBP invoices not counted: no exchange rate' });
    expect(credit.paymentPattern.consistent).toBe(false);
    expect(credit.paymentPattern.summary).toMatch(/^3 invoices unpaid 26–86 days past due; /);
    ok(await s.as('ADMIN')(`mutation { setExchangeRate(input: { currency: "GBP", rate: "1.2", asOf: "2026-11-30" }) { exchangeRate { rate } } }`));
    credit = await checksAs('CREDIT');
    expect(credit.purchases).toMatchObject({ ratio: 0.9, averageMonthly: '900.00', summary: 'Buying about as planned; GBP invoices converted at the rates of 2026-11-30' });
    const sales = await checksAs('SALES');
    expect(sales.purchases.summary).toBe("Buying about as planned; GBP invoices converted into the account's currency");
    // Every payment on its due date, three old invoices unpaid: overdue, not "paying later than usual" (issue 10).
    expect(sales.paymentPattern).toMatchObject({ consistent: false, summary: 'Some invoices are well past due', recentAvgDaysToPay: null });
    expect(`${sales.purchases.summary} ${sales.paymentPattern.summary}`).not.toMatch(/\d/);
    await p.exchangeRate.deleteMany({ where: { currency: 'GBP' } });
  });

  it('the reporting currency decides what converts: switching it to USD names EUR until a rate exists', async () => {
    ok(await s.as('ADMIN')(`mutation { updateWorkspaceSettings(input: { reportingCurrency: "USD" }) { workspaceSettings { reportingCurrency } } }`));
    const plan = ok(await s.as('CREDIT')(PLAN, { m: month })).reviewPlan;
    expect(plan.reportingCurrency).toBe('USD');
    expect(plan.unconvertedCurrencies).toEqual(['CHF', 'EUR']);
    // Scheduling names the same currencies as the plan (it named none when every account was planned already).
    const scheduled = ok(await s.as('CREDIT')(SCHEDULE, { m: month })).scheduleReviews;
    expect(scheduled.unconvertedCurrencies).toEqual(plan.unconvertedCurrencies);
    expect(ok(await s.as('CREDIT')(PLAN, { m: month })).reviewPlan.unconvertedCurrencies).toEqual(['CHF', 'EUR']);
    expect(ok(await s.as('CREDIT')(`{ exchangeRates { currency } }`)).exchangeRates).toEqual([]);
    ok(await s.as('ADMIN')(`mutation { setExchangeRate(input: { currency: "EUR", rate: "2", asOf: "2026-11-30" }) { exchangeRate { base } } }`));
    expect(ok(await s.as('CREDIT')(PLAN, { m: month })).reviewPlan.unconvertedCurrencies).toEqual(['CHF']);
    ok(await s.as('ADMIN')(`mutation { updateWorkspaceSettings(input: { reportingCurrency: "EUR" }) { workspaceSettings { reportingCurrency } } }`));
  });
});
