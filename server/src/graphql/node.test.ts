import { encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from '../test-support/databases.js';
import { errorCodes, ok, startTestServer, type TestServer } from '../test-support/server.js';

const NODE_TYPES = ['Account', 'ActionItem', 'Alert', 'ApiToken', 'Contact', 'Dispute', 'DistributionList', 'HealthCheck', 'IntelRequest', 'Invoice', 'LedgerWarning', 'Note', 'SecurityAlert', 'Signal', 'User', 'Visit', 'VisitNote', 'VisitReport', 'Watch', 'Webhook'];
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

/** Row ids that cannot be a row: control characters (a NUL is an error in PostgreSQL text), 10 KB, not a uuid. */
const IMPLAUSIBLE_ROW_IDS: [string, string][] = [
  ['a NUL', '\u0000'],
  ['a NUL inside a uuid', `${MISSING_UUID.slice(0, 8)}\u0000${MISSING_UUID.slice(8)}`],
  ['a trailing NUL', `${MISSING_UUID}\u0000`],
  ['a control character', 'x\u0001\u001f\u007f'],
  ['10 KB', 'a'.repeat(10_240)],
  ['a non-uuid', 'not-a-uuid'],
  ['an almost-uuid', `${MISSING_UUID}0`],
];

describe.each(DB_KINDS)('global ids whose row id cannot be a row, on %s', (kind) => {
  let s: TestServer;
  let accountId: string;
  let nodeTypes: string[];
  beforeAll(async () => {
    s = await startTestServer(kind);
    accountId = ok(await s.as('CREDIT')(`mutation { createAccount(input: { name: "Initech" }) { account { id } } }`)).createAccount.account.id;
    const types = ok(await s.as('ADMIN')(`{ __type(name: "Node") { possibleTypes { name } } }`)).__type.possibleTypes as { name: string }[];
    nodeTypes = types.map((t) => t.name);
  });
  afterAll(() => s?.close());

  it('introspection finds every node type', () => {
    expect([...nodeTypes].sort()).toEqual([...NODE_TYPES].sort());
  });

  it.each(IMPLAUSIBLE_ROW_IDS)('%s: node and nodes answer null for every node type, never INTERNAL_SERVER_ERROR', async (_label, rowId) => {
    for (const role of ['ADMIN', 'VIEWER'] as const) {
      for (const type of nodeTypes) {
        const id = encodeGlobalID(type, rowId);
        const one = await s.as(role)(`query ($id: ID!) { node(id: $id) { id } }`, { id });
        expect(errorCodes(one), `${role} node(${type})`).toEqual([]);
        expect(one.data?.node).toBeNull();
        const many = await s.as(role)(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [id, accountId, id] });
        expect(errorCodes(many), `${role} nodes(${type})`).toEqual([]);
        expect(many.data?.nodes).toEqual([null, { id: accountId }, null]);
      }
    }
  });

  it.each(IMPLAUSIBLE_ROW_IDS)('%s in a mutation input: BAD_USER_INPUT naming the field, like an id of another type', async (_label, rowId) => {
    const update = `mutation ($id: ID!) { updateSignalStatus(input: { id: $id, status: RESOLVED }) { signal { id } } }`;
    const r = await s.as('CREDIT')(update, { id: encodeGlobalID('Signal', rowId) });
    expect(errorCodes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors?.[0]?.extensions?.field).toBe('input.id');
    const del = await s.as('ADMIN')(`mutation ($id: ID!) { deleteWebhook(id: $id) { deletedWebhookId } }`, { id: encodeGlobalID('Webhook', rowId) });
    expect(errorCodes(del)).toEqual(['BAD_USER_INPUT']);
    const revoke = await s.as('ADMIN')(`mutation ($id: ID!) { revokeApiToken(input: { tokenId: $id }) { apiToken { id } } }`, { id: encodeGlobalID('ApiToken', rowId) });
    expect(errorCodes(revoke)).toEqual(['BAD_USER_INPUT']);
  });

  it('a well-formed id of a missing row in a mutation input is still NOT_FOUND', async () => {
    const r = await s.as('CREDIT')(`mutation ($id: ID!) { updateSignalStatus(input: { id: $id, status: RESOLVED }) { signal { id } } }`, {
      id: encodeGlobalID('Signal', MISSING_UUID),
    });
    expect(errorCodes(r)).toEqual(['NOT_FOUND']);
  });
});
