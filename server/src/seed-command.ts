import type { Config } from './config.js';
import type { Database } from './db/client.js';
import type { Services } from './services/index.js';

/** Placeholder until the demo seeder lands: serving works, demo data is not loaded yet. */
export async function seedIfNew(_db: Database, _config: Config, _services: Services): Promise<void> {}
export async function runSeed(_config: Config, _opts: { reset: boolean }): Promise<void> {
  throw new Error('demo seeding is not available in this build yet');
}
