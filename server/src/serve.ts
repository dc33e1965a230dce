/** `pnpm earshot serve`: migrate, seed demo data on a new embedded database, listen, shut down cleanly. */
import fs from 'node:fs';
import path from 'node:path';
import { createApp, listen } from './app.js';
import { type AdminSocket, MAX_SOCKET_PATH, startAdminSocket } from './cli/admin-socket.js';
import { type Config, REPO_ROOT } from './config.js';
import { openDatabase, redactUrl } from './db/client.js';
import { SOCKET_FILE } from './db/lock.js';
import { applyMigrations } from './db/migrations.js';
import { createDelivery } from './events/delivery.js';
import { redactRedisUrl } from './events/redis.js';
import { seedIfNew } from './seed-command.js';
import { storedFreeMailWarning } from './services/accounts.js';
import { createObservability } from './observability/index.js';
import { logOf } from './observability/logger.js';
import { createServices } from './services/index.js';
import { webhookUrlPolicy } from './webhooks/url-policy.js';

/**
 * Logs: JSON lines on stdout (README "Observability"). Outside production the start banner below is also printed
 * for the person who ran the command; in production only the structured lines are written.
 */
export async function runServe(config: Config): Promise<void> {
  const observability = createObservability({ level: config.logLevel, format: config.logFormat });
  const { logger } = observability;
  const say = config.production ? () => {} : (line: string) => console.log(line);
  // Embedded database: the CLI reaches this server through a socket in the data directory (cli/admin-socket.ts).
  const socketPath = config.databaseUrl ? null : path.join(config.dataDir, SOCKET_FILE);
  const socketFits = !!socketPath && Buffer.byteLength(socketPath) <= MAX_SOCKET_PATH;
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, preparedStatements: config.preparedStatements, command: 'serve', socket: socketFits ? socketPath : null, onPoolError: (err) => logger.warn({ err }, 'database: idle connection lost; it will be replaced') });
  // PostgreSQL: under the migration lock, so instances starting together apply each migration once (db/migrations.ts).
  const applied = await applyMigrations({ databaseUrl: config.databaseUrl, pglite: db.pglite }, undefined, { onWait: (m) => logger.info(m) });
  if (applied.length) logger.info({ migrations: applied }, `applied migrations: ${applied.join(', ')}`);
  // Jobs (pg-boss on this database), live events (Redis when REDIS_URL is set) and webhooks.
  const delivery = createDelivery(db, { databaseUrl: config.databaseUrl, redisUrl: config.redisUrl, webhookPolicy: webhookUrlPolicy(), observability });
  // Embedded: shorter recompute transactions on the one connection the web requests share.
  const services = createServices(db.prisma, { events: delivery.events, jobs: delivery.jobs, mail: config.smtp, log: logOf(logger), ...(db.kind === 'pglite' ? { recomputeChunk: 50 } : {}) });
  let server: Awaited<ReturnType<typeof listen>>;
  let admin: AdminSocket | null = null;
  try {
    await delivery.start(services);
    await seedIfNew(db, config, services);
    const freeMail = await storedFreeMailWarning(db.prisma);
    if (freeMail) logger.warn(freeMail);
    server = await listen(createApp(db, config, services, { observability }), config.host, config.port);
    if (socketPath && socketFits) admin = await startAdminSocket(socketPath, db, services, config);
  } catch (err) {
    // Workers and schedules hold timers: without this a failed start (port in use…) would hang the process.
    await delivery.stop().catch(() => {});
    await db.close();
    throw err;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  db.lock?.update({ address: url });
  const extensionDir = path.join(REPO_ROOT, 'extension', '.output', 'chrome-mv3');
  logger.info(
    { url, database: db.kind, live: config.redisUrl ? 'redis' : 'memory', mail: !!config.smtp, metrics: config.metricsEnabled ? (config.metricsToken ? 'token' : 'open') : 'off' },
    'listening',
  );
  say(`Earshot is running on ${db.describe}`);
  say(`  GraphQL   ${url}/graphql${config.production ? '' : '  (GraphiQL in the browser)'}`);
  say(`  Health    ${url}/healthz   (ready: ${url}/readyz${config.metricsEnabled ? `, metrics: ${url}/metrics` : ''})`);
  say(`  Live      ${config.redisUrl ? `across instances through Redis ${redactRedisUrl(config.redisUrl)}` : 'in this process (set REDIS_URL for several instances)'}`);
  say(`  Jobs      pg-boss on ${config.databaseUrl ? redactUrl(config.databaseUrl) : 'the embedded database'}`);
  say(`  Mail      ${config.smtp ? `visit reports through ${config.smtp.display} as ${config.smtp.from}` : 'not configured (set SMTP_URL): visit reports are stored, not e-mailed'}`);
  say(
    `  Sign-in   ${config.oidc ? `single sign-on through ${config.oidc.issuer} (client ${config.oidc.clientId})` : 'single sign-on not configured (EARSHOT_OIDC_ISSUER)'}; password ${config.passwordSignIn ? 'on' : 'off'}`,
  );
  if (admin) say(`  CLI       pnpm earshot … goes through this server (admin socket ${admin.path}, owner only)`);
  else if (socketPath) say(`  CLI       unavailable while this server runs: the data directory's path is too long for a socket (${socketPath})`);
  if (fs.existsSync(extensionDir)) {
    say(`  Extension ${path.relative(REPO_ROOT, extensionDir)} (in ${REPO_ROOT})`);
    say('            Chrome/Chromium/Edge: open chrome://extensions, turn on Developer mode, "Load unpacked", pick that folder;');
    say(`            then in the extension's options set the server to ${url} and sign in.`);
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    server.close();
    await admin?.close();
    // Also ends open subscription streams (SSE); clients reconnect to another instance.
    server.closeAllConnections();
    try {
      // Lets running jobs finish (up to 10 s), stops the workers and the schedule, closes Redis.
      await delivery.stop();
    } catch (err) {
      logger.error({ err }, 'stopping jobs failed');
    }
    await db.close();
    logger.flush();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}
