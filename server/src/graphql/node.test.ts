import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from '../test-support/databases.js';
import { errorCodes, ok, startTestServer, type TestServer } from '../test-support/server.js';

const NODE_TYPES = ['Account', 'Alert', 'Contact', 'Invoice', 'Note', 'Signal', 'User', 'Watch', 'Webhook'];
const MISSING_UUID = '01900000-0000-7000-8000-000000000000';

describe.each(DB_KINDS)('node(id) and nodes(ids) on %s', (kind) => {
  let s: TestServer;
  let accountId: string;
  beforeAll(async () => {
    s = await startTestServer(kind);
    accountId = ok(await s.as('CREDIT')(`mutation { createAccount(input: { name: "Initech" }) { account { id } } }`)).createAccount.account.id;
  });
  afterAll(() => s?.close());

  it.each(NODE_TYPES)('a well-formed %s id of a missing row is null, not an error', async (type) => {
    for (const rowId of [MISSING_UUID, 'not-a-uuid']) {
      const id = encodeGlobalID(type, rowId);
      const one = await s.as('ADMIN')(`query ($id: ID!) { node(id: $id) { id } }`, { id });
      expect(errorCodes(one)).toEqual([]);
      expect(one.data?.node).toBeNull();
      const many = await s.as('ADMIN')(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [id, accountId] });
      expect(errorCodes(many)).toEqual([]);
      expect(many.data?.nodes).toEqual([null, { id: accountId }]);
    }
  });

  it('an id that is not a global id, or of an unknown type, is a client error with a null node', async () => {
    for (const id of ['nonsense', encodeGlobalID('Nope', MISSING_UUID)]) {
      const r = await s.as('ADMIN')(`query ($id: ID!) { node(id: $id) { id } }`, { id });
      expect(r.data?.node ?? null).toBeNull();
      expect(r.errors?.[0]?.message).toMatch(/Invalid global ID|has not been implemented/);
      expect(errorCodes(r)).not.toContain('INTERNAL_SERVER_ERROR');
    }
  });
});
