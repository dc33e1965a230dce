/** Query limits: size and tokens before parsing, depth at validation, a cost that multiplies by page sizes. */
import { OPERATIONS } from '@earshot/shared';
import { getIntrospectionQuery, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { issueToken } from '../auth/tokens.js';
import { loadConfig } from '../config.js';
import { startTestServer, type TestServer } from '../test-support/server.js';
import { operationCost, QUERY_LIMITS } from './limits.js';
import { schema } from './schema.js';

let s: TestServer;
let dev: ReturnType<typeof createApp>;
let prod: ReturnType<typeof createApp>;
beforeAll(async () => {
  s = await startTestServer('pglite');
  dev = createApp(s.db, { ...loadConfig({}), production: false }, s.services);
  prod = createApp(s.db, { ...loadConfig({}), production: true }, s.services);
});
afterAll(() => s.close());

async function send(app: ReturnType<typeof createApp>, query: string, opts: { token?: string; variables?: Record<string, unknown> } = {}) {
  const started = performance.now();
  const res = await app.yoga.fetch('http://earshot.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}) },
    body: JSON.stringify({ query, variables: opts.variables ?? {} }),
  });
  const body = (await res.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
  return { status: res.status, body, ms: performance.now() - started, codes: (body.errors ?? []).map((e) => e.extensions?.code) };
}

/** A well-formed global id of a row that does not exist. */
const gid = (type: string) => Buffer.from(`${type}:01900000-0000-7000-8000-000000000000`).toString('base64');

const VARIABLES: Record<string, Record<string, unknown>> = {
  SearchAccounts: { search: 'acme', first: 10 },
  AccountCard: { id: 'x' },
  ResolveAccounts: { context: {} },
  SignIn: { input: { email: 'a@b.example', password: 'x' } },
  SignInWithOidc: { input: { code: 'c', codeVerifier: 'v'.repeat(43), redirectUri: 'https://abc.chromiumapp.org/', nonce: 'n' } },
  CreateSignal: { input: { accountId: 'x', type: 'OTHER', note: 'n' } },
  AddNote: { input: { accountId: 'x', body: 'b' } },
  CreateAccount: { input: { name: 'n' } },
  AddAccountDomains: { input: { accountId: 'x', domains: ['acme.example'] } },
  ReportAdapterHealth: { input: { site: 'gmail', pageType: 'thread', missing: [], structure: 's', host: 'h' } },
  // The worker asks it for the ids ResolveAccounts matched: at most 10 (RESOLVE_LIMITS.matches).
  PanelAccountWork: { ids: Array.from({ length: 10 }, (_, i) => Buffer.from(`Account:id-${i}`).toString('base64')) },
  // The account on view in the panel: one.
  PanelAccountDetail: { id: gid('Account') },
  PopupIntelRequests: { first: 10 },
  PanelAnswerIntelRequest: { input: { intelRequestId: 'x', answers: [{ questionId: 'q1', choice: 'YES' }], idempotencyKey: 'k' } },
  PanelDeclineIntelRequest: { input: { intelRequestId: 'x', reason: 'r' } },
  PanelOpenDispute: { input: { accountId: 'x', kind: 'DISPUTE', reason: 'r', ownerTeam: 'logistics' } },
  PanelAccountInvoices: { id: 'x' },
  PanelOpenInvoices: { id: 'x' },
  PanelUpdateCustomerCard: { input: { accountId: 'x', keyAccount: true } },
  PanelRecordContact: { input: { accountId: 'x' } },
  // Issue 9, panel and popup visits (extension/src/entrypoints/panel/visits, popup/TodaysVisits).
  PanelVisits: { id: gid('Account') },
  PanelAddVisitNotes: { input: { visitId: gid('Visit'), notes: 'n', idempotencyKey: 'k', takenAt: '2026-12-05T10:00:00Z' } },
  PanelUpdateActionItem: { input: { actionItemId: gid('ActionItem'), status: 'DONE' } },
  PopupTodaysVisits: { from: '2026-12-05T00:00:00Z', to: '2026-12-06T23:59:59Z' },
  // The workspace page's page size (extension/src/entrypoints/dashboard/views: 25).
  WorkspacePortfolio: { first: 25 },
  WorkspaceAlerts: { first: 25 },
  WorkspaceHealthChecks: { first: 25 },
  WorkspaceIntelRequests: { first: 25 },
  WorkspaceReviewPlan: { month: '2026-12' },
  WorkspaceHealthCheck: { id: gid('HealthCheck') },
  WorkspaceAccountWork: { id: gid('Account') },
  WorkspaceAcknowledgeAlert: { input: { id: gid('Alert') } },
  WorkspaceResolveAlert: { input: { id: gid('Alert') } },
  WorkspaceScheduleReviews: { input: { month: '2026-12' } },
  WorkspaceStartHealthCheck: { input: { healthCheckId: gid('HealthCheck') } },
  WorkspaceCompleteHealthCheck: { input: { healthCheckId: gid('HealthCheck'), creditReportChecked: true, bankDetailsUnchanged: true, paymentPatternConsistent: true, outcome: 'OK' } },
  WorkspaceRecordCreditReport: { input: { accountId: gid('Account'), score: 50, source: 's', reportedAt: '2026-12-01T00:00:00Z' } },
  WorkspaceCreateIntelRequest: { input: { accountId: gid('Account'), questions: [{ template: 'HIRING' }] } },
  WorkspaceAnswerIntelRequest: { input: { intelRequestId: gid('IntelRequest'), answers: [{ questionId: 'HIRING', choice: 'YES' }] } },
  WorkspaceDeclineIntelRequest: { input: { intelRequestId: gid('IntelRequest'), reason: 'r' } },
  WorkspaceRemindIntelRequest: { input: { intelRequestId: gid('IntelRequest') } },
  WorkspaceCancelIntelRequest: { input: { intelRequestId: gid('IntelRequest') } },
  // Visits (issue 9): the workspace's page size (25) and a visit's id.
  WorkspaceVisits: { first: 25, filter: { mine: true, status: ['PLANNED', 'BRIEFED'] } },
  WorkspaceAccountVisits: { id: gid('Account') },
  WorkspaceVisitAccount: { id: gid('Account') },
  WorkspaceColleagues: { search: 'sam', first: 10 },
  WorkspaceVisit: { id: gid('Visit') },
  WorkspaceVisitBriefing: { id: gid('Visit') },
  WorkspaceVisitTemplates: { purpose: 'CREDIT_TERMS_REVIEW' },
  WorkspacePlanVisit: {
    input: { accountId: gid('Account'), purpose: 'INTRODUCTION', scheduledAt: '2026-12-10T10:00:00Z', attendeeIds: [gid('User')], contactIds: [gid('Contact')], goals: 'g', questions: ['q'] },
  },
  WorkspaceUpdateVisit: { input: { visitId: gid('Visit'), decisions: 'd' } },
  WorkspaceCancelVisit: { input: { visitId: gid('Visit'), reason: 'r' } },
  WorkspacePreVisitMeeting: { input: { visitId: gid('Visit'), note: 'n' } },
  WorkspaceSetVisitQuestions: { input: { visitId: gid('Visit'), questions: [{ text: 'q', asked: false }] } },
  WorkspaceTickVisitQuestion: { input: { visitId: gid('Visit'), questionId: 'q1', asked: true, answer: 'a' } },
  WorkspacePrepareBriefing: { input: { visitId: gid('Visit') } },
  WorkspaceMarkVisitHeld: { input: { visitId: gid('Visit') } },
  WorkspaceAddVisitNotes: { input: { visitId: gid('Visit'), notes: 'n', idempotencyKey: 'k' } },
  WorkspaceRaiseSignalFromNote: { input: { visitNoteId: gid('VisitNote'), type: 'OTHER', severity: 1, excerpt: 'e' } },
  WorkspaceAddActionItem: { input: { visitId: gid('Visit'), title: 't', ownerUserId: gid('User'), dueOn: '2026-12-20T00:00:00Z' } },
  WorkspaceUpdateActionItem: { input: { actionItemId: gid('ActionItem'), status: 'DONE' } },
  WorkspaceActionItems: { first: 25, filter: { mine: true, status: ['OPEN'] } },
  WorkspaceDraftFollowUp: { input: { visitId: gid('Visit') } },
  WorkspaceCheckFollowUp: { visitId: gid('Visit'), source: 'FOLLOW_UP', text: 't' },
  WorkspaceAcknowledgeFlag: { input: { visitId: gid('Visit'), source: 'FOLLOW_UP', kind: 'COMMITMENT', excerpt: 'e' } },
  WorkspaceRecordFollowUp: { input: { visitId: gid('Visit'), subject: 's', body: 'b' } },
  LiveAccountsUpdated: { ids: [gid('Account')] },
  WorkspaceSendReport: { input: { visitId: gid('Visit'), recipients: ['a@b.example'], groups: ['executives'], decisions: 'd' } },
};

describe('cost', () => {
  it('lets every real operation of the extension through with margin (costs printed)', () => {
    const costs: Record<string, number> = {};
    for (const [name, document] of Object.entries(OPERATIONS)) {
      const { result, errors } = operationCost(schema, parse(document), VARIABLES[name] ?? {}, name, { viewer: null });
      expect(errors).toEqual([]);
      costs[name] = result!.complexity;
      expect(result!.depth).toBeLessThanOrEqual(QUERY_LIMITS.maxDepth);
    }
    console.log('operation costs', costs);
    expect(Math.max(...Object.values(costs))).toBeLessThan(QUERY_LIMITS.maxCost.signedIn / 5);
    expect(costs.SignIn).toBeLessThan(QUERY_LIMITS.maxCost.anonymous / 5);
  });

  it('keeps every operation of the extension at or under 80% of the budget, so a field or two more still fits (costs printed)', () => {
    // The budget the extension's operations are held to (above: a fifth of the signed-in limit, 5,000).
    const budget = QUERY_LIMITS.maxCost.signedIn / 5;
    const costs = Object.entries(OPERATIONS).map(([name, document]) => {
      const { result, errors } = operationCost(schema, parse(document), VARIABLES[name] ?? {}, name, { viewer: null });
      expect(errors).toEqual([]);
      return { name, cost: result!.complexity, share: `${Math.round((result!.complexity / budget) * 100)}%` };
    });
    console.log(`extension operation costs (budget ${budget}, 80% = ${budget * 0.8}):\n${costs.map((c) => `  ${c.name}: ${c.cost} (${c.share})`).join('\n')}`);
    expect(costs.filter((c) => c.cost > budget * 0.8)).toEqual([]);
  });

  it('multiplies by `first`, literal or variable', () => {
    const cost = (q: string, variables = {}) => operationCost(schema, parse(q), variables, undefined, {}).result!.complexity;
    const small = cost('{ accounts(first: 1) { edges { node { id } } } }');
    expect(cost('{ accounts(first: 50) { edges { node { id } } } }')).toBeGreaterThan(small * 35);
    expect(cost('query($n: Int) { accounts(first: $n) { edges { node { id } } } }', { n: 50 })).toBe(cost('{ accounts(first: 50) { edges { node { id } } } }'));
  });

  it('refuses a query asking 100 × 100 × 100 nested pages, before running it', async () => {
    const q = `query($n: Int) { accounts(first: $n) { edges { node { signals(first: $n) { edges { node { account { notes(first: $n) { edges { node { id body } } } } } } } } } } }`;
    const r = await send(prod, q, { token: s.users.ADMIN.token, variables: { n: 100 } });
    expect(r.codes).toEqual(['QUERY_TOO_COMPLEX']);
    expect(r.status).toBe(400);
    expect(r.body.data ?? null).toBeNull();
    const ok = await send(prod, q, { token: s.users.ADMIN.token, variables: { n: 2 } });
    expect(ok.body.errors).toBeUndefined();
  });

  it('keeps a document’s cost per page size, not per text: the same document is refused for 100 × 100 × 100 after passing for 2 × 2 × 2 and after a bad variable', async () => {
    const q = `query($n: Int, $s: String) { accounts(first: $n, filter: { search: $s }) { edges { node { signals(first: $n) { edges { node { account { notes(first: $n) { edges { node { id } } } } } } } } } } }`;
    const as = (variables: Record<string, unknown>) => send(prod, q, { token: s.users.ADMIN.token, variables });
    expect((await as({ n: 2, s: 'acme' })).body.errors).toBeUndefined();
    expect((await as({ n: 2, s: 'other' })).body.errors).toBeUndefined();
    expect((await as({ n: 'lots', s: 'acme' })).codes).not.toContain('QUERY_TOO_COMPLEX');
    expect((await as({ n: 100, s: 'acme' })).codes).toEqual(['QUERY_TOO_COMPLEX']);
    expect((await as({ n: 100, s: 'other' })).codes).toEqual(['QUERY_TOO_COMPLEX']);
    // A cost kept for a signed-in caller is still held to the anonymous limit for a stranger.
    const list = 'query($n: Int) { accounts(first: $n) { edges { node { id name } } } }';
    expect((await send(prod, list, { token: s.users.ADMIN.token, variables: { n: 100 } })).body.errors).toBeUndefined();
    expect((await send(prod, list, { variables: { n: 100 } })).codes).toEqual(['QUERY_TOO_COMPLEX']);
  });

  it('gives anonymous callers a tighter cost limit', async () => {
    const r = await send(prod, '{ accounts(first: 100) { edges { node { id name } } } }');
    expect(r.codes).toEqual(['QUERY_TOO_COMPLEX']);
  });

  it('answers 401 UNAUTHENTICATED, not “too complex for anonymous requests”, when the token sent is no longer valid', async () => {
    // The extension's sidebar query costs more than the anonymous limit: with a token revoked elsewhere it must hear
    // that the session ended (and sign out), as a cheap query does.
    const user = await s.db.prisma.user.create({ data: { email: 'stale-token@test.earshot.test', name: 'Stale', role: 'SALES' } });
    const { token, id } = await issueToken(s.db.prisma, { userId: user.id, kind: 'SESSION', ttlHours: 1 });
    const costly = '{ accounts(first: 100) { edges { node { id name } } } }';
    expect((await send(prod, costly, { token })).body.errors).toBeUndefined();
    await s.db.prisma.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
    const r = await send(prod, costly, { token });
    expect(r.status).toBe(401);
    expect(r.codes).toEqual(['UNAUTHENTICATED']);
    expect((await send(prod, '{ viewer { email } }', { token })).body).toEqual({ data: { viewer: null } });
    // A made-up token too; without any token it stays the cost refusal.
    expect((await send(prod, costly, { token: 'not-a-token' })).codes).toEqual(['UNAUTHENTICATED']);
    expect((await send(prod, costly)).codes).toEqual(['QUERY_TOO_COMPLEX']);
  });
});

describe('subscriptions', () => {
  it('refuses a costly subscription and NUL bytes in its variables before subscribing', async () => {
    const sub = async (query: string, variables: Record<string, unknown>) => {
      const res = await prod.yoga.fetch('http://earshot.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${s.users.ADMIN.token}` },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(5000),
      });
      return res.text();
    };
    const costly = await sub(
      'subscription($id: ID!) { accountUpdated(id: $id) { signals(first: 100) { edges { node { account { notes(first: 100) { edges { node { account { alerts(first: 100) { edges { node { id } } } } } } } } } } } } }',
      { id: 'QWNjb3VudDp4' },
    );
    expect(costly).toContain('QUERY_TOO_COMPLEX');
    const nul = await sub('subscription($id: ID) { alertRaised(accountId: $id) { id } }', { id: 'a\u0000' });
    expect(nul).toContain('BAD_USER_INPUT');
  });
});

