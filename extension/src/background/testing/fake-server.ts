/**
 * A stand-in for the Earshot GraphQL server in unit tests: a `fetch` that answers the documents of OPERATIONS
 * by operation name, keeps signals by idempotency key (as the real server does), and can be switched offline,
 * to HTTP errors, or to GraphQL errors per operation.
 *
 * Every request is first checked against the committed `server/schema.graphql` — the document and the
 * variables the worker built — so a field the server does not take fails these tests, not a user's browser.
 */
import { readFileSync } from 'node:fs';
import { buildSchema, getVariableValues, type GraphQLSchema, type OperationDefinitionNode, parse, validate } from 'graphql';
import type { AccountMatchData, SessionUser } from '../../lib/messages.js';
import type { AccountCardData, CreditStatusData, IntelRequestSummary } from '../../lib/types.js';

export interface FakeCall {
  url: string;
  operationName: string;
  variables: Record<string, unknown>;
  authorization: string | null;
}

type Handler = (variables: Record<string, unknown>, call: FakeCall) => unknown;

/** A subscription held over Server-Sent Events (`accept: text/event-stream`), as graphql-yoga answers it. */
export interface FakeLiveStream {
  operationName: string;
  variables: Record<string, unknown>;
  authorization: string | null;
  /** The client went away (aborted the request or cancelled the body). */
  closed: boolean;
  /** An `accountsUpdated` event for this account. */
  push(accountId: string): void;
  /** An event carrying only errors (a refusal of the stream, or NOT_FOUND of one account). */
  error(code: string, message?: string): void;
  /** graphql-yoga's keep-alive (a comment line, every 12 s). */
  ping(): void;
  /** The server completes the stream (`event: complete`). */
  complete(): void;
  /** The connection drops (the server restarted). */
  drop(): void;
}

export const DEMO_USER: SessionUser = { id: 'user-1', name: 'Sam Sales', email: 'sam@supplier.example', role: 'SALES' };

export function accountCard(id: string, name: string, riskLevel: 'LOW' | 'MODERATE' | 'HIGH' | 'CRITICAL' | null): AccountCardData {
  return {
    id,
    name,
    domains: [`${name.toLowerCase().replace(/\W+/g, '')}.example`],
    industry: null,
    country: null,
    website: null,
    currency: 'EUR',
    creditLimit: '50000.00',
    paymentTermsDays: 30,
    onHold: false,
    description: null,
    whyTheyBuy: [],
    ourValue: null,
    alternatives: null,
    preferredChannel: null,
    preferredTone: null,
    contactFrequencyDays: null,
    keyAccount: false,
    contactOverdue: false,
    creditActions: [],
    lastContactAt: null,
    nextReviewAt: null,
    accountManager: null,
    creditOwner: null,
    crmLinks: [],
    contacts: [],
    creditStatus: riskLevel
      ? {
          riskLevel,
          riskScore: 40,
          trend: 'STABLE',
          onHold: false,
          exposure: null,
          available: null,
          overdue: null,
          disputed: null,
          avgDaysToPay: null,
          daysBeyondTerms: null,
          computedAt: '2026-11-01T00:00:00.000Z',
          factors: [],
          aging: null,
          paymentSeries: null,
        }
      : null,
    alerts: { edges: [] },
    signals: { totalCount: 0, edges: [] },
    notes: { edges: [] },
    intelRequests: { totalCount: 0, edges: [] },
    disputes: { totalCount: 0, edges: [] },
  };
}

/** The card's status as `AccountCard` selects it: the detail (`AccountCreditDetail`) comes with the work. */
function withoutDetail(status: CreditStatusData): CreditStatusData {
  const {
    creditBalance: _b,
    dso: _d,
    bestPossibleDso: _p,
    limitUtilisation: _l,
    totalExposure: _e,
    totalOverdue: _o,
    unconvertedCurrencies: _u,
    paidInvoices: _i,
    currencies: _c,
    ...card
  } = status;
  return card;
}

let schema: GraphQLSchema | undefined;

