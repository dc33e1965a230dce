/** The real Node HTTP server of the app on a free port (PGlite in memory), with a signed-in admin. */
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, listen } from '../app.js';
import { hashPassword } from '../auth/passwords.js';
import { issueToken } from '../auth/tokens.js';
import { type Config, loadConfig } from '../config.js';
import { createTestDatabase, type TestDatabase } from './databases.js';

export interface HttpTestServer {
  url: string;
  port: number;
  db: TestDatabase;
  adminToken: string;
  adminEmail: string;
  password: string;
  close(): Promise<void>;
}

export async function startHttpServer(config: Partial<Config> = {}): Promise<HttpTestServer> {
  const db = await createTestDatabase('pglite');
  const app = createApp(db, { ...loadConfig({}), ...config });
  const password = 'correct-horse-battery';
  const adminEmail = 'admin@test.earshot.test';
  const user = await db.prisma.user.create({ data: { email: adminEmail, name: 'Admin Tester', role: 'ADMIN', passwordHash: await hashPassword(password) } });
  const { token } = await issueToken(db.prisma, { userId: user.id, kind: 'SESSION', ttlHours: 1 });
  const server: http.Server = await listen(app, '127.0.0.1', 0);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    db,
    adminToken: token,
    adminEmail,
    password,
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await db.drop();
    },
  };
}
