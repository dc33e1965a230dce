/**
 * A bounded fuzz test with a fixed seed against the real HTTP server on PGlite: GraphQL documents generated
 * from the schema (found by introspection) with random and hostile arguments (huge numbers, NUL bytes, lone
 * surrogates, wrong types, deep lists, long strings), documents mutated character by character, deep nesting,
 * broken JSON, odd methods and content types, big bodies. No answer may be a 5xx or carry
 * INTERNAL_SERVER_ERROR, and the server must be healthy and answer a normal query afterwards.
 */
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  type IntrospectionQuery,
} from 'graphql';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { startHttpServer, type HttpTestServer } from '../test-support/http-server.js';

const SEED = 0x5eed_2026;
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 2500);
const CONCURRENCY = 4;

/** mulberry32: small, fast, deterministic. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick, chance: (p: number) => next() < p };
}
type Rng = ReturnType<typeof prng>;

const HOSTILE_STRINGS = ['', ' ', 'a\u0000b', '\u0007', '\ud800', '\udfff x', 'x'.repeat(10_000), '😀'.repeat(300), "' OR 1=1 --", '<script>alert(1)</script>', '../../etc/passwd', '%00', '\\u0000', 'ap?bcc=x%40evil.example&body=y@acme.example', '0000-01-01', '9999-12-31T23:59:59Z', 'NaN', '-0', '1e400', '90071992547410.00', '60000000000000.00', '-1.005', '(12.00)', 'Q291bnQ6MQ==', 'QWNjb3VudDp4', 'acme.example', 'admin@test.earshot.test', 'http://[::1]/', 'javascript:alert(1)'];
const HOSTILE_NUMBERS = [0, -1, 1, 2, 100, 101, 1000, 2147483647, 2147483648, -2147483649, 1e308, -1e308, 2 ** 53 + 2, 0.5, 1e-300];

function randomValue(rng: Rng, type: GraphQLInputType, depth: number): unknown {
  if (rng.chance(0.05)) return rng.pick([null, 'wrong', 42, true, [], {}, [[['deep']]], { nested: { x: 1 } }]);
  if (isNonNullType(type)) return randomValue(rng, type.ofType, depth);
  if (isListType(type)) {
    const n = rng.chance(0.05) ? 200 : rng.int(3);
    return Array.from({ length: n }, () => randomValue(rng, type.ofType, depth + 1));
  }
  if (isInputObjectType(type)) {
    if (depth > 4) return {};
    const out: Record<string, unknown> = {};
    for (const f of Object.values(type.getFields())) if (isNonNullType(f.type) || rng.chance(0.5)) out[f.name] = randomValue(rng, f.type, depth + 1);
    return out;
  }
  if (isEnumType(type)) return rng.chance(0.9) ? rng.pick(type.getValues()).name : 'NOT_A_VALUE';
  if (isScalarType(type)) {
    switch (type.name) {
      case 'Int':
      case 'Float':
        return rng.pick(HOSTILE_NUMBERS);
      case 'Boolean':
        return rng.chance(0.5);
      case 'Decimal':
        return rng.pick(['1.00', '0.01', '-5.00', '10000000000.00', '10000000000.01', '90071992547410.00', '1.234', 'abc', 12]);
      case 'DateTime':
        return rng.pick(['2026-01-01T00:00:00Z', '0000-01-01', '1899-12-31', '2999-12-31T23:59:59Z', '3000-01-01', 'garbage', '+275760-09-13T00:00:00.000Z']);
      default:
        return rng.pick(HOSTILE_STRINGS);
    }
  }
  return null;
}

function selection(rng: Rng, schema: GraphQLSchema, type: ReturnType<typeof getNamedType>, depth: number, vars: Map<string, [string, unknown]>): string {
  if (isLeafType(type)) return '';
  if (isUnionType(type) || isInterfaceType(type)) {
    const possible = schema.getPossibleTypes(type);
    return `{ __typename ${possible.slice(0, 2).map((t) => `... on ${t.name} ${selection(rng, schema, t, depth + 1, vars)}`).join(' ')} }`;
  }
  if (!isObjectType(type)) return '';
  const fields = Object.values(type.getFields());
  const chosen = Array.from({ length: 1 + rng.int(4) }, () => rng.pick(fields));
  const parts = new Set<string>(['__typename']);
  for (const f of chosen) {
    const sub = getNamedType(f.type);
    if (!isLeafType(sub) && depth >= 4) continue;
    const inner = isLeafType(sub) ? '' : selection(rng, schema, sub, depth + 1, vars);
    if (!isLeafType(sub) && !inner) continue;
    parts.add(`${rng.chance(0.1) ? `al${rng.int(1000)}: ` : ''}${f.name}${argumentsFor(rng, f, vars)} ${inner}`);
  }
  return `{ ${[...parts].join(' ')} }`;
}

function argumentsFor(rng: Rng, field: GraphQLField<unknown, unknown>, vars: Map<string, [string, unknown]>): string {
  const args = field.args.filter((a) => isNonNullType(a.type) || rng.chance(0.5));
  if (!args.length) return '';
  return `(${args
    .map((a) => {
      const name = `v${vars.size}`;
      vars.set(name, [a.type.toString(), randomValue(rng, a.type, 0)]);
      return `${a.name}: $${name}`;
    })
    .join(', ')})`;
}

function generatedOperation(rng: Rng, schema: GraphQLSchema): { query: string; variables: Record<string, unknown> } {
  const roots = [schema.getQueryType()!, schema.getMutationType()!] as GraphQLObjectType[];
  const root = rng.chance(0.6) ? roots[0]! : roots[1]!;
  const fields = Object.values(root.getFields()).filter((f) => f.name !== 'signOut');
  const field = rng.pick(fields);
  const vars = new Map<string, [string, unknown]>();
  const args = argumentsFor(rng, field, vars);
  const sub = getNamedType(field.type);
  const sel = isLeafType(sub) ? '' : selection(rng, schema, sub, 1, vars);
  const defs = vars.size ? `(${[...vars].map(([n, [t]]) => `$${n}: ${t}`).join(', ')})` : '';
  const op = root === roots[0] ? 'query' : 'mutation';
  return { query: `${op} Fuzz${defs} { ${field.name}${args} ${sel} }`, variables: Object.fromEntries([...vars].map(([n, [, v]]) => [n, v])) };
}

function mutate(rng: Rng, text: string): string {
  let out = text;
  for (let i = 0, n = 1 + rng.int(4); i < n; i++) {
    const at = rng.int(out.length + 1);
    switch (rng.int(5)) {
      case 0:
        out = out.slice(0, at) + out.slice(at + 1 + rng.int(5));
        break;
      case 1:
        out = out.slice(0, at) + rng.pick(['{', '}', '(', ')', '[', ']', '$', '@skip(if: true)', '...', '"', '\\', '#', '\u0000', '\ud800', 'query', ':', '!', '999999999999999999999']) + out.slice(at);
        break;
      case 2:
        out = out.slice(0, at) + out.slice(at, at + 20).repeat(1 + rng.int(20)) + out.slice(at);
        break;
      case 3:
        out = `${'{ a '.repeat(rng.pick([50, 500, 5000]))}${out}`;
        break;
      default:
        out = out.replace(/first: \$v\d+/, `first: ${rng.pick(HOSTILE_NUMBERS)}`);
    }
  }
  return out;
}

/** encodeURIComponent, with lone surrogates (which it cannot encode) written as U+FFFD. */
const encode = (text: string) => encodeURIComponent(text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));

