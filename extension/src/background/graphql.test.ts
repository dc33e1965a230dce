// @vitest-environment node
import { OPERATIONS } from '@earshot/shared';
import { describe, expect, it } from 'vitest';
import { GraphqlGateway } from './graphql.js';

const URL_ = 'http://127.0.0.1:4000';

function answering(status: number, body: string, contentType = 'application/json'): typeof fetch {
  return async () => new Response(body, { status, headers: { 'content-type': contentType } });
}

describe('GraphqlGateway', () => {
  it('POSTs the named document to <server>/graphql with the bearer token and no cookies', async () => {
    let seen: { url: string; init: RequestInit } | undefined;
    const gateway = new GraphqlGateway({
      fetch: async (input, init) => {
        seen = { url: String(input), init: init ?? {} };
        return new Response(JSON.stringify({ data: { viewer: null } }), { headers: { 'content-type': 'application/json' } });
      },
    });
    const outcome = await gateway.run(URL_, 'tok', 'Viewer');
    expect(outcome).toEqual({ ok: true, data: { viewer: null } });
    expect(seen?.url).toBe('http://127.0.0.1:4000/graphql');
    expect(seen?.init.method).toBe('POST');
    expect(seen?.init.credentials).toBe('omit');
    expect(new Headers(seen?.init.headers).get('authorization')).toBe('Bearer tok');
    const body = JSON.parse(String(seen?.init.body));
    const squash = (q: string) => q.replace(/[\s,]+/g, ' ').trim();
    expect(squash(body.query)).toBe(squash(OPERATIONS.Viewer));
    expect(body.operationName).toBe('Viewer');
  });

  it('sends no authorization header without a token', async () => {
    let auth: string | null = 'unset';
    const gateway = new GraphqlGateway({
      fetch: async (_i, init) => {
        auth = new Headers(init?.headers).get('authorization');
        return new Response(JSON.stringify({ data: { signOut: { ok: true } } }), { headers: { 'content-type': 'application/json' } });
      },
    });
    await gateway.run(URL_, null, 'SignOut');
    expect(auth).toBeNull();
  });

  it.each([
    ['a dropped connection', (async () => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch, 'unreachable', 'The server cannot be reached.'],
    ['HTTP 502 from a proxy', answering(502, '<html>Bad gateway</html>', 'text/html'), 'server', 'The server failed (HTTP 502).'],
    ['HTTP 401', answering(401, 'no'), 'unauthenticated', 'Your session has ended: sign in again.'],
    // The server's rate limits are transient: a queued capture must be retried, never marked failed.
    ['HTTP 429 without a body', answering(429, '', 'text/plain'), 'server', 'The server is busy (too many requests): trying again later.'],
    [
      'RATE_LIMITED with 429',
      answering(429, JSON.stringify({ errors: [{ message: 'Too many sign-in attempts. Try again in 15 minutes.', extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 900 } }] })),
      'server',
      'Too many sign-in attempts. Try again in 15 minutes.',
    ],
    ['HTTP 404', answering(404, 'not found', 'text/plain'), 'rejected', 'The server refused the request (HTTP 404).'],
    ['an HTML page with 200', answering(200, '<html>hello</html>', 'text/html'), 'error', 'The server sent an answer that is not GraphQL.'],
    [
      'UNAUTHENTICATED in errors',
      answering(200, JSON.stringify({ errors: [{ message: 'Token expired', extensions: { code: 'UNAUTHENTICATED' } }] })),
      'unauthenticated',
      'Token expired',
    ],
    [
      'BAD_USER_INPUT',
      answering(200, JSON.stringify({ errors: [{ message: 'severity must be 1–3', extensions: { code: 'BAD_USER_INPUT' } }] })),
      'rejected',
      'severity must be 1–3',
    ],
    ['a masked resolver error', answering(200, JSON.stringify({ errors: [{ message: 'Unexpected error.' }], data: null })), 'error', 'Unexpected error.'],
    [
      'a 400 validation failure',
      answering(400, JSON.stringify({ errors: [{ message: 'Cannot query field "x"', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] })),
      'rejected',
      'Cannot query field "x"',
    ],
  ])('classifies %s', async (_name, fetchImpl, kind, message) => {
    const outcome = await new GraphqlGateway({ fetch: fetchImpl }).run(URL_, 'tok', 'Viewer');
    expect(outcome).toMatchObject({ ok: false, kind, message });
  });

  it('gives up on a server that never answers', async () => {
    const hanging: typeof fetch = (_i, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    const outcome = await new GraphqlGateway({ fetch: hanging, timeoutMs: 30 }).run(URL_, 'tok', 'Viewer');
    expect(outcome).toEqual({ ok: false, kind: 'unreachable', message: 'The server did not answer in time.' });
  });
});

describe('the operations against the committed server schema', () => {
  it.each(Object.keys(OPERATIONS) as (keyof typeof OPERATIONS)[])('%s is a valid document', async (name) => {
    const { schemaErrors } = await import('./testing/fake-server.js');
    const errors = schemaErrors(OPERATIONS[name], {}).filter((e) => !/was not provided|of required type/.test(e));
    expect(errors).toEqual([]);
  });

  it('catches variables the server would refuse (so the fake server does too)', async () => {
    const { schemaErrors } = await import('./testing/fake-server.js');
    expect(schemaErrors(OPERATIONS.ResolveAccounts, { context: { site: 'gmail', emails: [] } })).toEqual([
      expect.stringMatching(/Field "site" is not defined by type "PageContextInput"/),
    ]);
  });
});
