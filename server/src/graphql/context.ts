import type { OidcService } from '../auth/oidc.js';
import type { Prisma } from '../db/client.js';
import type { Viewer } from '../auth/tokens.js';
import type { RequestSecurity } from '../security/request.js';
import type { Services } from '../services/index.js';

export interface Context {
  prisma: Prisma;
  viewer: Viewer | null;
  services: Services;
  config: { sessionTtlHours: number; production: boolean; passwordSignIn?: boolean; publicUrl?: string | null };
  /** Single sign-on (auth/oidc.ts); absent or null when not configured. */
  oidc?: OidcService | null;
  /** The origin this request was sent to (the server's own callback when EARSHOT_PUBLIC_URL is unset). */
  requestOrigin?: string | null;
  /** Client address and sign-in limits (security/request.ts); absent in contexts built outside the app. */
  security?: RequestSecurity;
  /** The operator's log (a warning line); absent outside the app (then the console). Never given a token. */
  log?: (message: string) => void;
}