/** The server's printed schema (committed, checked in CI), loaded once; issue 9's contract until it has visits. */
export function serverSchema(): GraphQLSchema {
  if (!schema) {
    schema = buildSchema(readFileSync(new URL('../../../../server/schema.graphql', import.meta.url), 'utf8'));
  }
  return schema;
}

/** Errors the real server would answer before running anything: invalid document or variables. */
export function schemaErrors(query: string, variables: Record<string, unknown>): string[] {
  const document = parse(query);
  const invalid = validate(serverSchema(), document).map((e) => e.message);
  if (invalid.length) return invalid;
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
  const coerced = getVariableValues(serverSchema(), operation?.variableDefinitions ?? [], variables);
  return coerced.errors?.map((e) => e.message) ?? [];
}

/** What the server answers without a token. */
const PUBLIC_OPERATIONS = new Set(['SignIn', 'SignInMethods', 'SignInWithOidc']);

export class FakeServer {
  calls: FakeCall[] = [];
  /** Requests the real server would have refused as invalid (tests assert this stays empty). */
  invalid: string[] = [];
  /** Signals created, by idempotency key (the server's dedupe). */
  signals = new Map<string, Record<string, unknown>>();
  /** `offline`: fetch rejects like a dropped connection. A number: every request answers that HTTP status. */
  mode: 'online' | 'offline' | number = 'online';
  /** Per operation: GraphQL errors to answer instead of data. */
  errors: Record<string, { message: string; code?: string; status?: number }> = {};
  /** Answer the request, then pretend the connection dropped before the answer arrived. */
  loseNextAnswer = false;
  validToken = 'token-abc';
  password = 'correct horse';
  matches: AccountMatchData[] = [];
  /** The workspace's own domains (workspaceSettings.ownDomains). */
  ownDomains: string[] = [];
  /** The viewer's open intel requests; answering or declining one removes it, as the server does. */
  intelRequests: IntelRequestSummary[] = [];
  /** Answers received, by idempotency key (a retried answer is not applied twice). */
  intelAnswers = new Map<string, Record<string, unknown>>();
  disputesOpened: Record<string, unknown>[] = [];
  /** Visit notes kept, by idempotency key (the server's addVisitNotes dedupe). */
  visitNotes = new Map<string, Record<string, unknown>>();
  /** Domains another account has (AddAccountDomains refuses them, naming it). */
  domainHolders = new Map<string, { id: string; name: string }>();
  /** `signInMethods`: password sign-in on or off (off: signIn is refused), company sign-in when set. */
  passwordSignIn = true;
  oidc: { issuer: string; clientId: string; authorizationEndpoint: string; scopes: string[] } | null = null;
  /** The one code signInWithOidc takes (the provider stand-in hands it out). */
  oidcCode = 'code-from-the-provider';
  handlers: Record<string, Handler> = {
    SignInMethods: () => ({ signInMethods: { password: this.passwordSignIn, oidc: this.oidc } }),
    SignInWithOidc: (v) => {
      const input = v.input as { code: string };
      if (input.code !== this.oidcCode) return { __error: { message: 'The sign-in code is not valid.', code: 'BAD_USER_INPUT' } };
      return { signInWithOidc: { token: this.validToken, expiresAt: null, user: DEMO_USER } };
    },
    SignIn: (v) => {
      if (!this.passwordSignIn) return { __error: { message: 'Password sign-in is turned off on this server.', code: 'PASSWORD_SIGN_IN_DISABLED' } };
      const input = v.input as { email: string; password: string };
      if (input.password !== this.password) return { __error: { message: 'Wrong e-mail or password.', code: 'UNAUTHENTICATED' } };
      return { signIn: { token: this.validToken, expiresAt: null, user: { ...DEMO_USER, email: input.email } } };
    },
    SignOut: () => ({ signOut: { ok: true } }),
    Viewer: () => ({ viewer: { ...DEMO_USER, businessUnit: null } }),
    WorkspaceOwnDomains: () => ({ workspaceSettings: { ownDomains: this.ownDomains } }),
    // What the document selects: the card without its workflows (those come from PanelAccountWork).
    ResolveAccounts: () => ({
      resolveAccounts: this.matches.map(({ account: { creditActions: _a, intelRequests: _i, disputes: _d, alerts: _al, standingAlerts: _s, signals: _sg, ...card }, ...m }) => ({
        ...m,
        account: { ...card, creditStatus: card.creditStatus ? withoutDetail(card.creditStatus) : null },
      })),
    }),
    AccountCard: (v) => ({ account: this.matches.find((m) => m.account.id === v.id)?.account ?? null }),
    PanelAccountWork: (v) => ({
      nodes: (v.ids as string[]).map((id) => {
        const account = this.matches.find((m) => m.account.id === id)?.account;
        if (!account) return null;
        const { creditActions, intelRequests, disputes } = account;
        // The standing alerts (open and acknowledged) include the card's open ones.
        const standingAlerts = account.standingAlerts ?? { totalCount: account.alerts.totalCount ?? account.alerts.edges.length, edges: account.alerts.edges };
        return { id, creditActions, intelRequests, disputes, standingAlerts };
      }),
    }),
    PanelAccountDetail: (v) => {
      const account = this.matches.find((m) => m.account.id === v.id)?.account;
      if (!account) return { account: null };
      const s = account.creditStatus;
      const detail = s
        ? {
            creditBalance: s.creditBalance ?? null,
            dso: s.dso ?? null,
            bestPossibleDso: s.bestPossibleDso ?? null,
            limitUtilisation: s.limitUtilisation ?? null,
            totalExposure: s.totalExposure ?? null,
            totalOverdue: s.totalOverdue ?? null,
            unconvertedCurrencies: s.unconvertedCurrencies ?? null,
            paidInvoices: s.paidInvoices ?? null,
            currencies: s.currencies ?? null,
          }
        : null;
      return { account: { id: account.id, signals: account.signals ?? { totalCount: 0, edges: [] }, creditStatus: detail } };
    },
    SearchAccounts: () => ({
      accounts: { edges: this.matches.map((m) => ({ node: { id: m.account.id, name: m.account.name, domains: m.account.domains, creditStatus: null } })) },
    }),
    CreateSignal: (v) => {
      const input = v.input as Record<string, unknown>;
      const key = String(input.idempotencyKey);
      if (!this.signals.has(key)) this.signals.set(key, input);
      return { createSignal: { signal: { id: `signal-${key}` } } };
    },
    AddNote: () => ({ addNote: { note: { id: 'note-1' } } }),
    // The same key twice: one note, the same answer. A promise in the notes is flagged, as the guardrails do.
    PanelAddVisitNotes: (v) => {
      const input = v.input as { idempotencyKey: string; notes: string };
      if (!this.visitNotes.has(input.idempotencyKey)) this.visitNotes.set(input.idempotencyKey, input);
      const promise = /we guarantee/i.exec(input.notes);
      const flags = promise ? [{ kind: 'COMMITMENT', excerpt: promise[0], reason: 'Sounds like a promise: say you will check with the team.' }] : [];
      return { addVisitNotes: { note: { id: `note-${input.idempotencyKey}` }, flags } };
    },
    CreateAccount: (v) => ({ createAccount: { account: { id: 'acct-new', name: (v.input as { name: string }).name } } }),
    // A domain in `domainHolders` is another account's; anything else is added.
    AddAccountDomains: (v) => {
      const input = v.input as { domains: string[] };
      const results = input.domains.map((domain) => {
        const holder = this.domainHolders.get(domain);
        return holder
          ? { domain, outcome: 'REFUSED', refusal: 'OTHER_ACCOUNT', otherAccount: holder }
          : { domain, outcome: 'ADDED', refusal: null, otherAccount: null };
      });
      return { addAccountDomains: { account: { id: 'acct-1', name: 'Acme Tools' }, results } };
    },
    ReportAdapterHealth: () => ({ reportAdapterHealth: { ok: true } }),
    PopupIntelRequests: (v) => ({
      intelRequests: { totalCount: this.intelRequests.length, edges: this.intelRequests.slice(0, Number(v.first)).map((node) => ({ node })) },
    }),
    PanelAnswerIntelRequest: (v) => {
      const input = v.input as { intelRequestId: string; idempotencyKey?: string };
      const key = input.idempotencyKey ?? input.intelRequestId;
      if (!this.intelAnswers.has(key)) {
        if (!this.intelRequests.some((r) => r.id === input.intelRequestId)) return { __error: { message: 'This request is no longer open.', code: 'CONFLICT' } };
        this.intelAnswers.set(key, input);
        this.intelRequests = this.intelRequests.filter((r) => r.id !== input.intelRequestId);
      }
      return { answerIntelRequest: { intelRequest: { id: input.intelRequestId, status: 'ANSWERED', answeredAt: '2026-12-05T10:00:00.000Z' }, signals: [] } };
    },
    // The workspace page's answer: the same mutation under its own operation name.
    WorkspaceAnswerIntelRequest: (v) => {
      const input = v.input as { intelRequestId: string };
      this.intelRequests = this.intelRequests.filter((r) => r.id !== input.intelRequestId);
      return { answerIntelRequest: { intelRequest: { id: input.intelRequestId, status: 'ANSWERED', answeredAt: '2026-12-05T10:00:00.000Z' }, signals: [] } };
    },
    PanelOpenDispute: (v) => {
      const input = v.input as { kind: string; ownerTeam: string };
      this.disputesOpened.push(v.input as Record<string, unknown>);
      return { openDispute: { dispute: { id: `dispute-${this.disputesOpened.length}`, kind: input.kind, status: 'OPEN', summary: `${input.kind === 'DELIVERY_PROBLEM' ? 'Delivery problem' : 'Disputed'}, with ${input.ownerTeam} since 5 Dec 2026 (today)` } } };
    },
    PanelUpdateCustomerCard: (v) => ({ updateCustomerCard: { account: { id: (v.input as { accountId: string }).accountId } } }),
    PanelRecordContact: (v) => ({
      recordContact: { account: { id: (v.input as { accountId: string }).accountId, lastContactAt: '2026-12-05T10:00:00.000Z', contactOverdue: false } },
    }),
    PanelDeclineIntelRequest: (v) => {
      const input = v.input as { intelRequestId: string; reason: string };
      this.intelRequests = this.intelRequests.filter((r) => r.id !== input.intelRequestId);
      return { declineIntelRequest: { intelRequest: { id: input.intelRequestId, status: 'DECLINED', declinedReason: input.reason } } };
    },
  };

