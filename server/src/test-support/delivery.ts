/**
 * Test servers with the real delivery parts (pg-boss workers, live events, webhooks), tuned for tests: fast
 * polling, 1-second retry backoff. Webhook targets follow the production policy (public addresses only)
 * unless a test opts in with `allowPrivateWebhooks: true` (its receivers listen on 127.0.0.1).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type App, createApp, listen } from '../app.js';
import { type Config, loadConfig, type SmtpConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { createDelivery, type Delivery, type DeliveryOptions } from '../events/delivery.js';
import type { Log } from '../events/log.js';
import { queueSettings } from '../jobs/queues.js';
import { createServices, type Services } from '../services/index.js';
import type { TestDatabase } from './databases.js';
import type { DbKind } from './databases.js';
import { startTestServer, type TestServer } from './server.js';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL;

export interface DeliveryTestOptions {
  redisUrl?: string;
  channelPrefix?: string;
  /** Change the services the workers call (e.g. count or fail accountChanged). */
  wrapServices?: (services: Services) => Services;
  log?: Log;
  settings?: DeliveryOptions['settings'];
  /** Configuration over the defaults (e.g. rate limits). */
  config?: Partial<Config>;
  /** Deliver to private addresses (local test receivers), like EARSHOT_WEBHOOK_ALLOW_PRIVATE=true. Default false. */
  allowPrivateWebhooks?: boolean;
  /** The SMTP server visit reports go through (test-support/smtp.ts); default none. */
  mail?: SmtpConfig | null;
}

/** Errors the background parts report, kept for assertions instead of printed. */
export function collectingLog(): Log & { messages: string[] } {
  const messages: string[] = [];
  const log = ((message: string, err?: unknown) => {
    messages.push(err === undefined ? message : `${message}: ${(err as Error)?.message ?? String(err)}`);
  }) as Log & { messages: string[] };
  log.messages = messages;
  return log;
}

function testDeliveryOptions(db: TestDatabase | { url?: string }, o: DeliveryTestOptions): DeliveryOptions {
  return {
    databaseUrl: db.url,
    redisUrl: o.redisUrl,
    channelPrefix: o.channelPrefix ?? `earshot-test-${process.pid}-${Math.random().toString(36).slice(2)}:`,
    webhookPolicy: { blockPrivateTargets: !o.allowPrivateWebhooks },
    settings: o.settings ?? queueSettings({ webhookRetryDelay: 1, recomputeRetryDelay: 1, visitReportRetryDelay: 1 }),
    pollingIntervalSeconds: 0.5,
    webhookTimeoutMs: 2_000,
    stopTimeoutMs: 2_000,
    log: o.log ?? collectingLog(),
  };
}

export interface DeliveryTestServer extends TestServer {
  delivery: Delivery;
  /** The app behind `gql`, for streaming requests (`app.yoga.fetch`). */
  app: App;
}

/** startTestServer with jobs, live events and webhooks running. */
export async function startDeliveryTestServer(kind: DbKind, o: DeliveryTestOptions = {}): Promise<DeliveryTestServer> {
  let delivery: Delivery | undefined;
  const s = await startTestServer(kind, {
    services: (db) => {
      delivery = createDelivery(db, testDeliveryOptions(db, o));
      const base = createServices(db.prisma, { events: delivery.events, jobs: delivery.jobs, mail: o.mail ?? null });
      return o.wrapServices ? o.wrapServices(base) : base;
    },
  });
  const d = delivery!;
  try {
    await d.start(s.services);
  } catch (err) {
    await d.stop().catch(() => {});
    await s.close();
    throw err;
  }
  const app = createApp(s.db, { ...loadConfig({}), production: true, ...o.config }, s.services);
  return {
    ...s,
    delivery: d,
    app,
    async close() {
      await d.stop();
      await s.close();
    },
  };
}

export interface ListeningInstance {
  url: string;
  delivery: Delivery;
  services: Services;
  close(): Promise<void>;
}

/** One more server instance on an existing PostgreSQL test database, listening on a free port of 127.0.0.1. */
export async function startInstance(databaseUrl: string, o: DeliveryTestOptions = {}): Promise<ListeningInstance> {
  const db = await openDatabase({ databaseUrl });
  const delivery = createDelivery(db, testDeliveryOptions({ url: databaseUrl }, o));
  const base = createServices(db.prisma, { events: delivery.events, jobs: delivery.jobs, mail: o.mail ?? null });
  const services = o.wrapServices ? o.wrapServices(base) : base;
  let server: http.Server;
  try {
    await delivery.start(services);
    server = await listen(createApp(db, { ...loadConfig({}), production: true, ...o.config }, services), '127.0.0.1', 0);
  } catch (err) {
    await delivery.stop().catch(() => {});
    await db.close();
    throw err;
  }
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    delivery,
    services,
    async close() {
      server.close();
      server.closeAllConnections();
      await delivery.stop();
      await db.close();
    },
  };
}

export interface ReceivedRequest {
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
}

export interface WebhookReceiver {
  url: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

/** A local webhook receiver answering with the given statuses in turn (the last one repeats). */
export async function startWebhookReceiver(statuses: number[] = [200], delayMs = 0): Promise<WebhookReceiver> {
  const requests: ReceivedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
      const status = statuses[Math.min(requests.length - 1, statuses.length - 1)] ?? 200;
      setTimeout(() => res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'receiver failed'), delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/earshot`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Polls `check` until it returns a truthy value (bounded: fails after `timeoutMs`). */
export async function waitFor<T>(what: string, check: () => T | Promise<T>, timeoutMs = 10_000, everyMs = 25): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