describe('before parsing', () => {
  it('answers a 10,000-deep query 400 QUERY_TOO_COMPLEX, signed in or not', async () => {
    const deep = `${'{ viewer '.repeat(10_000)}{ id }${' }'.repeat(10_000)}`;
    for (const token of [undefined, s.users.ADMIN.token]) {
      const r = await send(prod, deep, { token });
      expect(r.status).toBe(400);
      expect(r.codes).toEqual(['QUERY_TOO_COMPLEX']);
    }
    const compact = `${'{a'.repeat(20_000)}${'}'.repeat(20_000)}`;
    const nested = await send(prod, compact, { token: s.users.ADMIN.token });
    expect(nested.codes).toEqual(['QUERY_TOO_COMPLEX']);
    expect(nested.body.errors?.[0]?.message).toMatch(/nests more than 40 levels/);
    const list = `mutation { signIn(input: { email: ${'['.repeat(5000)}"a"${']'.repeat(5000)}, password: "x" }) { token } }`;
    expect((await send(prod, list)).codes).toEqual(['QUERY_TOO_COMPLEX']);
  });

  it('refuses a 7.9 MB anonymous query at once, and a signed-in one too', async () => {
    const huge = `{ ${'__typename '.repeat(720_000)}}`;
    expect(huge.length).toBeGreaterThan(7_900_000);
    for (const token of [undefined, s.users.ADMIN.token]) {
      const r = await send(prod, huge, { token });
      expect(r.codes).toEqual(['QUERY_TOO_COMPLEX']);
      // Mostly JSON.parse of the body on a shared machine; the 3 s of parsing before is gone. Over HTTP, anonymous bodies stop at 64 KiB.
      expect(r.ms).toBeLessThan(2500);
    }
  });

  it('counts tokens: a short document of too many tokens is refused', async () => {
    const many = `{ ${'a '.repeat(QUERY_LIMITS.anonymous.maxTokens)}}`;
    expect(many.length).toBeLessThan(QUERY_LIMITS.anonymous.maxChars);
    expect((await send(prod, many)).codes).toEqual(['QUERY_TOO_COMPLEX']);
  });
});

