/** The `data` each document of `OPERATIONS` selects (hand-written from shared/src/operations.ts; keep in step). */
import type { OperationName } from '@earshot/shared';
import type { AccountMatchData, SessionUser } from '../lib/messages.js';
import type { AccountCardData, AccountSearchHit } from '../lib/types.js';
import type { WorkspaceOperationData } from '../lib/workspace-types.js';

export interface OperationData extends WorkspaceOperationData, Record<Exclude<OperationName, keyof WorkspaceOperationData>, unknown> {
  SignIn: { signIn: { token: string; expiresAt: string | null; user: SessionUser } };
  SignOut: { signOut: { ok: boolean } };
  Viewer: { viewer: (SessionUser & { businessUnit?: string | null }) | null };
  ResolveAccounts: { resolveAccounts: AccountMatchData[] };
  AccountCard: { account: AccountCardData | null };
  SearchAccounts: { accounts: { edges: { node: AccountSearchHit }[] } };
  CreateSignal: { createSignal: { signal: { id: string } } };
  AddNote: { addNote: { note: { id: string } } };
  CreateAccount: { createAccount: { account: { id: string; name: string } } };
  ReportAdapterHealth: { reportAdapterHealth: { ok: boolean } };
}
