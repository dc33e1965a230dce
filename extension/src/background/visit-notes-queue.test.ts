// @vitest-environment node
// Visit notes through the capture queue (issue 9): same key, retry and ownership rules as signals.
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { VisitNotesDraft } from '../lib/messages.js';
import { captureDelivery } from './capture-delivery.js';
import { CaptureQueue } from './capture-queue.js';
import { GraphqlGateway } from './graphql.js';
import { idbPut, lazyDb, STORES } from './idb.js';
import { FakeServer } from './testing/fake-server.js';

const SERVER = 'http://127.0.0.1:4000';
const TOKEN = 'token-abc';

const notes: VisitNotesDraft = {
  kind: 'visitNotes',
  visitId: 'visit-1',
  accountId: 'acct-1',
  accountName: 'Acme Tools',
  notes: 'New warehouse opens in March; they want to review terms after it.',
  takenAt: '2026-11-22T09:45:00.000Z',
};

let factory: IDBFactory;
let server: FakeServer;
let owner: { serverUrl: string | null; userId: string | null };
let keys: number;

function makeQueue(): CaptureQueue {
  const gateway = new GraphqlGateway({ fetch: server.fetch });
  return new CaptureQueue({
    db: lazyDb(factory, 'visit-notes-test'),
    owner: async () => owner,
    random: () => 0.5,
    newKey: () => `key-${++keys}`,
    deliver: captureDelivery((name, variables) => gateway.run(SERVER, owner.userId ? TOKEN : null, name, variables)),
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

describe('visit notes in the capture queue', () => {
  it('delivers at once through addVisitNotes with the key and the time they were taken, and hands back the flags', async () => {
    const queue = makeQueue();
    const { delivered, queued, flags } = await queue.submit({ ...notes, notes: 'We guarantee the higher limit next month.' });
    expect(delivered).toBe(true);
    expect(queued).toMatchObject({ kind: 'visitNotes', visitId: 'visit-1', idempotencyKey: 'key-1' });
    expect(server.callsOf('PanelAddVisitNotes')[0]?.variables).toEqual({
      input: { visitId: 'visit-1', notes: 'We guarantee the higher limit next month.', idempotencyKey: 'key-1', takenAt: '2026-11-22T09:45:00.000Z' },
    });
    expect(flags).toEqual([{ kind: 'COMMITMENT', excerpt: 'We guarantee', reason: expect.any(String) }]);
    expect(server.callsOf('CreateSignal')).toHaveLength(0);
    expect(await queue.list()).toEqual([]);
    queue.stop();
  });

  it('offline: queued with its error, then delivered exactly once when the server is back', async () => {
    const queue = makeQueue();
    server.mode = 'offline';
    const { delivered, flags } = await queue.submit(notes);
    expect(delivered).toBe(false);
    expect(flags).toEqual([]);
    expect(await queue.list()).toMatchObject([{ kind: 'visitNotes', attempts: 1, lastError: 'The server cannot be reached.' }]);

    server.mode = 'online';
    await vi.advanceTimersByTimeAsync(5_000);
    await queue.whenIdle();
    expect([...server.visitNotes.keys()]).toEqual(['key-1']);
    expect(await queue.list()).toEqual([]);
    await vi.advanceTimersByTimeAsync(60 * 60 * 1000);
    expect(server.callsOf('PanelAddVisitNotes')).toHaveLength(1); // the offline attempt never reached it
    queue.stop();
  });

  it('a lost answer is retried with the same key: the server keeps one note', async () => {
    const queue = makeQueue();
    server.loseNextAnswer = true;
    expect((await queue.submit(notes)).delivered).toBe(false);
    await vi.advanceTimersByTimeAsync(5_000);
    await queue.whenIdle();
    const keysSent = server.callsOf('PanelAddVisitNotes').map((c) => (c.variables.input as { idempotencyKey: string }).idempotencyKey);
    expect(keysSent).toEqual(['key-1', 'key-1']);
    expect(server.visitNotes.size).toBe(1);
    expect(await queue.list()).toEqual([]);
    queue.stop();
  });

  it('refused (a cancelled visit): marked failed, kept for the user to read, never retried', async () => {
    const queue = makeQueue();
    server.errors.PanelAddVisitNotes = { message: 'This visit is cancelled; nothing can be added to it.', code: 'BAD_USER_INPUT' };
    const { delivered, queued } = await queue.submit(notes);
    expect(delivered).toBe(false);
    expect(queued).toMatchObject({ kind: 'visitNotes', lastError: 'This visit is cancelled; nothing can be added to it.' });
    expect(queued.failedAt).toBeTypeOf('string');
    await vi.advanceTimersByTimeAsync(24 * 60 * 60 * 1000);
    await queue.kick();
    expect(server.callsOf('PanelAddVisitNotes')).toHaveLength(1);
    expect(await queue.list()).toHaveLength(1);
    await queue.discard(queued.idempotencyKey);
    expect(await queue.list()).toEqual([]);
    queue.stop();
  });

  it('waits for the user who wrote them: never sent under another user', async () => {
    server.mode = 'offline';
    const queue = makeQueue();
    await queue.submit(notes);
    server.mode = 'online';
    owner = { serverUrl: SERVER, userId: 'user-2' };
    await queue.retryNow();
    expect(server.visitNotes.size).toBe(0);
    owner = { serverUrl: null, userId: null };
    await queue.retryNow();
    expect(server.visitNotes.size).toBe(0);
    owner = { serverUrl: SERVER, userId: 'user-1' };
    await queue.retryNow();
    expect(server.visitNotes.size).toBe(1);
    queue.stop();
  });

  it('a signal stored before visits existed (no kind) and visit notes survive a restart and each go out their own way', async () => {
    const db = lazyDb(factory, 'visit-notes-test');
    await idbPut(await db(), STORES.captures, {
      accountId: 'acct-1',
      accountName: 'Acme Tools',
      type: 'QUIET',
      severity: 1,
      note: 'Showroom empty',
      observedAt: '2026-11-21T10:00:00.000Z',
      idempotencyKey: 'old-signal',
      queuedAt: '2026-11-21T10:00:00.000Z',
      attempts: 3,
      nextAttemptAt: 0,
      serverUrl: SERVER,
      userId: 'user-1',
    });
    server.mode = 'offline';
    const before = makeQueue();
    await before.submit(notes);
    before.stop();

    server.mode = 'online';
    const after = makeQueue();
    expect((await after.list()).map((p) => p.kind ?? 'signal')).toEqual(['signal', 'visitNotes']);
    await after.start();
    expect([...server.signals.keys()]).toEqual(['old-signal']);
    expect([...server.visitNotes.keys()]).toEqual(['key-1']);
    expect(await after.list()).toEqual([]);
    after.stop();
  });
});
