/**
 * Pothos plans the Prisma query of a field from the GraphQL selection beneath it (`Plan.fromInfo` of
 * @pothos/selection-mapper, called by plugin-prisma for every `prismaField`/`prismaConnection`): it walks the
 * document and runs every field's `select`/`query` function. On the sidebar lookup that walk was ~11% of the
 * server's CPU, redone for every request of the same document (issue 12). This caches the settled plan per place in
 * a document, and keeps it sound by recording what the planning read:
 *
 * - Planning runs against a recording view of the context: every value a `select`/`query` function reads
 *   (`ctx.viewer.role`, `ctx.viewer.scopes`, `ctx.viewer.userId`, `ctx.viewer` being null…) is noted with its path.
 *   A later request reuses the plan only when every noted path holds the same value in its own context. So the
 *   `notes` connection planned for a CREDIT viewer (no visibility filter) is never replayed for SALES (whose plan
 *   filters CREDIT_ONLY notes), nor intel requests planned for one user replayed for another.
 * - Every variable the planning read (a relation's arguments, `@skip`/`@include`) is noted by its whole value.
 * - Anything the recording cannot vouch for makes the plan uncachable (planned afresh every time, as before): a
 *   function or a class instance read from the context, a write to it, a plan that settles asynchronously, or a
 *   recorded object left inside the planned query (it would be read later, at execution, unrecorded).
 *
 * What it cannot see: a `select`/`query` function must depend only on the context, its arguments and constants. One
 * that reads the clock (`new Date()`), `process.env` or module state while planning would have that value replayed
 * for every later request of the same document; put such values in the context, or compute them at resolve time.
 * A Set in the context is keyed by its members' types and values; a Set holding objects, a descriptor read
 * (`Object.getOwnPropertyDescriptor`) or a function makes the plan uncachable. At most MAX_PLANS plans are kept.
 *
 * `EARSHOT_PLAN_CACHE=off` turns it off (to measure against; an on/off setting like the others: anything else is refused).
 *
 * The key is the document's own field nodes (yoga's parse cache hands the same AST to every request of the same
 * text; another text gets other nodes), the response path without list indices, the parent and return types and the
 * caller's options. A replayed plan gets the request's real context and `info`, so the loader mappings it records
 * land in this request (the plan itself holds no per-request state once settled: `Plan.query` plays it afresh or
 * copies its settled node).
 */
import { isThenable } from '@pothos/core';
import { Plan } from '@pothos/selection-mapper';
import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import { boolFrom } from '../config.js';

/**
 * One read the planning made of the context: a primitive (or a Set's members) at a path, an object being there (and
 * whether it is an array), whether a key is there, or an object's list of keys.
 */
type Read = { path: readonly PropertyKey[]; kind: 'value' | 'object' | 'keys' | 'has'; value: unknown };

interface Entry {
  /** Every field node of the response key (graphql merges them into `info.fieldNodes`). */
  nodes: readonly FieldNode[];
  contextReads: Read[];
  variables: [string, string][];
  plan: object;
}

interface FromInfoOptions {
  context: object;
  info: GraphQLResolveInfo;
  typeName?: string;
  path?: unknown;
  paths?: unknown;
  skipDeferredFragments?: boolean;
  initial?: unknown;
}

/** Distinct recorded contexts kept per place in a document (roles × token scopes × users whose plans differ). */
const MAX_ENTRIES_PER_KEY = 32;
/**
 * Plans kept in all (~5 KB each, measured): past it the cache starts over. Without it a signed-in client sending
 * many documents × aliases × variable values could grow it to gigabytes while yoga's parse cache keeps the documents.
 */
export const MAX_PLANS = 4096;

let cache = new WeakMap<FieldNode, Map<string, Entry[]>>();
let plansKept = 0;
let installed = false;
export const planCacheStats = { hits: 0, misses: 0, uncachable: 0 };

