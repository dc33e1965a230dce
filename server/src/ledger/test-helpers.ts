/**
 * Shared by the ledger tests: a test server whose services record the recomputes they are asked for, and run
 * them (so statuses are current and a re-sent batch has nothing stale to repair).
 */
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
  const services = (db: TestDatabase): Services => {
    const real = createServices(db.prisma);
    return {
      ...real,
      accountChanged: async (accountId, reason) => {
        recomputes.push({ accountIds: [accountId], reason });
        await real.accountChanged(accountId, reason);
      },
      accountsChanged: async (accountIds, reason) => {
        recomputes.push({ accountIds, reason });
        await real.accountsChanged(accountIds, reason);
      },
    };
  };
  return { s: await startTestServer(kind, { services }), recomputes };
}

const CREATE = `mutation ($input: CreateAccountInput!) { createAccount(input: $input) { account { id } } }`;

/** Creates an account as CREDIT and returns its global id and row id. */
export async function createAccount(s: TestServer, input: Record<string, unknown>): Promise<{ id: string; rowId: string }> {
  const id = ok(await s.as('CREDIT')(CREATE, { input })).createAccount.account.id as string;
  return { id, rowId: decodeGlobalID(id).id };
}
