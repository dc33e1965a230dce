/** /healthz answers while the process runs; /readyz names the dependency that is down: database, Redis, job queue. */
import http from 'node:http';
import net from 'node:net';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp, listen } from '../app.js';
import { loadConfig } from '../config.js';
import { createDelivery } from '../events/delivery.js';
import { createServices } from '../services/index.js';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../test-support/databases.js';
import { collectingLog, startDeliveryTestServer, TEST_REDIS_URL, waitFor } from '../test-support/delivery.js';
import type { Readiness } from './readiness.js';

const config = { ...loadConfig({}), production: true };
const probe = async (app: ReturnType<typeof createApp>, path: '/readyz' | '/healthz') => {
  const res = await app.yoga.fetch(`http://earshot.test${path}`);
  return { status: res.status, body: (await res.json()) as Readiness & { ok: boolean } };
};

/** A GET over a real socket, read to its end: the header's Content-Length and the bytes that came. */
function rawGet(port: number, path: string): Promise<{ status: number; contentLength: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, headers: { connection: 'close' } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentLength: Number(res.headers['content-length']), bytes }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

/** A port on 127.0.0.1 where nothing listens (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A TCP relay to `target` that can be cut: Redis "goes away" for an instance already connected to it. */
async function relay(target: URL) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 6379), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => {});
      s.on('close', () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `redis://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    cut: async () => {
      await new Promise((resolve) => {
        server.close(resolve);
        for (const s of sockets) s.destroy();
      });
    },
  };
}

describe.each(DB_KINDS)('health and readiness on %s', { timeout: 120_000 }, (kind) => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const fn of cleanup.reverse()) await fn().catch(() => {});
  });

  it('is ready with the database and a started job queue, Redis not configured', async () => {
    const s = await startDeliveryTestServer(kind);
    cleanup.push(() => s.close());
    expect(await probe(s.app, '/readyz')).toEqual({ status: 200, body: { ok: true, checks: { database: 'ok', redis: 'not configured', jobs: 'ok' }, failing: [] } });
    expect(await probe(s.app, '/healthz')).toMatchObject({ status: 200, body: { ok: true } });
    // Over a real socket, one after the other: each answer's Content-Length is its own (a shared headers object
    // once carried the first answer's length into the next ones; probes hung and scrapes were cut off).
    const server = await listen(s.app, '127.0.0.1', 0);
    cleanup.push(() => new Promise((resolve) => server.close(resolve)));
    const { port } = server.address() as net.AddressInfo;
    for (const path of ['/readyz', '/healthz', '/readyz', '/healthz']) {
      const answer = await rawGet(port, path);
      expect(answer, path).toMatchObject({ status: 200, contentLength: answer.bytes });
    }
  });

  it('answers 503 naming redis when Redis is configured but nothing listens on its port', async () => {
    const db = await createTestDatabase(kind);
    cleanup.push(() => db.drop());
    const delivery = createDelivery(db, { databaseUrl: db.url, redisUrl: `redis://127.0.0.1:${await closedPort()}`, webhookPolicy: { blockPrivateTargets: true }, log: collectingLog() });
    const services = createServices(db.prisma, { events: delivery.events, jobs: delivery.jobs });
    await expect(delivery.start(services)).rejects.toThrow(/Cannot connect to Redis/);
    cleanup.push(() => delivery.stop());
    const { status, body } = await probe(createApp(db, config, services), '/readyz');
    expect(status).toBe(503);
    expect(body.checks).toMatchObject({ database: 'ok', redis: 'failing' });
    expect(body.failing).toContain('redis');
  });

  it.skipIf(!TEST_REDIS_URL)('answers 503 naming only redis when a connected Redis goes away', async () => {
    const link = await relay(new URL(TEST_REDIS_URL!));
    const s = await startDeliveryTestServer(kind, { redisUrl: link.url });
    cleanup.push(() => s.close(), () => link.cut());
    expect(await probe(s.app, '/readyz')).toMatchObject({ status: 200, body: { checks: { database: 'ok', redis: 'ok', jobs: 'ok' } } });
    await link.cut();
    const down = await waitFor('readyz failing', async () => {
      const p = await probe(s.app, '/readyz');
      return p.status === 503 ? p : null;
    });
    expect(down.body).toEqual({ ok: false, checks: { database: 'ok', redis: 'failing', jobs: 'ok' }, failing: ['redis'] });
    expect(await probe(s.app, '/healthz')).toMatchObject({ status: 200 });
  });

  it('answers 503 naming the database once it is closed, while /healthz stays 200', async () => {
    const db: TestDatabase = await createTestDatabase(kind);
    const app = createApp(db, config, createServices(db.prisma));
    expect((await probe(app, '/readyz')).status).toBe(200);
    await db.close();
    cleanup.push(async () => {
      // close() has ended the pool already: drop the PostgreSQL test database by itself.
      if (!db.url) return;
      const name = new URL(db.url).pathname.slice(1);
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    });
    expect(await probe(app, '/readyz')).toEqual({ status: 503, body: { ok: false, checks: { database: 'failing', redis: 'not configured', jobs: 'not configured' }, failing: ['database'] } });
    expect(await probe(app, '/healthz')).toMatchObject({ status: 200, body: { ok: true } });
  });
});
