/** `pnpm earshot serve`: migrate, seed demo data on a new embedded database, listen, shut down cleanly. */
import fs from 'node:fs';
import path from 'node:path';
import { createApp, listen } from './app.js';
import { type Config, REPO_ROOT } from './config.js';
import { openDatabase } from './db/client.js';
import { applyMigrations } from './db/migrations.js';
import { seedIfNew } from './seed-command.js';
import { createServices } from './services/index.js';

export async function runServe(config: Config): Promise<void> {
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const applied = await applyMigrations({ databaseUrl: config.databaseUrl, pglite: db.pglite });
  if (applied.length) console.log(`applied migrations: ${applied.join(', ')}`);
  const services = createServices(db.prisma);
  await seedIfNew(db, config, services);
  const app = createApp(db, config, services);
  const server = await listen(app, config.host, config.port);
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
  const extensionDir = path.join(REPO_ROOT, 'extension', '.output', 'chrome-mv3');
  console.log(`Earshot is running on ${db.describe}`);
  console.log(`  GraphQL   ${url}/graphql${config.production ? '' : '  (GraphiQL in the browser)'}`);
  console.log(`  Health    ${url}/healthz`);
  if (fs.existsSync(extensionDir)) {
    console.log(`  Extension ${path.relative(process.cwd(), extensionDir) || extensionDir}`);
    console.log('            Chrome/Chromium/Edge: open chrome://extensions, turn on Developer mode, "Load unpacked", pick that folder;');
    console.log(`            then in the extension's options set the server to ${url} and sign in.`);
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    server.close();
    server.closeAllConnections();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}
