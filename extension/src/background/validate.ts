/**
 * Shape checks for every request in `Protocol`. A message that does not fit exactly (unknown type, unknown field,
 * wrong type, oversized list) is refused before any handler sees it. Hand-written (no schema library) to keep
 * the service worker small; each check returns the value it accepted, so handlers get clean data.
 */
import { CRM_SYSTEMS, NOTE_VISIBILITIES, PAGE_OPERATION_NAMES, SEVERITIES, SIGNAL_TYPES } from '@earshot/shared';
import type { MessageType, Protocol } from '../lib/messages.js';

export class InvalidRequest extends Error {
  override name = 'InvalidRequest';
}

type Check<T> = (value: unknown, path: string) => T;

const fail = (path: string, what: string): never => {
  throw new InvalidRequest(`${path}: ${what}`);
};

const str =
  (max: number, min = 0): Check<string> =>
  (v, path) => {
    if (typeof v !== 'string') return fail(path, 'expected a string');
    if (v.length < min) return fail(path, min === 1 ? 'must not be empty' : `shorter than ${min}`);
    if (v.length > max) return fail(path, `longer than ${max} characters`);
    return v;
  };

const bool: Check<boolean> = (v, path) => (typeof v === 'boolean' ? v : fail(path, 'expected true or false'));

const int =
  (min: number, max: number): Check<number> =>
  (v, path) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : fail(path, `expected an integer ${min}–${max}`);

const oneOf =
  <T extends string | number>(values: readonly T[]): Check<T> =>
  (v, path) =>
    values.includes(v as T) ? (v as T) : fail(path, `expected one of ${values.join(', ')}`);

const arr =
  <T>(item: Check<T>, max: number): Check<T[]> =>
  (v, path) => {
    if (!Array.isArray(v)) return fail(path, 'expected a list');
    if (v.length > max) return fail(path, `more than ${max} items`);
    return v.map((x, i) => item(x, `${path}[${i}]`));
  };

/** Optional: absent or undefined (Firefox structured-clones undefined fields; Chrome's JSON drops them). */
const opt =
  <T>(check: Check<T>): Check<T | undefined> =>
  (v, path) =>
    v === undefined ? undefined : check(v, path);

const nullable =
  <T>(check: Check<T>): Check<T | null> =>
  (v, path) =>
    v === null ? null : check(v, path);

type Shape = Record<string, Check<unknown>>;
type FromShape<S extends Shape> = { [K in keyof S]: ReturnType<S[K]> };

const obj =
  <S extends Shape>(shape: S): Check<FromShape<S>> =>
  (v, path) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(path, 'expected an object');
    const input = v as Record<string, unknown>;
    for (const key of Object.keys(input)) if (!(key in shape)) fail(`${path}.${key}`, 'unknown field');
    const out: Record<string, unknown> = {};
    for (const [key, check] of Object.entries(shape)) {
      const value = check(input[key], `${path}.${key}`);
      if (value !== undefined) out[key] = value;
    }
    return out as FromShape<S>;
  };

const httpUrl =
  (max: number): Check<string> =>
  (v, path) => {
    const s = str(max, 1)(v, path);
    let url: URL;
    try {
      url = new URL(s);
    } catch {
      return fail(path, 'not a URL');
    }
    return url.protocol === 'http:' || url.protocol === 'https:' ? s : fail(path, 'only http(s) URLs');
  };

/** Any date-time `Date` reads, passed on as full ISO 8601 UTC (what the server's DateTime scalar takes). */
const isoTime: Check<string> = (v, path) => {
  const s = str(40, 1)(v, path);
  const ms = Date.parse(s);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : fail(path, 'not a date-time');
};

const record =
  <T>(value: Check<T>, maxKeys: number): Check<Record<string, T>> =>
  (v, path) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(path, 'expected an object');
    const entries = Object.entries(v);
    if (entries.length > maxKeys) return fail(path, `more than ${maxKeys} keys`);
    return Object.fromEntries(entries.map(([k, x]) => [str(300, 1)(k, `${path} key`), value(x, `${path}.${k}`)]));
  };

/** GraphQL variables: plain JSON (no functions, no cycles), at most 8 levels deep and 64 KB serialised. */
const MAX_VARIABLES_BYTES = 64 * 1024;
const jsonValue = (v: unknown, path: string, depth: number): unknown => {
  if (depth > 8) return fail(path, 'nested too deeply');
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : fail(path, 'not a finite number');
  if (Array.isArray(v)) return v.map((x, i) => jsonValue(x, `${path}[${i}]`, depth + 1));
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).map(([k, x]) => [k, jsonValue(x, `${path}.${k}`, depth + 1)]));
  }
  return fail(path, 'not JSON');
};
const variables: Check<Record<string, unknown>> = (v, path) => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(path, 'expected an object');
  const clean = jsonValue(v, path, 0) as Record<string, unknown>;
  return JSON.stringify(clean).length > MAX_VARIABLES_BYTES ? fail(path, `larger than ${MAX_VARIABLES_BYTES} bytes`) : clean;
};

