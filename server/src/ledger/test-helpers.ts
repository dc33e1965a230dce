/** Shared by the ledger tests: a test server whose services record recomputes instead of running them. */
import { decodeGlobalID } from '@pothos/plugin-relay';
import { createServices, type Services } from '../services/index.js';
import type { DbKind, TestDatabase } from '../test-support/databases.js';
import { ok, startTestServer, type TestServer } from '../test-support/server.js';

export interface RecomputeCall {
  accountIds: string[];
  reason: string;
}

export async function startLedgerServer(kind: DbKind): Promise<{ s: TestServer; recomputes: RecomputeCall[] }> {
  const recomputes: RecomputeCall[] = [];
  const services = (db: TestDatabase): Services => ({
    ...createServices(db.prisma),
    accountChanged: async (accountId, reason) => void recomputes.push({ accountIds: [accountId], reason }),
    accountsChanged: async (accountIds, reason) => void recomputes.push({ accountIds, reason }),
  });
  return { s: await startTestServer(kind, { services }), recomputes };
}

const CREATE = `mutation ($input: CreateAccountInput!) { createAccount(input: $input) { account { id } } }`;

/** Creates an account as CREDIT and returns its global id and row id. */
export async function createAccount(s: TestServer, input: Record<string, unknown>): Promise<{ id: string; rowId: string }> {
  const id = ok(await s.as('CREDIT')(CREATE, { input })).createAccount.account.id as string;
  return { id, rowId: decodeGlobalID(id).id };
}
