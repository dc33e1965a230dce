/**
 * The GraphQL operations the extension may run. The service worker executes only these (by name), so the
 * extension is not a general GraphQL proxy for the host page. The server's tests validate every document
 * here against `server/schema.graphql`, so a schema change that breaks the extension fails CI.
 */

import { WORKSPACE_OPERATIONS } from './workspace-operations.js';

export const ACCOUNT_CARD_FIELDS = /* GraphQL */ `
  fragment AccountCard on Account {
    id
    name
    domains
    industry
    country
    website
    currency
    creditLimit
    paymentTermsDays
    onHold
    whyTheyBuy
    ourValue
    alternatives
    lastContactAt
    nextReviewAt
    accountManager { id name email businessUnit }
    creditOwner { id name email businessUnit }
    crmLinks { system objectType recordId url }
    contacts { id name email role phone preferredChannel preferredTone }
    creditStatus {
      riskLevel
      riskScore
      trend
      onHold
      exposure
      available
      overdue
      avgDaysToPay
      daysBeyondTerms
      computedAt
      factors { code label weight detail }
      aging { current d1_30 d31_60 d61_90 d90plus }
      paymentSeries { month invoiced paid avgDaysToPay daysBeyondTerms }
    }
    alerts(first: 5, status: OPEN) {
      edges { node { id rule title severity status createdAt } }
    }
    signals(first: 10) {
      totalCount
      edges { node { id type severity sentiment source status note observedAt sourceUrl author { id name } } }
    }
    notes(first: 5) {
      edges { node { id body visibility createdAt author { id name } } }
    }
  }
`;

export const OPERATIONS = {
  SignIn: /* GraphQL */ `
    mutation SignIn($input: SignInInput!) {
      signIn(input: $input) { token expiresAt user { id name email role } }
    }
  `,
  SignOut: /* GraphQL */ `
    mutation SignOut { signOut(input: {}) { ok } }
  `,
  Viewer: /* GraphQL */ `
    query Viewer { viewer { id name email role businessUnit } }
  `,
  ResolveAccounts: /* GraphQL */ `
    query ResolveAccounts($context: PageContextInput!) {
      resolveAccounts(context: $context) {
        matchedBy
        matchedValue
        account { ...AccountCard }
      }
    }
    ${ACCOUNT_CARD_FIELDS}
  `,
  AccountCard: /* GraphQL */ `
    query AccountCard($id: ID!) {
      account(id: $id) { ...AccountCard }
    }
    ${ACCOUNT_CARD_FIELDS}
  `,
  SearchAccounts: /* GraphQL */ `
    query SearchAccounts($search: String!, $first: Int!) {
      accounts(first: $first, filter: { search: $search }) {
        edges { node { id name domains creditStatus { riskLevel } } }
      }
    }
  `,
  CreateSignal: /* GraphQL */ `
    mutation CreateSignal($input: CreateSignalInput!) {
      createSignal(input: $input) { signal { id type severity note observedAt status } }
    }
  `,
  AddNote: /* GraphQL */ `
    mutation AddNote($input: AddNoteInput!) {
      addNote(input: $input) { note { id body visibility createdAt } }
    }
  `,
  CreateAccount: /* GraphQL */ `
    mutation CreateAccount($input: CreateAccountInput!) {
      createAccount(input: $input) { account { id name } }
    }
  `,
  ReportAdapterHealth: /* GraphQL */ `
    mutation ReportAdapterHealth($input: ReportAdapterHealthInput!) {
      reportAdapterHealth(input: $input) { ok }
    }
  `,
  ...WORKSPACE_OPERATIONS,
} as const;

export type OperationName = keyof typeof OPERATIONS;
export const OPERATION_NAMES = Object.keys(OPERATIONS) as OperationName[];

/**
 * Operations the service worker runs only for its own flows, never on a page's request (`op/run`): signing in
 * and out change the stored session, signals go through the offline capture queue (delivered once), adapter
 * health is forwarded from the worker's own buffer.
 */
const WORKER_ONLY: ReadonlySet<OperationName> = new Set<OperationName>(['SignIn', 'SignOut', 'CreateSignal', 'ReportAdapterHealth']);

/** What an extension page (panel, popup, options, workspace) may run by name through `op/run`. */
export const PAGE_OPERATION_NAMES: readonly OperationName[] = OPERATION_NAMES.filter((n) => !WORKER_ONLY.has(n));
