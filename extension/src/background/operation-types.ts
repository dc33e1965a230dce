/** The `data` each document of `OPERATIONS` selects (hand-written from shared/src/operations.ts; keep in step). */
import type { OperationName } from '@earshot/shared';
import type { OidcSignInConfig } from './oidc.js';
import type { AccountDomainResult, AccountMatchData, SessionUser } from '../lib/messages.js';
import type { AccountCardData, AccountSearchHit, AccountWorkData, CreditDetailData, Decimal, IntelRequestSummary } from '../lib/types.js';
import type { VisitOperationData } from '../lib/visit-types.js';
import type { WorkspaceOperationData } from '../lib/workspace-types.js';

/** What every way of signing in answers with (the server's `SignInPayload`). */
export interface SignInPayload {
  token: string;
  expiresAt: string | null;
  user: SessionUser;
}

export interface OperationData
  extends WorkspaceOperationData,
    VisitOperationData,
    Record<Exclude<OperationName, keyof WorkspaceOperationData | keyof VisitOperationData>, unknown> {
  SignIn: { signIn: SignInPayload };
  SignInMethods: { signInMethods: { password: boolean; oidc: OidcSignInConfig | null } };
  SignInWithOidc: { signInWithOidc: SignInPayload };
  SignOut: { signOut: { ok: boolean } };
  /** One event of the live stream (background/live.ts). */
  LiveAccountsUpdated: { accountsUpdated: { id: string } };
  Viewer: { viewer: (SessionUser & { businessUnit?: string | null }) | null };
  WorkspaceOwnDomains: { workspaceSettings: { ownDomains: string[] } };
  ResolveAccounts: { resolveAccounts: AccountMatchData[] };
  AccountCard: { account: AccountCardData | null };
  SearchAccounts: { accounts: { edges: { node: AccountSearchHit }[] } };
  CreateSignal: { createSignal: { signal: { id: string } } };
  AddNote: { addNote: { note: { id: string } } };
  CreateAccount: { createAccount: { account: { id: string; name: string } } };
  AddAccountDomains: { addAccountDomains: { account: { id: string; name: string }; results: AccountDomainResult[] } };
  ReportAdapterHealth: { reportAdapterHealth: { ok: boolean } };
  /** `nodes(ids)`: null for an id that names nothing the viewer may read. */
  PanelAccountWork: { nodes: (AccountWorkData | null)[] };
  PanelAccountDetail: { account: { id: string; signals: NonNullable<AccountCardData['signals']>; creditStatus: CreditDetailData | null } | null };
  PopupIntelRequests: { intelRequests: { totalCount: number; edges: { node: IntelRequestSummary }[] } };
  PanelAnswerIntelRequest: {
    answerIntelRequest: {
      intelRequest: { id: string; status: string; answeredAt: string | null };
      signals: { id: string; type: string; severity: number; note: string | null }[];
    };
  };
  PanelDeclineIntelRequest: { declineIntelRequest: { intelRequest: { id: string; status: string; declinedReason: string | null } } };
  PanelOpenDispute: { openDispute: { dispute: { id: string; kind: string; status: string; summary: string } } };
  PanelAccountInvoices: {
    account: {
      id: string;
      /** null for users without ledger access. */
      invoices: { edges: { node: InvoiceChoice }[] } | null;
    } | null;
  };
  PanelOpenInvoices: {
    account: {
      id: string;
      /** null for users without ledger access. */
      invoices: { totalCount: number; edges: { node: OpenInvoice }[] } | null;
    } | null;
  };
  PanelUpdateCustomerCard: { updateCustomerCard: { account: { id: string } } };
  PanelRecordContact: { recordContact: { account: { id: string; lastContactAt: string | null; contactOverdue: boolean } } };
}

export interface InvoiceChoice {
  id: string;
  number: string;
  dueAt: string;
  amount: Decimal;
  outstanding: Decimal;
  currency: string;
  status: string;
}

/** An open invoice in the panel's list (PanelOpenInvoices). */
export interface OpenInvoice extends InvoiceChoice {
  /** Calendar date, YYYY-MM-DD. */
  issuedAt: string;
}