const empty = obj({});
const tabId = opt(int(0, Number.MAX_SAFE_INTEGER));

const crmRecord = obj({ system: oneOf(CRM_SYSTEMS), objectType: str(80, 1), recordId: str(200, 1) });

export const pageContext = obj({
  site: str(60, 1),
  pageType: str(60, 1),
  emails: arr(str(320, 3), 100),
  domains: arr(str(253, 1), 100),
  crmRecord: opt(crmRecord),
  linkedRecords: opt(arr(crmRecord, 10)),
  linkedRecordsFromUrl: opt(bool),
  recordName: opt(str(300)),
  url: httpUrl(4096),
});

const healthReport = obj({
  site: str(60, 1),
  pageType: str(60, 1),
  missing: arr(str(120, 1), 50),
  structure: str(20_000),
  url: httpUrl(4096),
  seenAt: isoTime,
});

const captureDraft = obj({
  accountId: str(200, 1),
  accountName: str(300),
  type: oneOf(SIGNAL_TYPES),
  severity: oneOf(SEVERITIES),
  note: str(5000),
  observedAt: isoTime,
  sourceUrl: opt(httpUrl(4096)),
});

/** Visit notes: `notes` within the server's note limit (LIMITS.note in server/src/services/validation.ts). */
const visitNotesDraft = obj({
  visitId: str(200, 1),
  accountId: str(200, 1),
  accountName: str(300),
  notes: str(5000, 1),
  takenAt: isoTime,
});

const origin = str(300, 1);

/** A bare host name ("acme.example"): letters, digits, hyphens and dots, at least one dot, no scheme or path. */
const hostName: Check<string> = (v, path) => {
  const s = str(253, 1)(v, path);
  return /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/i.test(s) ? s : fail(path, 'expected a domain like acme.example');
};

const nonEmpty =
  <T>(check: Check<T[]>): Check<T[]> =>
  (v, path) => {
    const list = check(v, path);
    return list.length ? list : fail(path, 'must not be empty');
  };

const REQUESTS: { [K in MessageType]: Check<Protocol[K]['req']> } = {
  'context/report': obj({ context: nullable(pageContext), health: opt(healthReport), pageId: opt(str(100, 1)) }),
  'panel/remember': obj({ site: str(300, 1), open: bool }),
  'toggle/click': empty,
  'panel/close': empty,
  'tab/state': obj({ tabId }),
  'tab/refresh': obj({ tabId }),
  'popup/state': empty,
  'account/search': obj({ search: str(200, 1) }),
  'account/get': obj({ id: str(200, 1) }),
  'account/detail': obj({ id: str(200, 1) }),
  'account/create': obj({
    name: str(300, 1),
    domains: arr(str(253, 1), 50),
    crmRecord: opt(crmRecord),
  }),
  'account/addDomains': obj({ accountId: str(200, 1), domains: nonEmpty(arr(hostName, 20)) }),
  'capture/submit': captureDraft,
  'visitNotes/submit': visitNotesDraft,
  'capture/pending': empty,
  'capture/retry': empty,
  'capture/discard': obj({ idempotencyKey: str(100, 1) }),
  'note/add': obj({ accountId: str(200, 1), body: str(10_000, 1), visibility: oneOf(NOTE_VISIBILITIES) }),
  'auth/status': empty,
  'auth/signIn': obj({ serverUrl: str(2048, 1), email: str(320, 1), password: str(1024, 1) }),
  'auth/methods': obj({ serverUrl: str(2048, 1) }),
  'auth/signInOidc': obj({ serverUrl: str(2048, 1) }),
  'auth/signOut': empty,
  'settings/get': empty,
  'settings/set': obj({
    serverUrl: opt(str(2048, 1)),
    customSites: opt(arr(origin, 200)),
    disabledSites: opt(arr(str(60, 1), 50)),
    panelOpen: opt(record(bool, 500)),
    panelSide: opt(oneOf(['left', 'right'] as const)),
  }),
  'sites/enable': obj({ origin }),
  'sites/disable': obj({ origin }),
  'health/list': empty,
  'ownDomains/refresh': empty,
  'op/run': obj({ operation: oneOf(PAGE_OPERATION_NAMES), variables, accountId: opt(str(200, 1)) }),
};

export function isMessageType(type: unknown): type is MessageType {
  return typeof type === 'string' && Object.hasOwn(REQUESTS, type);
}

/** A message's `req`, checked against its type's shape (the message itself must be exactly `{ type, req }`). */
export function validateRequest<K extends MessageType>(type: K, message: Record<string, unknown>): Protocol[K]['req'] {
  const extra = Object.keys(message).filter((k) => k !== 'type' && k !== 'req');
  if (extra.length) throw new InvalidRequest(`${type}: unknown field ${extra[0]} (the request goes in "req")`);
  return REQUESTS[type](message.req ?? {}, type) as Protocol[K]['req'];
}
