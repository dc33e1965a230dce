import type { Prisma } from '../db/client.js';
import type { Viewer } from '../auth/tokens.js';
import type { Services } from '../services/index.js';

export interface Context {
  prisma: Prisma;
  viewer: Viewer | null;
  services: Services;
  config: { sessionTtlHours: number; production: boolean };
}