/** A recording view of `target`: reads are noted in `reads`; the proxies made are added to `proxies`. */
function recorder(target: object, reads: Read[], proxies: WeakSet<object>, state: { ok: boolean }, path: readonly PropertyKey[] = []): object {
  const leaf = (p: readonly PropertyKey[], value: unknown): unknown => {
    if (value === null || typeof value !== 'object') {
      if (typeof value === 'function') state.ok = false;
      reads.push({ path: p, kind: 'value', value });
      return value;
    }
    if (value instanceof Set) {
      const key = setKey(value);
      // A member that is an object (or a function) is not described by its key: not vouched for.
      if (key === null) state.ok = false;
      else reads.push({ path: p, kind: 'value', value: key });
      return value;
    }
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null && !Array.isArray(value)) {
      // A class instance (Prisma, services, a Date…): its behaviour is not recorded by reading its properties.
      state.ok = false;
      return value;
    }
    reads.push({ path: p, kind: 'object', value: Array.isArray(value) });
    return recorder(value, reads, proxies, state, p);
  };
  const proxy = new Proxy(target, {
    get(t, key, receiver) {
      if (typeof key === 'symbol') {
        state.ok = false;
        return Reflect.get(t, key, receiver);
      }
      return leaf([...path, key], Reflect.get(t, key));
    },
    has(t, key) {
      const result = Reflect.has(t, key);
      reads.push({ path: [...path, key], kind: 'has', value: result });
      return result;
    },
    getOwnPropertyDescriptor(t, key) {
      const descriptor = Reflect.getOwnPropertyDescriptor(t, key);
      reads.push({ path: [...path, key], kind: 'has', value: !!descriptor });
      // The descriptor hands out the raw value: reads beneath it would go unrecorded. (Spreads and Object.entries go
      // through `get` after `ownKeys`; this is an explicit Object.getOwnPropertyDescriptor(s).)
      if (descriptor && 'value' in descriptor && descriptor.value !== null && typeof descriptor.value === 'object') state.ok = false;
      else if (descriptor && 'value' in descriptor) leaf([...path, key], descriptor.value);
      return descriptor;
    },
    ownKeys(t) {
      const keys = Reflect.ownKeys(t);
      reads.push({ path, kind: 'keys', value: JSON.stringify(keys.map(String)) });
      return keys;
    },
    set(t, key, value) {
      state.ok = false;
      return Reflect.set(t, key, value);
    },
    defineProperty(t, key, descriptor) {
      state.ok = false;
      return Reflect.defineProperty(t, key, descriptor);
    },
    deleteProperty(t, key) {
      state.ok = false;
      return Reflect.deleteProperty(t, key);
    },
    setPrototypeOf() {
      state.ok = false;
      return false;
    },
  });
  proxies.add(proxy);
  return proxy;
}

/** A Set's members by type and value (1 and '1' differ), or null when one is an object or a function. */
function setKey(set: Set<unknown>): string | null {
  const members: string[] = [];
  for (const member of set) {
    if ((member !== null && typeof member === 'object') || typeof member === 'function') return null;
    members.push(`${typeof member}:${String(member)}`);
  }
  return `Set${JSON.stringify(members.sort())}`;
}

/** Whether `root` holds the same values at every recorded path. */
function sameReads(root: unknown, reads: Read[]): boolean {
  for (const read of reads) {
    let at: unknown = root;
    let parent: unknown;
    for (const key of read.path) {
      if (at === null || typeof at !== 'object') return false;
      parent = at;
      at = (at as Record<PropertyKey, unknown>)[key];
    }
    switch (read.kind) {
      case 'value':
        if (at instanceof Set ? setKey(at) !== read.value : !Object.is(at, read.value)) return false;
        break;
      case 'object': {
        if (at === null || typeof at !== 'object' || Array.isArray(at) !== read.value) return false;
        const proto = Object.getPrototypeOf(at);
        if (proto !== Object.prototype && proto !== null && !Array.isArray(at)) return false;
        break;
      }
      case 'has': {
        const key = read.path[read.path.length - 1]!;
        const owner = read.path.length > 0 ? parent : root;
        if (owner === null || typeof owner !== 'object' || Reflect.has(owner, key) !== read.value) return false;
        break;
      }
      case 'keys':
        if (at === null || typeof at !== 'object' || JSON.stringify(Reflect.ownKeys(at).map(String)) !== read.value) return false;
        break;
    }
  }
  return true;
}

/** The variables object seen by planning: each variable read is noted by its whole value (JSON). */
function variableRecorder(variables: Record<string, unknown>, noted: Map<string, string>, state: { ok: boolean }) {
  const note = (key: PropertyKey) => {
    if (typeof key === 'symbol') {
      state.ok = false;
      return;
    }
    const name = String(key);
    if (!noted.has(name)) noted.set(name, variableKey(variables, name));
  };
  return new Proxy(variables, {
    get(t, key) {
      note(key);
      return Reflect.get(t, key);
    },
    has(t, key) {
      note(key);
      return Reflect.has(t, key);
    },
    getOwnPropertyDescriptor(t, key) {
      note(key);
      return Reflect.getOwnPropertyDescriptor(t, key);
    },
    ownKeys(t) {
      state.ok = false;
      return Reflect.ownKeys(t);
    },
    set() {
      state.ok = false;
      return false;
    },
  });
}

