/** Distribution lists through GraphQL: admins set and delete them (validated, audited), writers read them. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from '../test-support/databases.js';
import { errorCodes, ok, startTestServer, type TestServer } from '../test-support/server.js';

const SET = 'mutation ($i: SetDistributionListInput!) { setDistributionList(input: $i) { list { id name description addresses } } }';
const DELETE = 'mutation ($i: DeleteDistributionListInput!) { deleteDistributionList(input: $i) { name } }';
const LIST = '{ distributionLists { name addresses } }';

describe.each(DB_KINDS)('distribution lists on %s', (kind) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(kind);
  }, 120_000);
  afterAll(() => s?.close());

  const audits = (action: string) => s.db.prisma.auditEvent.findMany({ where: { action }, orderBy: { createdAt: 'asc' } });

  it('an admin creates a list and replaces it by name (any case); addresses lower-cased, duplicates dropped; both audited', async () => {
    const created = ok(
      await s.as('ADMIN')(SET, { i: { name: 'Executives', description: 'The board', addresses: ['CEO@Earshot.example', 'cfo@earshot.example', 'ceo@earshot.example'] } }),
    ).setDistributionList.list;
    expect(created).toMatchObject({ name: 'Executives', description: 'The board', addresses: ['ceo@earshot.example', 'cfo@earshot.example'] });
    const replaced = ok(await s.as('ADMIN')(SET, { i: { name: 'executives', addresses: ['coo@earshot.example'] } })).setDistributionList.list;
    expect(replaced).toEqual({ id: created.id, name: 'executives', description: null, addresses: ['coo@earshot.example'] });
    expect(await s.db.prisma.distributionList.count()).toBe(1);
    expect((await audits('distributionList.create')).map((a) => [a.actorId, a.data])).toEqual([[s.users.ADMIN.id, { name: 'Executives', addresses: 2 }]]);
    expect((await audits('distributionList.update')).map((a) => a.data)).toEqual([{ name: 'executives', addresses: 1, added: 1, removed: 2 }]);
  });

  it('writers read the lists by name; a VIEWER and anonymous callers do not; only an admin changes them', async () => {
    ok(await s.as('ADMIN')(SET, { i: { name: 'Customer service', addresses: ['cs@earshot.example'] } }));
    for (const role of ['ADMIN', 'CREDIT', 'SALES'] as const) {
      expect(ok(await s.as(role)(LIST)).distributionLists.map((l: { name: string }) => l.name)).toEqual(['Customer service', 'executives']);
    }
    expect(errorCodes(await s.as('VIEWER')(LIST))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await s.gql(LIST))).toEqual(['UNAUTHENTICATED']);
    for (const role of ['CREDIT', 'SALES', 'VIEWER'] as const) {
      expect(errorCodes(await s.as(role)(SET, { i: { name: 'Sneaky', addresses: ['x@earshot.example'] } }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await s.as(role)(DELETE, { i: { name: 'executives' } }))).toEqual(['FORBIDDEN']);
    }
    const adminToken = await s.apiToken('ADMIN', ['accounts:read']);
    expect(errorCodes(await s.gql(SET, { i: { name: 'Sneaky', addresses: ['x@earshot.example'] } }, adminToken))).toEqual(['FORBIDDEN']);
    expect(await s.db.prisma.distributionList.count({ where: { name: 'Sneaky' } })).toBe(0);
  });

  it('refuses a bad name, address or size with a sentence naming the field, and writes nothing', async () => {
    const before = await s.db.prisma.distributionList.count();
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ name: '  ', addresses: ['a@earshot.example'] }, 'input.name', /must not be empty/],
      [{ name: 'Executives\r\nBcc: x@evil.example', addresses: ['a@earshot.example'] }, 'input.name', /one line/],
      [{ name: 'x'.repeat(61), addresses: ['a@earshot.example'] }, 'input.name', /at most 60 characters/],
      [{ name: 'Board', addresses: ['a@earshot.example', 'not-an-address'] }, 'input.addresses.1', /"not-an-address" is not a valid e-mail address/],
      [{ name: 'Board', addresses: [] }, 'input.addresses', /at least one address/],
      [{ name: 'Board', addresses: Array.from({ length: 201 }, (_, i) => `p${i}@earshot.example`) }, 'input.addresses', /at most 200 addresses/],
    ];
    for (const [input, field, message] of cases) {
      const r = await s.as('ADMIN')(SET, { i: input });
      expect(errorCodes(r), field).toEqual(['BAD_USER_INPUT']);
      expect(r.errors?.[0]?.extensions?.field).toBe(field);
      expect(r.errors?.[0]?.message).toMatch(message);
    }
    expect(ok(await s.as('ADMIN')(SET, { i: { name: 'Two hundred', addresses: Array.from({ length: 200 }, (_, i) => `p${i}@earshot.example`) } })).setDistributionList.list.addresses).toHaveLength(200);
    expect(await s.db.prisma.distributionList.count()).toBe(before + 1);
  });

  it('deletes a list by name (any case), audited; a second delete is NOT_FOUND', async () => {
    expect(ok(await s.as('ADMIN')(DELETE, { i: { name: 'CUSTOMER SERVICE' } })).deleteDistributionList).toEqual({ name: 'Customer service' });
    expect(errorCodes(await s.as('ADMIN')(DELETE, { i: { name: 'Customer service' } }))).toEqual(['NOT_FOUND']);
    expect((await audits('distributionList.delete')).map((a) => a.data)).toEqual([{ name: 'Customer service', addresses: 1 }]);
  });
});
