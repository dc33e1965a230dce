/** An Earshot app on a test database, with one signed-in user per role, queried through yoga.fetch (no port). */
import type { Role, TokenScope } from '@earshot/shared';
import { type App, createApp } from '../app.js';
import { hashPassword } from '../auth/passwords.js';
import { issueToken } from '../auth/tokens.js';
import { loadConfig } from '../config.js';
import type { Observability } from '../observability/index.js';
import { createServices, type Services } from '../services/index.js';
import { createTestDatabase, type DbKind, type TestDatabase } from './databases.js';

export const TEST_PASSWORD = 'correct-horse-battery';

export interface GqlResult<T = Record<string, any>> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, any>; path?: (string | number)[] }[];
}

export interface TestServer {
  db: TestDatabase;
  /** The app behind `gql` (headers, other paths: `app.yoga.fetch`). */
  app: App;
  services: Services;
  users: Record<Role, { id: string; email: string; token: string }>;
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string | null): Promise<GqlResult<T>>;
  as(role: Role): <T = Record<string, any>>(query: string, variables?: Record<string, unknown>) => Promise<GqlResult<T>>;
  apiToken(role: Role, scopes: TokenScope[]): Promise<string>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  services?: (db: TestDatabase) => Services;
  /** Per-token and per-address request limits off: for tests that send thousands of requests as one viewer. */
  noRequestLimits?: boolean;
  /** Logs and metrics of the app (observability tests capture the log stream); default silent. */
  observability?: Observability;
}

export async function startTestServer(kind: DbKind, opts: TestServerOptions = {}): Promise<TestServer> {
  const db = await createTestDatabase(kind);
  const defaults = loadConfig({});
  const rateLimits = opts.noRequestLimits ? { ...defaults.rateLimits, requestsPerToken: 0, requestsPerAddress: 0 } : defaults.rateLimits;
  const config = { ...defaults, rateLimits, production: true };
  const services = opts.services?.(db) ?? createServices(db.prisma);
  const app = createApp(db, config, services, opts.observability ? { observability: opts.observability } : {});
  const passwordHash = await hashPassword(TEST_PASSWORD);
  const users = {} as TestServer['users'];
  for (const role of ['ADMIN', 'CREDIT', 'SALES', 'VIEWER'] as Role[]) {
    const email = `${role.toLowerCase()}@test.earshot.test`;
    const user = await db.prisma.user.create({ data: { email, name: `${role[0]}${role.slice(1).toLowerCase()} Tester`, role, passwordHash } });
    const { token } = await issueToken(db.prisma, { userId: user.id, kind: 'SESSION', ttlHours: 1 });
    users[role] = { id: user.id, email, token };
  }
  const gql: TestServer['gql'] = async (query, variables = {}, token = null) => {
    const res = await app.yoga.fetch('http://earshot.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as never;
  };
  return {
    db,
    app,
    services,
    users,
    gql,
    as: (role) => (query, variables) => gql(query, variables, users[role].token),
    async apiToken(role, scopes) {
      return (await issueToken(db.prisma, { userId: users[role].id, kind: 'API', scopes })).token;
    },
    close: () => db.drop(),
  };
}

/** The data of a successful result; fails the test with the errors otherwise. */
export function ok<T>(result: GqlResult<T>): T {
  if (result.errors?.length || !result.data) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  return result.data;
}

export function errorCodes(result: GqlResult): string[] {
  return (result.errors ?? []).map((e) => String(e.extensions?.code ?? 'UNKNOWN'));
}
