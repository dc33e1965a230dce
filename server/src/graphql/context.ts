import type { Prisma } from '../db/client.js';
import type { Viewer } from '../auth/tokens.js';
import type { RequestSecurity } from '../security/request.js';
import type { Services } from '../services/index.js';

export interface Context {
  prisma: Prisma;
  viewer: Viewer | null;
  services: Services;
  config: { sessionTtlHours: number; production: boolean };
  /** Client address and sign-in limits (security/request.ts); absent in contexts built outside the app. */
  security?: RequestSecurity;
}