describe('validation', () => {
  it('still limits depth and aliases', async () => {
    const deep = `{ viewer ${'{ managedAccounts(first: 1) { edges { node { accountManager '.repeat(4)}{ id }${' } } } }'.repeat(4)} }`;
    expect((await send(prod, deep, { token: s.users.ADMIN.token })).codes).toContain('QUERY_TOO_COMPLEX');
    const aliases = `{ ${Array.from({ length: 60 }, (_, i) => `a${i}: viewer { id }`).join(' ')} }`;
    expect((await send(prod, aliases, { token: s.users.ADMIN.token })).codes).toContain('QUERY_TOO_COMPLEX');
  });
});

describe('introspection and suggestions', () => {
  it('lets GraphiQL’s own introspection query through in development', async () => {
    const r = await send(dev, getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true }));
    expect(r.body.errors).toBeUndefined();
    expect(r.status).toBe(200);
  });

  it('in production, refuses introspection to anonymous callers and allows it to signed-in users', async () => {
    const q = getIntrospectionQuery();
    const anon = await send(prod, q);
    expect(anon.codes).toEqual(['FORBIDDEN']);
    expect(anon.body.data ?? null).toBeNull();
    expect((await send(prod, '{ __type(name: "Account") { name } }')).codes).toEqual(['FORBIDDEN']);
    expect((await send(prod, q, { token: s.users.VIEWER.token })).body.errors).toBeUndefined();
  });

  it('in production, suggests no field names; in development it still does', async () => {
    for (const token of [undefined, s.users.ADMIN.token]) {
      const r = await send(prod, '{ viewe { id } }', { token });
      expect(r.body.errors?.[0]?.message).not.toMatch(/Did you mean/);
      expect(r.status).toBe(400);
    }
    const v = await send(prod, 'query($s: SignalStatus) { viewer { id } } ', { token: s.users.ADMIN.token, variables: { s: 'OPN' } });
    expect(JSON.stringify(v.body)).not.toMatch(/Did you mean/);
    expect((await send(dev, '{ viewe { id } }')).body.errors?.[0]?.message).toMatch(/Did you mean "viewer"/);
  });
});

