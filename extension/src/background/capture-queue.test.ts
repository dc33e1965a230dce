// @vitest-environment node
// (fake-indexeddb schedules with setImmediate; only setTimeout/clearTimeout/Date are faked below)
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CaptureDraft } from '../lib/messages.js';
import { CaptureQueue, type DeliveryResult, type QueuedCapture } from './capture-queue.js';
import { GraphqlGateway } from './graphql.js';
import { lazyDb } from './idb.js';
import { FakeServer } from './testing/fake-server.js';

const SERVER = 'http://127.0.0.1:4000';

const draft: CaptureDraft = {
  accountId: 'acct-1',
  accountName: 'Acme Tools',
  type: 'STAFF_CUTS',
  severity: 2,
  note: 'Two of the four warehouse staff were let go last month.',
  observedAt: '2026-11-20T09:30:00.000Z',
  sourceUrl: 'https://mail.google.com/mail/u/0/',
};

let factory: IDBFactory;
let server: FakeServer;
let owner: { serverUrl: string | null; userId: string | null };
let keys: number;
/** The token the queue's deliver sends (the server's valid one, unless a test rotates it). */
const TOKEN = 'token-abc';

function makeQueue(): CaptureQueue {
  const gateway = new GraphqlGateway({ fetch: server.fetch });
  return new CaptureQueue({
    db: lazyDb(factory, 'queue-test'),
    owner: async () => owner,
    random: () => 0.5, // no jitter: delays are exactly 5 s, 10 s, 20 s…
    newKey: () => `key-${++keys}`,
    deliver: async (capture: QueuedCapture): Promise<DeliveryResult> => {
      const { nextAttemptAt: _n, serverUrl: _s, userId: _u, accountName: _a, queuedAt: _q, attempts: _t, lastError: _l, failedAt: _f, ...input } =
        capture;
      const outcome = await gateway.run(SERVER, owner.userId ? TOKEN : null, 'CreateSignal', { input });
      return outcome.ok ? { ok: true } : { ok: false, kind: outcome.kind, message: outcome.message };
    },
  });
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: new Date('2026-11-22T10:00:00.000Z') });
  factory = new IDBFactory();
  server = new FakeServer();
  owner = { serverUrl: SERVER, userId: 'user-1' };
  keys = 0;
});

afterEach(() => {
  vi.useRealTimers();
  expect(server.invalid).toEqual([]);
});

