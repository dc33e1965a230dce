/** Every error a client gets has an extensions.code; none carries originalError (graphql/error-codes.ts). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { loadConfig } from '../config.js';
import { startTestServer, type TestServer } from '../test-support/server.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer('pglite');
});
afterAll(() => s?.close());

describe('error codes', () => {
  it.each([
    ['a negative page size', '{ accounts(first: -1) { edges { node { id } } } }', {}],
    ['a bad enum value in a variable', 'mutation ($s: SignalStatus!) { updateSignalStatus(input: { id: "x", status: $s }) { signal { id } } }', { s: 'NOPE' }],
    ['a string for an Int variable', 'query ($n: Int) { accounts(first: $n) { edges { node { id } } } }', { n: 'x' }],
    ['a missing required variable', 'query ($n: Int!) { accounts(first: $n) { edges { node { id } } } }', {}],
  ])('%s is BAD_USER_INPUT', async (_label, query, variables) => {
    const r = await s.as('ADMIN')(query, variables);
    expect(r.errors?.length).toBeGreaterThan(0);
    for (const e of r.errors ?? []) {
      expect(e.extensions?.code, e.message).toBeDefined();
      expect(e.extensions?.originalError).toBeUndefined();
    }
    expect(r.errors?.map((e) => e.extensions?.code)).toContain('BAD_USER_INPUT');
  });

  it('an invalid JSON body is BAD_REQUEST without the parser’s error (originalError)', async () => {
    for (const production of [true, false]) {
      const app = createApp(s.db, { ...loadConfig({}), production }, s.services);
      const res = await app.yoga.fetch('http://earshot.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${s.users.ADMIN.token}` },
        body: '{"query": "{ __typename }"',
      });
      const body = (await res.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(body.errors).toEqual([{ message: 'POST body sent invalid JSON.', extensions: { code: 'BAD_REQUEST' } }]);
    }
  });
});