function variableKey(variables: Record<string, unknown>, key: string): string {
  return Object.hasOwn(variables, key) ? `=${JSON.stringify(variables[key]) ?? 'undefined'}` : '-';
}

/** Whether `value` (the planned queries; not their mappings, which hold schema objects) holds a recording proxy. */
function holdsProxy(value: unknown, proxies: WeakSet<object>, seen = new Set<object>()): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (proxies.has(value)) return true;
  if (seen.has(value)) return false;
  seen.add(value);
  for (const key of Reflect.ownKeys(value)) {
    if (holdsProxy((value as Record<PropertyKey, unknown>)[key], proxies, seen)) return true;
  }
  return false;
}

function responsePath(path: GraphQLResolveInfo['path'] | undefined): string {
  const keys: string[] = [];
  for (let p = path; p; p = p.prev) if (typeof p.key === 'string') keys.push(p.key);
  return keys.reverse().join('.');
}

/** The key of a place in a document, or null when the caller's options do not serialize (then nothing is cached). */
function keyOf(options: FromInfoOptions): string | null {
  const { info } = options;
  try {
    return JSON.stringify([
      info.fieldNodes.length,
      responsePath(info.path),
      info.parentType?.name,
      String(info.returnType),
      options.typeName ?? null,
      options.path ?? null,
      options.paths ?? null,
      options.skipDeferredFragments ?? null,
      options.initial ?? null,
    ]);
  } catch {
    return null;
  }
}

/** A settled plan as the given request's: its context and info replace the recording ones. */
function forRequest(plan: object, context: object, info: GraphQLResolveInfo): object {
  const own = Object.create(plan) as { context: object; info: GraphQLResolveInfo };
  own.context = context;
  own.info = info;
  return own;
}

/** Install the cache on Pothos's planner (once per process; the schema module calls it). */
export function installPlanCache(): void {
  if (installed || !boolFrom('EARSHOT_PLAN_CACHE', process.env.EARSHOT_PLAN_CACHE, true)) return;
  installed = true;
  const planner = Plan as unknown as { fromInfo: (adapter: unknown, options: FromInfoOptions) => unknown };
  const fromInfo = planner.fromInfo.bind(Plan);
  planner.fromInfo = (adapter, options) => {
    const { context, info } = options;
    const first = info?.fieldNodes?.[0];
    const key = first && context && typeof context === 'object' ? keyOf(options) : null;
    if (!key || !first) return fromInfo(adapter, options);
    let byKey = cache.get(first);
    const entries = byKey?.get(key);
    if (entries) {
      const variables = (info.variableValues ?? {}) as Record<string, unknown>;
      for (const entry of entries) {
        if (
          entry.nodes.length === info.fieldNodes.length &&
          entry.nodes.every((node, i) => info.fieldNodes[i] === node) &&
          entry.variables.every(([name, value]) => variableKey(variables, name) === value) && sameReads(context, entry.contextReads)) {
          planCacheStats.hits++;
          return forRequest(entry.plan, context, info);
        }
      }
    }
    planCacheStats.misses++;
    const state = { ok: true };
    const contextReads: Read[] = [];
    const proxies = new WeakSet<object>();
    const noted = new Map<string, string>();
    const recordingInfo = { ...info, variableValues: variableRecorder((info.variableValues ?? {}) as Record<string, unknown>, noted, state) };
    const recordingContext = recorder(context, contextReads, proxies, state);
    const plan = fromInfo(adapter, { ...options, context: recordingContext, info: recordingInfo as GraphQLResolveInfo });
    if (!plan || isThenable(plan) || !state.ok || holdsProxy(((plan as { merges?: { query?: unknown }[] }).merges ?? []).map((merge) => merge.query), proxies)) {
      planCacheStats.uncachable++;
      if (plan && !isThenable(plan)) return forRequest(plan as object, context, info);
      return isThenable(plan) ? plan.then((settled) => forRequest(settled as object, context, info)) : plan;
    }
    if (plansKept >= MAX_PLANS) {
      cache = new WeakMap();
      plansKept = 0;
      byKey = undefined;
    }
    if (!byKey) {
      byKey = new Map();
      cache.set(first, byKey);
    }
    let list = byKey.get(key);
    if (!list) {
      list = [];
      byKey.set(key, list);
    }
    const base = plan as { context: unknown; info: unknown };
    base.context = null;
    base.info = null;
    // Full (more viewers whose plans differ than it keeps): the oldest goes.
    if (list.length >= MAX_ENTRIES_PER_KEY) list.shift();
    else plansKept++;
    list.push({ nodes: [...info.fieldNodes], contextReads, variables: [...noted], plan: plan as object });
    return forRequest(plan as object, context, info);
  };
}