  /** Live streams opened, oldest first (not in `calls`). */
  liveStreams: FakeLiveStream[] = [];
  /** Every request for a live stream, answered or not (not in `calls`). */
  liveAttempts = 0;
  /**
   * What a request for a live stream gets instead of the stream: a GraphQL refusal (`code`, as the server answers
   * it) or another server's page (`html`: a proxy's maintenance page, with its status). null: the stream.
   */
  liveAnswer: { code: string; status: number } | { html: string; status: number } | null = null;

  /** The live streams still open. */
  openLiveStreams(): FakeLiveStream[] {
    return this.liveStreams.filter((l) => !l.closed);
  }

  callsOf(operationName: string): FakeCall[] {
    return this.calls.filter((c) => c.operationName === operationName);
  }

  private liveStream(query: string, call: FakeCall, signal: AbortSignal | null): Response {
    return liveAnswer.call(this, query, call, signal);
  }

  readonly fetch: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (this.mode === 'offline') throw new TypeError('Failed to fetch');
    const body = JSON.parse(String(init?.body ?? '{}')) as { query: string; variables?: Record<string, unknown>; operationName?: string };
    const operationName = body.operationName ?? /(?:query|mutation)\s+(\w+)/.exec(body.query)?.[1] ?? '';
    const headers = new Headers(init?.headers);
    const call: FakeCall = { url, operationName, variables: body.variables ?? {}, authorization: headers.get('authorization') };
    // A subscription over SSE (urql's accept lists text/event-stream too: the document tells them apart).
    if (/^\s*subscription\b/.test(body.query) && headers.get('accept') === 'text/event-stream') return this.liveStream(body.query, call, init?.signal ?? null);
    this.calls.push(call);
    const invalid = schemaErrors(body.query, call.variables);
    if (invalid.length) {
      this.invalid.push(...invalid.map((e) => `${operationName}: ${e}`));
      return json({ errors: invalid.map((message) => ({ message, extensions: { code: 'BAD_USER_INPUT' } })) }, 400);
    }
    if (typeof this.mode === 'number') return new Response('failure', { status: this.mode, statusText: `HTTP ${this.mode}` });
    const forced = this.errors[operationName];
    if (forced) return json({ errors: [{ message: forced.message, extensions: forced.code ? { code: forced.code } : {} }], data: null }, forced.status ?? 200);
    if (!PUBLIC_OPERATIONS.has(operationName) && call.authorization !== `Bearer ${this.validToken}`) {
      return json({ errors: [{ message: 'Not signed in', extensions: { code: 'UNAUTHENTICATED' } }], data: null }, 401);
    }
    const handler = this.handlers[operationName];
    if (!handler) return json({ errors: [{ message: `Unknown operation ${operationName}`, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] }, 400);
    const data = handler(call.variables, call) as Record<string, unknown>;
    if (this.loseNextAnswer) {
      this.loseNextAnswer = false;
      throw new TypeError('Failed to fetch');
    }
    if (data && '__error' in data) {
      const e = data.__error as { message: string; code?: string };
      return json({ errors: [{ message: e.message, extensions: { code: e.code } }], data: null }, 200);
    }
    return json({ data });
  };
}