describe('introspection bounds (aliases and fragments count)', () => {
  const probe = '__schema { types { fields { type { ofType { ofType { name } } } } } }';
  // graphql's own MaxIntrospectionDepthRule may add a GRAPHQL_VALIDATION_FAILED for nested `fields`.
  const expectRefused = async (query: string, pattern: RegExp) => {
    const r = await send(prod, query, { token: s.users.VIEWER.token });
    expect(r.codes[0], JSON.stringify(r.body.errors)).toBe('QUERY_TOO_COMPLEX');
    expect(r.codes).not.toContain('INTERNAL_SERVER_ERROR');
    expect(r.body.errors?.[0]?.message).toMatch(pattern);
    expect(r.body.data ?? null).toBeNull();
  };

  it('refuses 49 aliased __schema dumps (the probe), and two by aliases or by fragments', async () => {
    const aliases = `{ ${Array.from({ length: 49 }, (_, i) => `s${i}: ${probe}`).join(' ')} }`;
    await expectRefused(aliases, /__schema \d+ times; the limit is 1 per operation/);
    await expectRefused(`{ a: __schema { queryType { name } } b: __schema { queryType { name } } }`, /__schema 2 times/);
    await expectRefused(`{ ...A ...B } fragment A on Query { x: ${probe} } fragment B on Query { y: ${probe} }`, /__schema 2 times/);
    await expectRefused(`{ ... on Query { x: __schema { queryType { name } } } __schema { queryType { name } } }`, /__schema 2 times/);
  });

  it('allows ten __type fields and refuses eleven', async () => {
    const types = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `t${i}: __type(name: "Account") { name fields { name } }`).join(' ')} }`;
    const ten = await send(prod, types(10), { token: s.users.VIEWER.token });
    expect(ten.body.errors).toBeUndefined();
    await expectRefused(types(11), /__type 11 times; the limit is 10/);
  });

  it('refuses introspection lists nested more than 3 deep (fields of the types of fields…)', async () => {
    await expectRefused('{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }', /nests lists 4 deep/);
    await expectRefused('{ __type(name: "Account") { fields { type { fields { type { fields { type { fields { name } } } } } } } } }', /nests lists 4 deep/);
  });

  it('lets GraphiQL’s introspection query through with every combination of its options', async () => {
    const flags = ['descriptions', 'specifiedByUrl', 'directiveIsRepeatable', 'schemaDescription', 'inputValueDeprecation'] as const;
    for (let mask = 0; mask < 1 << flags.length; mask++) {
      const options = Object.fromEntries(flags.map((f, i) => [f, !!(mask & (1 << i))]));
      const r = await send(prod, getIntrospectionQuery(options), { token: s.users.VIEWER.token });
      expect(r.body.errors, JSON.stringify(options)).toBeUndefined();
    }
  });

  it('bounds the validator’s own work: fragments spread twice at each of 20 levels are refused before 2^20 spreads are walked', async () => {
    const frags = Array.from({ length: 20 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} a${i}: __typename ...F${i + 1} }`).join(' ');
    const r = await send(prod, `{ ...F0 } ${frags} fragment F20 on Query { __typename }`, { token: s.users.VIEWER.token });
    expect(r.codes).toContain('QUERY_TOO_COMPLEX');
  });
});
