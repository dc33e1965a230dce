/**
 * The graphql-http server audits (GraphQL over HTTP spec conformance), every MUST and SHOULD, against the real
 * HTTP server with all of its hardening (CORS, media types, limits, sanitiser) in place: in development
 * anonymously, and in production signed in (several audits ask `__type`, which production keeps from
 * anonymous callers; the token is added by the fetch function, the requests are otherwise the audits' own).
 */
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer, type HttpTestServer } from '../test-support/http-server.js';

async function runAudits(s: HttpTestServer, token?: string) {
  const fetchFn = (input: RequestInfo | URL, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    return fetch(input, { ...init, headers });
  };
  const audits = serverAudits({ url: () => `${s.url}/graphql`, fetchFn });
  const results = [];
  for (const audit of audits) results.push(await audit.fn());
  const failed = results.filter((r) => r.status !== 'ok').map((r) => ({ name: r.name, status: r.status, reason: 'reason' in r ? r.reason : undefined }));
  const must = results.filter((r) => r.name.startsWith('MUST')).length;
  const should = results.filter((r) => r.name.startsWith('SHOULD')).length;
  return { results, failed, summary: `${results.length - failed.length} of ${results.length} passed (${must} MUST, ${should} SHOULD, ${results.length - must - should} MAY)` };
}

for (const mode of ['development', 'production'] as const) {
  describe(`graphql-http server audits, ${mode}`, () => {
    let s: HttpTestServer;
    beforeAll(async () => {
      s = await startHttpServer({ production: mode === 'production' });
    });
    afterAll(() => s.close());

    it('passes every MUST, SHOULD and MAY', async () => {
      const { failed, summary } = await runAudits(s, mode === 'production' ? s.adminToken : undefined);
      console.log(`graphql-http audits (${mode}): ${summary}`);
      expect(failed).toEqual([]);
    });
  });
}
