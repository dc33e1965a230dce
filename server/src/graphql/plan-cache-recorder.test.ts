/**
 * The plan cache's recorder (plan-cache.ts) against `query` functions written in ways the schema does not use today,
 * so that a future one cannot replay one viewer's plan for another: each field filters a CREDIT_ONLY note by what it
 * reads of the context, in another way (a descriptor, a Set of objects, a Set of 1 against '1', a spread, JSON, `in`,
 * `Object.keys`/`entries`, a nested object, a getter in the returned query). Each is planned as CREDIT, then run as
 * SALES, CREDIT, SALES: the secret note must follow the viewer every time. (An attack review found the first three
 * replayed CREDIT's plan for SALES before they were made uncachable or keyed by type.)
 */
import SchemaBuilder from '@pothos/core';
import PrismaPlugin from '@pothos/plugin-prisma';
import { execute, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type PrismaTypes from '../generated/pothos-types.js';
import { getDatamodel } from '../generated/pothos-types.js';
import { type AuthzFixture, buildAuthzFixture, SECRET_NOTE } from '../test-support/authz-fixture.js';
import { startTestServer, type TestServer } from '../test-support/server.js';
import { installPlanCache, planCacheStats } from './plan-cache.js';

type Viewer = { role: string; tags?: Set<unknown>; team?: { credit: boolean }; extra?: number };
type Ctx = { viewer: Viewer | null };

function makeSchema(s: TestServer) {
  const b = new SchemaBuilder<{ PrismaTypes: PrismaTypes; Context: Ctx }>({
    plugins: [PrismaPlugin],
    prisma: { client: () => s.db.prisma, dmmf: getDatamodel(), filterConnectionTotalCount: true },
    // Required by the scope-auth plugin's option types, which the app's builder declares globally; not installed here.
    scopeAuth: { authScopes: () => ({}) },
  });
  b.prismaObject('Note', { fields: (t) => ({ body: t.exposeString('body') }) });
  const visible = (credit: boolean) => (credit ? {} : { visibility: 'ALL' as const });
  b.prismaObject('Account', {
    fields: (t) => ({
      name: t.exposeString('name'),
      viaDescriptor: t.relation('notes', {
        query: (_a, ctx) => ({ where: visible(Object.getOwnPropertyDescriptor(ctx, 'viewer')?.value?.role === 'CREDIT') }),
      }),
      viaSetOfObjects: t.relation('notes', {
        query: (_a, ctx) => ({ where: visible([...(ctx.viewer?.tags ?? new Set())].some((x) => (x as { credit?: boolean } | null)?.credit === true)) }),
      }),
      viaSetNumber: t.relation('notes', { query: (_a, ctx) => ({ where: visible(!!ctx.viewer?.tags?.has(1)) }) }),
      viaSpread: t.relation('notes', { query: (_a, ctx) => ({ where: visible({ ...ctx.viewer }.role === 'CREDIT') }) }),
      viaJson: t.relation('notes', { query: (_a, ctx) => ({ where: visible(JSON.stringify(ctx.viewer).includes('CREDIT')) }) }),
      viaIn: t.relation('notes', { query: (_a, ctx) => ({ where: visible(!!ctx.viewer && 'team' in ctx.viewer) }) }),
      viaKeys: t.relation('notes', { query: (_a, ctx) => ({ where: visible(Object.keys(ctx.viewer ?? {}).length > 1) }) }),
      viaEntries: t.relation('notes', { query: (_a, ctx) => ({ where: visible(Object.entries(ctx.viewer ?? {}).some(([, v]) => v === 'CREDIT')) }) }),
      viaNested: t.relation('notes', { query: (_a, ctx) => ({ where: visible(ctx.viewer?.team?.credit === true) }) }),
      viaGetter: t.relation('notes', {
        query: (_a, ctx) => ({
          where: {
            get visibility() {
              return ctx.viewer?.role === 'CREDIT' ? undefined : ('ALL' as const);
            },
          },
        }),
      }),
    }),
  });
  b.queryType({
    fields: (t) => ({
      account: t.prismaField({
        type: 'Account',
        args: { id: t.arg.string({ required: true }) },
        resolve: (q, _p, a) => s.db.prisma.account.findUniqueOrThrow({ ...q, where: { id: a.id } }),
      }),
    }),
  });
  return b.toSchema();
}

describe('the plan cache’s recorder follows every way a query function reads the viewer', () => {
  let s: TestServer;
  let f: AuthzFixture;
  beforeAll(async () => {
    s = await startTestServer('pglite');
    f = await buildAuthzFixture(s);
    installPlanCache();
  }, 120_000);
  afterAll(() => s?.close());

  const fields = ['viaDescriptor', 'viaSetOfObjects', 'viaSetNumber', 'viaSpread', 'viaJson', 'viaIn', 'viaKeys', 'viaEntries', 'viaNested', 'viaGetter'];
  for (const field of fields) {
    it(field, async () => {
      const schema = makeSchema(s);
      const document = parse(`query ($id: String!) { account(id: $id) { ${field} { body } } }`);
      const credit: Viewer = { role: 'CREDIT', tags: new Set([{ credit: true }]), team: { credit: true }, extra: 1 };
      const sales: Viewer = { role: 'SALES', tags: new Set([{ credit: false }]), team: { credit: false }, extra: 1 };
      if (field === 'viaSetNumber') {
        credit.tags = new Set([1]);
        sales.tags = new Set(['1']);
      }
      if (field === 'viaIn' || field === 'viaKeys') {
        delete sales.team;
        delete sales.extra;
        delete sales.tags;
      }
      const seesSecret = async (viewer: Viewer) => {
        const r = await execute({ schema, document, variableValues: { id: f.accountId }, contextValue: { viewer } });
        expect(r.errors).toBeUndefined();
        return JSON.stringify(r.data).includes(SECRET_NOTE);
      };
      const seen: string[] = [];
      for (const [name, viewer] of [['CREDIT', credit], ['SALES', sales], ['CREDIT', credit], ['SALES', sales]] as const) {
        seen.push(`${name}:${await seesSecret(viewer)}`);
      }
      expect(seen).toEqual(['CREDIT:true', 'SALES:false', 'CREDIT:true', 'SALES:false']);
    });
  }

  it('keeps counting: the cache is in use in these tests', () => {
    expect(planCacheStats.hits + planCacheStats.misses).toBeGreaterThan(0);
  });
});
