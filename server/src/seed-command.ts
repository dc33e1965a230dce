/**
 * Demo data on the command line and on first start. Only ever automatic on a new, empty embedded database;
 * PostgreSQL gets demo data only on request (`pnpm earshot seed --demo`).
 */
import type { Config } from './config.js';
import { type Database, openDatabase } from './db/client.js';
import { requireMigrated } from './db/migrations.js';
import { spreadAlertTimes } from './seed/alert-times.js';
import { clearDemo, DEMO_EMAIL_DOMAIN, isEmptyDatabase, seedDemo } from './seed/demo.js';
import { recomputeAccount } from './services/credit.js';
import { NO_EVENTS, type Services } from './services/index.js';
import { sharedReportingRates } from './services/reporting-rates.js';

async function seedAndScore(db: Database, config: Config, events = NO_EVENTS): Promise<string> {
  const summary = await seedDemo(db.prisma, { password: config.demoPassword });
  const started = Date.now();
  const asOf = new Date();
  // 44 accounts: scoring them here (not in the job queue) means the first page view already has statuses.
  const rates = sharedReportingRates(db.prisma);
  for (const id of summary.accountIds) await recomputeAccount(db.prisma, id, { asOf, events, rates });
  // Scoring raised the alerts just now: date each back to when its condition began, as a real history would show.
  await spreadAlertTimes(db.prisma, summary.accountIds, asOf);
  return (
    `demo data: ${summary.accounts} accounts, ${summary.invoices} invoices, ${summary.payments} payments, ${summary.signals} signals ` +
    `(seeded in ${summary.elapsedMs} ms, scored in ${Date.now() - started} ms); sign in as credit@${DEMO_EMAIL_DOMAIN}, ` +
    `sales@${DEMO_EMAIL_DOMAIN} or admin@${DEMO_EMAIL_DOMAIN}`
  );
}

/** On `serve`: seed a new, empty embedded database unless EARSHOT_SEED_DEMO=false. */
export async function seedIfNew(db: Database, config: Config, services: Pick<Services, 'events'>): Promise<void> {
  if (db.kind !== 'pglite' || !config.seedDemo) return;
  // Demo users have a published password: never on a production instance, even a new embedded one.
  if (config.production) {
    if (await isEmptyDatabase(db.prisma)) console.log('NODE_ENV=production: no demo data; create the first admin with: pnpm earshot user create --role ADMIN --email …');
    return;
  }
  if (!(await isEmptyDatabase(db.prisma))) return;
  console.log(await seedAndScore(db, config, services.events));
}

/** Whether every user is a demo user, i.e. rebuilding loses nothing anybody typed in. */
async function onlyDemoData(db: Database): Promise<boolean> {
  const others = await db.prisma.user.count({ where: { NOT: { email: { endsWith: DEMO_EMAIL_DOMAIN } } } });
  return others === 0;
}

export async function runSeed(config: Config, opts: { reset: boolean; demo: boolean }, io: { out(line: string): void } = { out: (l) => console.log(l) }): Promise<void> {
  if (config.databaseUrl && !opts.demo) {
    throw Object.assign(new Error('On PostgreSQL, demo data is loaded only on request: pnpm earshot seed --demo [--reset]'), { usage: true });
  }
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, preparedStatements: config.preparedStatements, command: 'seed' });
  try {
    // Like every CLI command but migrate and serve: refused on PostgreSQL with pending migrations, applied on a data directory.
    await requireMigrated(db, config.databaseUrl);
    if (!(await isEmptyDatabase(db.prisma))) {
      const rebuild = opts.reset || (db.kind === 'pglite' && (await onlyDemoData(db)));
      if (!rebuild) {
        throw Object.assign(new Error(`${db.describe} already holds data that is not demo data; add --reset to wipe ALL of it and load the demo`), { usage: true });
      }
      await clearDemo(db.prisma);
      io.out(`cleared ${db.describe}`);
    }
    io.out(await seedAndScore(db, config));
  } finally {
    await db.close();
  }
}