interface Probe {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

function probe(rng: Rng, schema: GraphQLSchema, token: string): Probe {
  const auth: Record<string, string> = rng.chance(0.8) ? { authorization: `Bearer ${token}` } : rng.chance(0.5) ? {} : { authorization: rng.pick(['Bearer ', 'Bearer x', 'Basic abc', `Bearer ${token}x`, 'Bearer \u00ff']) };
  const json = { 'content-type': 'application/json', ...auth };
  const op = generatedOperation(rng, schema);
  switch (rng.int(12)) {
    case 0:
    case 1:
    case 2:
    case 3:
      return { method: 'POST', path: '/graphql', headers: json, body: JSON.stringify(op) };
    case 4:
      return { method: 'POST', path: '/graphql', headers: json, body: JSON.stringify({ ...op, query: mutate(rng, op.query) }) };
    case 5:
      return { method: 'GET', path: `/graphql?query=${encode(rng.chance(0.5) ? op.query : mutate(rng, op.query))}&variables=${encode(JSON.stringify(op.variables))}`, headers: { accept: 'application/graphql-response+json', ...auth } };
    case 6: {
      const body = JSON.stringify(op);
      return { method: 'POST', path: '/graphql', headers: json, body: rng.pick([body.slice(0, rng.int(body.length)), `${body}}`, body.replace(/"/, "'"), 'null', '[]', '[1,2]', '"string"', '{"query": 5}', '{"query":"{ viewer { id } }","variables":"x"}', '{"query":"{ viewer { id } }","extensions":[1]}', '{"query":"{ viewer { id } }","operationName":7}', '\u0000', '']) };
    }
    case 7:
      return {
        method: rng.pick(['POST', 'PUT', 'PATCH', 'DELETE']),
        path: '/graphql',
        headers: { 'content-type': rng.pick(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/graphql', 'application/json; charset=latin1', 'application/jsonx', '', 'application/xml']), ...auth },
        body: rng.chance(0.5) ? JSON.stringify(op) : `query=${encode(op.query)}`,
      };
    case 8:
      return { method: 'POST', path: '/graphql', headers: { ...json, origin: rng.pick(['https://evil.example', 'null', 'chrome-extension://abcdefghijklmnop', 'moz-extension://x', 'http://127.0.0.1']) }, body: JSON.stringify(op) };
    case 9: {
      const depth = rng.pick([100, 1000, 10_000]);
      return { method: 'POST', path: '/graphql', headers: json, body: JSON.stringify({ query: `${'{ viewer '.repeat(depth)}{ id }${' }'.repeat(depth)}`, variables: { deep: JSON.parse(`${'['.repeat(Math.min(depth, 3000))}1${']'.repeat(Math.min(depth, 3000))}`) } }) };
    }
    case 10: {
      // Big bodies: over the anonymous limit, or (rarely, they take time) over 8 MB.
      const size = rng.chance(0.05) ? 9 * 1024 * 1024 : 70 * 1024 + rng.int(200_000);
      return { method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json', ...(rng.chance(0.5) ? auth : {}) }, body: JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(size) } }) };
    }
    default:
      return { method: rng.pick(['GET', 'POST', 'OPTIONS', 'HEAD']), path: rng.pick(['/', '/graphql/', '/healthz', '/graphql?query=', '/nope', '/graphql?query={__typename}&extensions=5', '/%00', '/graphql?%ff']), headers: { ...auth, accept: rng.pick(['*/*', 'text/html', 'text/event-stream', 'application/json']) }, ...(rng.chance(0.5) ? { body: '{}' } : {}) };
  }
}

let s: HttpTestServer;
let schema: GraphQLSchema;
beforeAll(async () => {
  // Rate limits off: they would answer most of these requests with 429 before the layers under test see them
  // (the limits have their own tests in security/rate-limits*.test.ts).
  const noLimits = { ...loadConfig({}).rateLimits, signInFailuresPerAccount: 0, signInFailuresPerAddress: 0, requestsPerToken: 0, requestsPerAddress: 0 };
  s = await startHttpServer({ production: true, rateLimits: noLimits });
  const res = await fetch(`${s.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${s.adminToken}` }, body: JSON.stringify({ query: getIntrospectionQuery() }) });
  schema = buildClientSchema(((await res.json()) as { data: IntrospectionQuery }).data);
});
afterAll(() => s.close());

it(`survives ${REQUESTS} fuzzed requests (seed ${SEED.toString(16)}): no 5xx, no INTERNAL_SERVER_ERROR, healthy afterwards`, { timeout: 120_000 }, async () => {
  const rng = prng(SEED);
  const probes = Array.from({ length: REQUESTS }, () => probe(rng, schema, s.adminToken));
  const statuses = new Map<number, number>();
  const failures: { status: number; request: string; response: string }[] = [];
  const started = performance.now();
  let nextIndex = 0;
  const worker = async () => {
    while (nextIndex < probes.length) {
      const p = probes[nextIndex++]!;
      let status: number;
      let text = '';
      try {
        const res = await fetch(`${s.url}${p.path}`, { method: p.method, headers: p.headers, body: p.method === 'GET' || p.method === 'HEAD' ? undefined : (p.body as BodyInit | undefined), signal: AbortSignal.timeout(15_000) });
        status = res.status;
        if (p.headers.accept === 'text/event-stream') await res.body?.cancel();
        else text = await res.text();
      } catch (err) {
        // A refused over-size upload may be cut off while still being sent: that is the limit working.
        const body = p.body;
        if (typeof body === 'string' && body.length > 8 * 1024 * 1024) status = 413;
        else {
          status = 599;
          text = String(err);
        }
      }
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status >= 500 || text.includes('INTERNAL_SERVER_ERROR') || text.includes('Unexpected error')) {
        failures.push({ status, request: `${p.method} ${p.path} ${String(p.body ?? '').slice(0, 1500)}`, response: text.slice(0, 300) });
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  console.log(`fuzz: ${REQUESTS} requests in ${seconds.toFixed(1)} s; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))}; failures ${failures.length}`);
  expect(failures.slice(0, 10)).toEqual([]);

  const health = await fetch(`${s.url}/healthz`);
  expect(health.status).toBe(200);
  expect(await health.json()).toMatchObject({ ok: true });
  const viewer = await fetch(`${s.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${s.adminToken}` }, body: JSON.stringify({ query: '{ viewer { email role } }' }) });
  expect(await viewer.json()).toEqual({ data: { viewer: { email: s.adminEmail, role: 'ADMIN' } } });
});
