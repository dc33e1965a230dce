/** The one log line per request: its fields for a success, a refusal and a server error, and what never appears in it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { loadConfig } from '../config.js';
import { DB_KINDS } from '../test-support/databases.js';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../test-support/server.js';
import { type CapturedLog, captureLog } from '../test-support/observability.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe.each(DB_KINDS)('request log lines on %s', (kind) => {
  let s: TestServer;
  let log: CapturedLog;
  beforeAll(async () => {
    log = captureLog();
    s = await startTestServer(kind, { observability: log.observability });
  });
  afterAll(() => s?.close());

  const post = (body: unknown, headers: Record<string, string> = {}, app = s.app) =>
    app.yoga.fetch('http://earshot.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('logs a successful query with its request id, user, operation, duration and outcome', async () => {
    const res = await post({ query: 'query WhoAmI { viewer { id role } }' }, { authorization: `Bearer ${s.users.CREDIT.token}`, 'x-request-id': 'lb-7f3a.19:2' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('lb-7f3a.19:2');
    const line = log.requestLine('lb-7f3a.19:2');
    expect(line).toMatchObject({ level: 'info', msg: 'request', method: 'POST', path: '/graphql', userId: s.users.CREDIT.id, operation: 'WhoAmI', operationType: 'query', status: 200, outcome: 'ok' });
    expect(line?.durationMs).toEqual(expect.any(Number));
    expect(line).not.toHaveProperty('errorCodes');
    expect(Date.parse(line?.time)).not.toBeNaN();
  });

  it('gives a request without a usable x-request-id a new one, and echoes it', async () => {
    for (const given of [null, 'two words', 'x'.repeat(200), '{"inject":1}']) {
      const res = await post({ query: '{ __typename }' }, given ? { 'x-request-id': given } : {});
      const id = res.headers.get('x-request-id')!;
      expect(id).toMatch(UUID);
      expect(log.requestLine(id)).toMatchObject({ operation: null, outcome: 'ok' });
    }
  });

  it('logs a refused query with its error code, status and no user', async () => {
    const res = await post({ query: 'query Accounts { accounts(first: 1) { totalCount } }' }, { 'x-request-id': 'refused-1' });
    const body = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const line = log.requestLine('refused-1');
    expect(line).toMatchObject({ level: 'warn', operation: 'Accounts', outcome: 'error', errorCodes: ['UNAUTHENTICATED'], status: res.status });
    expect(line).not.toHaveProperty('userId');
    expect(line).not.toHaveProperty('err');
  });

  it('logs a server error with its cause chain while the client gets the masked error', async () => {
    const down = new Error('account store unavailable', { cause: new Error('connection reset by peer', { cause: new TypeError('socket closed') }) });
    const failing = s.db.prisma.$extends({
      query: {
        account: {
          $allOperations() {
            throw down;
          },
        },
      },
    });
    const app = createApp({ ...s.db, prisma: failing as never }, { ...loadConfig({}), production: true }, s.services, { observability: log.observability });
    const res = await post({ query: 'query Accounts { accounts(first: 1) { totalCount } }' }, { authorization: `Bearer ${s.users.CREDIT.token}`, 'x-request-id': 'fault-1' }, app);
    const body = (await res.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
    expect(body.errors?.[0]).toMatchObject({ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(JSON.stringify(body)).not.toContain('account store');
    const line = log.requestLine('fault-1');
    expect(line).toMatchObject({
      level: 'error',
      userId: s.users.CREDIT.id,
      operation: 'Accounts',
      outcome: 'error',
      errorCodes: ['INTERNAL_SERVER_ERROR'],
      unexpectedErrors: 1,
      err: { type: 'Error', message: 'account store unavailable', cause: { type: 'Error', message: 'connection reset by peer', cause: { type: 'TypeError', message: 'socket closed' } } },
    });
    expect(line?.err.stack).toMatch(/^at /);
  });

  it('writes no password, token, e-mail address, credit limit or ledger figure to the log', async () => {
    const signedIn = (await (
      await post({ query: 'mutation SignIn($i: SignInInput!) { signIn(input: $i) { token } }', variables: { i: { email: s.users.CREDIT.email, password: TEST_PASSWORD } } }, { 'x-request-id': 'signin-1' })
    ).json()) as { data: { signIn: { token: string } } };
    const token = signedIn.data.signIn.token;
    expect(token.length).toBeGreaterThan(20);
    const auth = { authorization: `Bearer ${token}` };
    const created = (await (
      await post(
        { query: 'mutation NewAccount($input: CreateAccountInput!) { createAccount(input: $input) { account { id creditLimit } } }', variables: { input: { name: 'Figures Ltd', currency: 'EUR', creditLimit: '987654.32' } } },
        { ...auth, 'x-request-id': 'limit-1' },
      )
    ).json()) as { data: { createAccount: { account: { id: string; creditLimit: string } } } };
    const account = created.data.createAccount.account;
    expect(account.creditLimit).toMatch(/^987654\.32/);
    const invoice = (amount: string) => ({ externalId: 'OBS-1', account: { id: account.id }, number: 'OBS-1', currency: 'EUR', amount, issuedAt: '2026-10-01', dueAt: '2026-10-31' });
    const imported = (await (
      await post({ query: 'mutation Import($i: ImportLedgerInput!) { importLedger(input: $i) { invoicesCreated errorCount } }', variables: { i: { invoices: [invoice('13579.24')] } } }, { ...auth, 'x-request-id': 'import-1' })
    ).json()) as { data: { importLedger: { invoicesCreated: number } } };
    expect(imported.data.importLedger.invoicesCreated).toBe(1);
    // Refused rows and a figure written into the query text itself: still nothing of them in the log.
    await post({ query: 'mutation Import($i: ImportLedgerInput!) { importLedger(input: $i) { errorCount } }', variables: { i: { invoices: [invoice('24680.135')] } } }, auth);
    await post({ query: `mutation { updateAccount(input: { id: "${account.id}", creditLimit: "-55555.55" }) { account { id } } }` }, auth);

    expect(log.requestLine('signin-1')).toMatchObject({ operation: 'SignIn', outcome: 'ok' });
    expect(log.requestLine('limit-1')).toMatchObject({ operation: 'NewAccount', outcome: 'ok', userId: s.users.CREDIT.id });
    expect(log.requestLine('import-1')).toMatchObject({ operation: 'Import', outcome: 'ok', userId: s.users.CREDIT.id });
    const text = log.text();
    for (const secret of [TEST_PASSWORD, token, s.users.CREDIT.token, s.users.CREDIT.email, '987654', '13579', '24680', '55555']) {
      expect(text).not.toContain(secret);
    }
  });
});
