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
import { createServices } from './services/index.js';
import { webhookUrlPolicy } from './webhooks/url-policy.js';

export async function runServe(config: Config): Promise<void> {
  // Embedded database: the CLI reaches this server through a socket in the data directory (cli/admin-socket.ts).
  const socketPath = config.databaseUrl ? null : path.join(config.dataDir, SOCKET_FILE);
  const socketFits = !!socketPath && Buffer.byteLength(socketPath) <= MAX_SOCKET_PATH;
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, preparedStatements: config.preparedStatements, command: 'serve', socket: socketFits ? socketPath : null });
  const applied = await applyMigrations({ databaseUrl: config.databaseUrl, pglite: db.pglite });
  if (applied.length) console.log(`applied migrations: ${applied.join(', ')}`);
  // Jobs (pg-boss on this database), live events (Redis when REDIS_URL is set) and webhooks.
  const delivery = createDelivery(db, { databaseUrl: config.databaseUrl, redisUrl: config.redisUrl, webhookPolicy: webhookUrlPolicy() });
  // Embedded: shorter recompute transactions on the one connection the web requests share.
  const services = createServices(db.prisma, { events: delivery.events, jobs: delivery.jobs, mail: config.smtp, ...(db.kind === 'pglite' ? { recomputeChunk: 50 } : {}) });
  let server: Awaited<ReturnType<typeof listen>>;
  let admin: AdminSocket | null = null;
  try {
    await delivery.start(services);
    await seedIfNew(db, config, services);
    const freeMail = await storedFreeMailWarning(db.prisma);
    if (freeMail) console.warn(freeMail);
    server = await listen(createApp(db, config, services), config.host, config.port);
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
  console.log(`Earshot is running on ${db.describe}`);
  console.log(`  GraphQL   ${url}/graphql${config.production ? '' : '  (GraphiQL in the browser)'}`);
  console.log(`  Health    ${url}/healthz`);
  console.log(`  Live      ${config.redisUrl ? `across instances through Redis ${redactRedisUrl(config.redisUrl)}` : 'in this process (set REDIS_URL for several instances)'}`);
  console.log(`  Jobs      pg-boss on ${config.databaseUrl ? redactUrl(config.databaseUrl) : 'the embedded database'}`);
  console.log(`  Mail      ${config.smtp ? `visit reports through ${config.smtp.display} as ${config.smtp.from}` : 'not configured (set SMTP_URL): visit reports are stored, not e-mailed'}`);
  console.log(
    `  Sign-in   ${config.oidc ? `single sign-on through ${config.oidc.issuer} (client ${config.oidc.clientId})` : 'single sign-on not configured (EARSHOT_OIDC_ISSUER)'}; password ${config.passwordSignIn ? 'on' : 'off'}`,
  );
  if (admin) console.log(`  CLI       pnpm earshot … goes through this server (admin socket ${admin.path}, owner only)`);
  else if (socketPath) console.log(`  CLI       unavailable while this server runs: the data directory's path is too long for a socket (${socketPath})`);
  if (fs.existsSync(extensionDir)) {
    console.log(`  Extension ${path.relative(REPO_ROOT, extensionDir)} (in ${REPO_ROOT})`);
    console.log('            Chrome/Chromium/Edge: open chrome://extensions, turn on Developer mode, "Load unpacked", pick that folder;');
    console.log(`            then in the extension's options set the server to ${url} and sign in.`);
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    server.close();
    await admin?.close();
    // Also ends open subscription streams (SSE); clients reconnect to another instance.
    server.closeAllConnections();
    try {
      // Lets running jobs finish (up to 10 s), stops the workers and the schedule, closes Redis.
      await delivery.stop();
    } catch (err) {
      console.error(`stopping jobs: ${(err as Error).message}`);
    }
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}