function liveAnswer(this: FakeServer, query: string, call: FakeCall, signal: AbortSignal | null): Response {
  this.liveAttempts++;
  const instead = this.liveAnswer;
  if (instead && 'html' in instead) return new Response(instead.html, { status: instead.status, headers: { 'content-type': 'text/html' } });
  if (instead) return json({ errors: [{ message: instead.code, extensions: { code: instead.code } }] }, instead.status);
  const invalid = schemaErrors(query, call.variables);
  if (invalid.length) {
    this.invalid.push(...invalid.map((e) => `${call.operationName}: ${e}`));
    return json({ errors: invalid.map((message) => ({ message, extensions: { code: 'BAD_USER_INPUT' } })) }, 400);
  }
  if (typeof this.mode === 'number') return new Response('failure', { status: this.mode });
  if (call.authorization !== `Bearer ${this.validToken}`) {
    // As graphql-yoga answers a stream asked with a revoked token: the refusal in the stream's own format, 401.
    const refusal = { errors: [{ message: 'Sign in first: send Authorization: Bearer <token>', path: ['accountsUpdated'], extensions: { code: 'UNAUTHENTICATED' } }] };
    return new Response(`:\n\ndata: ${JSON.stringify(refusal)}\n\n`, { status: 401, headers: { 'content-type': 'text/event-stream' } });
  }
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const stream: FakeLiveStream = {
    operationName: call.operationName,
    variables: call.variables,
    authorization: call.authorization,
    closed: false,
    push: (accountId) => send(`event: next\ndata: ${JSON.stringify({ data: { accountsUpdated: { id: accountId } } })}\n\n`),
    error: (code, message = code) => send(`event: next\ndata: ${JSON.stringify({ data: null, errors: [{ message, extensions: { code } }] })}\n\n`),
    ping: () => send(':\n\n'),
    complete: () => {
      send('event: complete\ndata:\n\n');
      end(() => controller.close());
    },
    drop: () => end(() => controller.error(new TypeError('network error'))),
  };
  const end = (how: () => void) => {
    if (stream.closed) return;
    stream.closed = true;
    how();
  };
  const send = (text: string) => {
    if (!stream.closed) controller.enqueue(encoder.encode(text));
  };
  const body = new ReadableStream<Uint8Array>({
    start: (c) => {
      controller = c;
      c.enqueue(encoder.encode(':\n\n')); // yoga's first ping
    },
    cancel: () => {
      stream.closed = true;
    },
  });
  signal?.addEventListener('abort', () => end(() => controller.error(signal.reason)));
  this.liveStreams.push(stream);
  return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
}

function json(value: unknown, status = 200): Response {
  return new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/graphql-response+json' } });
}
