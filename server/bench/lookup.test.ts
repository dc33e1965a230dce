/**
 * The lookup benchmark's smoke test (PostgreSQL only: TEST_DATABASE_URL): the generator at a tiny scale, then the
 * extension's two operations against Earshot and the raw baseline — the baseline must answer the same JSON, or the
 * benchmark would compare different work. No timing is asserted.
 */
import { randomBytes } from 'node:crypto';
import { OPERATIONS } from '@earshot/shared';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureLookupData, type LookupData } from './lookup-data.js';
import { type Server, startServer } from './lookup.js';
import { resolveVariables } from './lookup-load.js';

const base = process.env.TEST_DATABASE_URL;

describe.skipIf(!base)('lookup benchmark', () => {
  const name = `earshot_bench_test_${randomBytes(4).toString('hex')}`;
  let data: LookupData;
  const servers: Server[] = [];

  beforeAll(async () => {
    data = await ensureLookupData(base!, 12, { log: () => {}, name, bigAccounts: 0 });
    servers.push(await startServer('earshot', data.url, { pin: false }), await startServer('raw', data.url, { pin: false }));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  const post = async (server: Server, operationName: 'ResolveAccounts' | 'AccountCard', variables: unknown) => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${data.token}` },
      body: JSON.stringify({ operationName, query: OPERATIONS[operationName], variables }),
    });
    return res.json() as Promise<any>;
  };

  it('the raw baseline answers what Earshot answers, by domain, e-mail and CRM record', async () => {
    const [earshot, raw] = servers;
    for (const i of [0, 1, 2, 7]) {
      const resolved = await post(earshot!, 'ResolveAccounts', resolveVariables(i, data.accounts));
      expect(resolved.errors).toBeUndefined();
      expect(resolved.data.resolveAccounts).toHaveLength(1);
      expect(await post(raw!, 'ResolveAccounts', resolveVariables(i, data.accounts))).toEqual(resolved);
      const id = resolved.data.resolveAccounts[0].account.id;
      const card = await post(earshot!, 'AccountCard', { id });
      expect(card.data.account.creditStatus.riskLevel).toMatch(/^(LOW|MODERATE|HIGH|CRITICAL)$/);
      expect(await post(raw!, 'AccountCard', { id })).toEqual(card);
    }
  });
});
