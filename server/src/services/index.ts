import type { Prisma } from '../db/client.js';

/**
 * What mutations need besides the database. `accountChanged` is called after a change commits; it keeps the
 * account's credit status current (and, with the analytics, raises alerts and publishes live events).
 */
export interface Services {
  accountChanged(accountId: string, reason: string): Promise<void>;
}

export function createServices(_prisma: Prisma, hooks: Partial<Services> = {}): Services {
  return {
    accountChanged: hooks.accountChanged ?? (async () => {}),
  };
}