describe('CaptureQueue', () => {
  it('delivers at once when the server answers, and sends the idempotency key', async () => {
    const queue = makeQueue();
    const { queued, delivered } = await queue.submit(draft);
    expect(delivered).toBe(true);
    expect(queued.idempotencyKey).toBe('key-1');
    expect(await queue.list()).toEqual([]);
    expect(server.signals.size).toBe(1);
    expect(server.callsOf('CreateSignal')[0]?.variables.input).toMatchObject({ accountId: 'acct-1', idempotencyKey: 'key-1', severity: 2 });
    queue.stop();
  });

  it('offline then online → stays queued with attempts and error, then is delivered exactly once', async () => {
    const queue = makeQueue();
    server.mode = 'offline';
    const { delivered } = await queue.submit(draft);
    expect(delivered).toBe(false);
    const [pending] = await queue.list();
    expect(pending).toMatchObject({ idempotencyKey: 'key-1', attempts: 1, lastError: 'The server cannot be reached.' });
    expect(pending?.failedAt).toBeUndefined();

    // Still offline at the first retry (5 s): attempts grow, nothing is created.
    await vi.advanceTimersByTimeAsync(5_000);
    await queue.whenIdle();
    expect((await queue.list())[0]?.attempts).toBe(2);

    server.mode = 'online';
    await vi.advanceTimersByTimeAsync(9_999);
    await queue.whenIdle();
    expect(server.signals.size).toBe(0); // backoff doubled to 10 s: not yet
    await vi.advanceTimersByTimeAsync(1);
    await queue.whenIdle();
    expect(server.signals.size).toBe(1);
    expect(server.callsOf('CreateSignal')).toHaveLength(1);
    expect(await queue.list()).toEqual([]);

    // Nothing left: no further attempts, ever.
    await vi.advanceTimersByTimeAsync(60 * 60 * 1000);
    expect(server.callsOf('CreateSignal')).toHaveLength(1);
    queue.stop();
  });

  it('survives a restart: a new queue over the same database still has it, and delivers it on start', async () => {
    const before = makeQueue();
    server.mode = 'offline';
    await before.submit(draft);
    await before.submit({ ...draft, type: 'HIRING', severity: 1 });
    before.stop(); // the worker (or the browser) goes away

    server.mode = 'online';
    const after = makeQueue();
    const pending = await after.list();
    expect(pending.map((p) => p.idempotencyKey)).toEqual(['key-1', 'key-2']);
    await after.start();
    expect(await after.list()).toEqual([]);
    expect([...server.signals.keys()].sort()).toEqual(['key-1', 'key-2']);
    after.stop();
  });

  it('a lost answer makes a second attempt with the same key, and the server keeps one signal', async () => {
    const queue = makeQueue();
    server.loseNextAnswer = true; // the server creates the signal, the answer never arrives
    const { delivered } = await queue.submit(draft);
    expect(delivered).toBe(false);
    expect(server.signals.size).toBe(1);

    await vi.advanceTimersByTimeAsync(5_000);
    await queue.whenIdle();
    const calls = server.callsOf('CreateSignal');
    expect(calls).toHaveLength(2);
    expect(calls.map((c) => (c.variables.input as { idempotencyKey: string }).idempotencyKey)).toEqual(['key-1', 'key-1']);
    expect(server.signals.size).toBe(1);
    expect(await queue.list()).toEqual([]);
    queue.stop();
  });

  it('two workers delivering the same stored capture at once still make one signal', async () => {
    server.mode = 'offline';
    const first = makeQueue();
    await first.submit(draft);
    first.stop();
    server.mode = 'online';
    const a = makeQueue();
    const b = makeQueue();
    await Promise.all([a.start(), b.start()]);
    expect(server.signals.size).toBe(1);
    expect(await a.list()).toEqual([]);
    a.stop();
    b.stop();
  });

  it('concurrent submits while a pass runs are all delivered, each once', async () => {
    const queue = makeQueue();
    const results = await Promise.all([queue.submit(draft), queue.submit({ ...draft, note: 'second' }), queue.submit({ ...draft, note: 'third' })]);
    await queue.whenIdle();
    expect(server.signals.size).toBe(3);
    expect(server.callsOf('CreateSignal')).toHaveLength(3);
    expect(results.filter((r) => r.delivered)).toHaveLength(3);
    queue.stop();
  });

  it('a validation error marks the capture failed, keeps it visible, and never retries it', async () => {
    const queue = makeQueue();
    server.errors.CreateSignal = { message: 'No account acct-1', code: 'BAD_USER_INPUT' };
    const { delivered, queued } = await queue.submit(draft);
    expect(delivered).toBe(false);
    expect(queued).toMatchObject({ attempts: 1, lastError: 'No account acct-1' });
    expect(queued.failedAt).toBeTypeOf('string');

    await vi.advanceTimersByTimeAsync(24 * 60 * 60 * 1000);
    await queue.kick();
    expect(server.callsOf('CreateSignal')).toHaveLength(1);
    expect(await queue.list()).toHaveLength(1);

    await queue.discard(queued.idempotencyKey);
    expect(await queue.list()).toEqual([]);
    queue.stop();
  });

  it('an HTTP 4xx is a refusal too; a 5xx is retried with growing delays', async () => {
    const refused = makeQueue();
    server.mode = 422;
    expect((await refused.submit(draft)).queued.failedAt).toBeTypeOf('string');
    refused.stop();

    server.mode = 503;
    const queue = makeQueue();
    const { queued } = await queue.submit({ ...draft, note: 'five hundred' });
    expect(queued.failedAt).toBeUndefined();
    expect(queued.lastError).toContain('503');
    const times: number[] = [];
    const start = Date.now();
    for (let i = 0; i < 3; i++) {
      const n = server.calls.length;
      while (server.calls.length === n) {
        await vi.advanceTimersByTimeAsync(1_000);
        await queue.whenIdle(); // the clock stands still while a pass runs
      }
      times.push(Date.now() - start);
    }
    expect(times).toEqual([5_000, 15_000, 35_000]);
    expect(queue.delay(20)).toBe(900_000); // capped at 15 min
    queue.stop();
  });

  it('waits while signed out, and goes out on the next sign-in of its owner', async () => {
    owner = { serverUrl: null, userId: null };
    const queue = makeQueue();
    const { delivered } = await queue.submit(draft);
    expect(delivered).toBe(false);
    expect(server.calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(60 * 60 * 1000);
    expect(server.calls).toHaveLength(0);

    owner = { serverUrl: SERVER, userId: 'user-1' };
    await queue.retryNow();
    expect(server.signals.size).toBe(1);
    queue.stop();
  });

  it('never sends a capture under another user than the one who made it', async () => {
    server.mode = 'offline';
    const queue = makeQueue();
    await queue.submit(draft); // queued by user-1
    server.mode = 'online';
    owner = { serverUrl: SERVER, userId: 'user-2' };
    await queue.retryNow();
    expect(server.signals.size).toBe(0);
    owner = { serverUrl: SERVER, userId: 'user-1' };
    await queue.retryNow();
    expect(server.signals.size).toBe(1);
    queue.stop();
  });

  it('a token refused mid-queue stops the pass and keeps the capture', async () => {
    const queue = makeQueue();
    server.validToken = 'rotated';
    const { delivered, queued } = await queue.submit(draft);
    expect(delivered).toBe(false);
    expect(queued.attempts).toBe(0);
    expect(queued.lastError).toBe('Not signed in');
    queue.stop();
  });
});
