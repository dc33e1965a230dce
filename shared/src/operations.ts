/**
 * The GraphQL operations the extension may run. The service worker executes only these (by name), so the
 * extension is not a general GraphQL proxy for the host page. The server's tests validate every document
 * here against `server/schema.graphql`, so a schema change that breaks the extension fails CI.
 */

import { WORKSPACE_OPERATIONS } from './workspace-operations.js';

/**
 * What the panel's lookup asks of each matched account (up to 10, RESOLVE_LIMITS.matches), with `AccountWork`
 * (below) for its open workflows. Not in it, because the panel shows one account at a time and these were the
 * costliest parts of ten cards (server/src/graphql/limits.test.ts holds every operation to 80% of the budget):
 * the open alerts (`AccountWork.standingAlerts` stands in their place), and the latest signals and the credit
 * detail, which the panel asks for the account on view only (`PanelAccountDetail`).
 */
export const PANEL_ACCOUNT_CARD_FIELDS = /* GraphQL */ `
  fragment PanelAccountCard on Account {
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
    description
    whyTheyBuy
    ourValue
    alternatives
    preferredChannel
    preferredTone
    contactFrequencyDays
    keyAccount
    contactOverdue
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
      trendBasis
      trendSentence
      onHold
      orderHeadroom { state roughAmount caution }
      exposure
      available
      overdue
      disputed
      avgDaysToPay
      daysBeyondTerms
      recentDaysBeyondTerms
      computedAt
      factors { code label weight detail }
      aging { current d1_30 d31_60 d61_90 d90plus }
      paymentSeries { month invoiced paid avgDaysToPay daysBeyondTerms }
    }
    notes(first: 5) {
      edges { node { id body visibility createdAt author { id name } } }
    }
  }
`;

/** The latest field signals of an account. */
const ACCOUNT_SIGNALS_FIELDS = /* GraphQL */ `
  fragment AccountSignals on Account {
    signals(first: 10) {
      totalCount
      edges { node { id type severity sentiment source status note observedAt sourceUrl author { id name } } }
    }
  }
`;

/**
 * The card as the workspace page and `account/get` ask it (one account): the panel's card, the alerts still standing,
 * the signals. `alerts` takes the same arguments as AccountWork's `standingAlerts` (which readers prefer when both are
 * there): the server then loads both from one list in the card's one SQL statement; with other arguments (OPEN alone)
 * the two lists clash and the server sends a second statement for one of them (issue 12).
 */
export const ACCOUNT_CARD_FIELDS = /* GraphQL */ `
  fragment AccountCard on Account {
    ...PanelAccountCard
    ...AccountSignals
    alerts(first: 5, status: [OPEN, ACKNOWLEDGED]) {
      edges { node { id rule title severity status createdAt } }
    }
  }
  ${PANEL_ACCOUNT_CARD_FIELDS}
  ${ACCOUNT_SIGNALS_FIELDS}
`;

/**
 * The workflows open on an account: credit's actions in words, the open intel requests the viewer may see (the
 * server filters), the alerts still standing (open and acknowledged, counted in full, with their detail and evidence:
 * the panel's list replaces the card's short one with these), the open disputes. Apart from `AccountCard` because of the query cost: `ResolveAccounts` asks
 * the card of up to 10 matches, and these lists under each would take it past its cost budget
 * (server/src/graphql/limits.test.ts), so the worker asks them once for the matched ids (`PanelAccountWork`). A
 * question's choices are not asked: they follow from its template (shared/src/intel-questions.ts).
 */
export const ACCOUNT_WORK_FIELDS = /* GraphQL */ `
  fragment AccountWork on Account {
    id
    creditActions { kind text since }
    intelRequests(first: 3, status: [OPEN]) {
      totalCount
      edges {
        node {
          id
          message
          status
          dueAt
          overdue
          createdAt
          requestedBy { id name email }
          assignedTo { id name }
          questions { id kind template text }
        }
      }
    }
    standingAlerts: alerts(first: 5, status: [OPEN, ACKNOWLEDGED]) {
      totalCount
      edges { node { id rule title detail evidence severity status createdAt owner { id } } }
    }
    disputes(first: 5, status: [OPEN]) {
      totalCount
      edges {
        node { id kind reason ownerTeam owner { id name } currency amount invoiceCount status openedAt expectedBy summary }
      }
    }
  }
`;


/**
 * The credit status's detail: DSO, credit balance, limit in use and every currency's receivables. Not in the panel's
 * lookup (10 matches would pass the cost budget): the panel asks it for the account on view (`PanelAccountDetail`)
 * and merges it into the card's `creditStatus`; the workspace page asks it with `AccountCard`. The server answers
 * null where the viewer may not see ledger figures.
 */
export const ACCOUNT_CREDIT_DETAIL_FIELDS = /* GraphQL */ `
  fragment AccountCreditDetail on Account {
    id
    creditStatus {
      creditBalance
      dso
      bestPossibleDso
      limitUtilisation
      totalExposure
      totalOverdue
      unconvertedCurrencies
      paidInvoices
      currencies {
        currency exposure overdue disputed creditBalance oldestOverdueDays rateToAccountCurrency
        aging { current d1_30 d31_60 d61_90 d90plus }
      }
    }
  }
`;

/** The viewer's open intel requests (popup list, toolbar badge count). */
const POPUP_INTEL_REQUEST_FIELDS = /* GraphQL */ `
  fragment PopupIntelRequest on IntelRequest {
    id
    message
    dueAt
    overdue
    createdAt
    requestedBy { id name }
    account { id name }
    questions { id }
  }
`;

/**
 * A visit as the panel and popup list it (seed 004): enough to say what, when, where and with whom, and whether
 * the viewer may add notes. Everything else is on the workspace page (`dashboard.html#/visit/<id>`).
 */
const PANEL_VISIT_FIELDS = /* GraphQL */ `
  fragment PanelVisit on Visit {
    id
    purpose
    status
    scheduledAt
    place
    heldAt
    viewerCanEdit
    organizer { id name }
    attendees { id name }
  }
`;

export const OPERATIONS = {
  SignIn: /* GraphQL */ `
    mutation SignIn($input: SignInInput!) {
      signIn(input: $input) { token expiresAt user { id name email role } }
    }
  `,
  /** Public: how this server lets people sign in (the options page asks before showing a form). */
  SignInMethods: /* GraphQL */ `
    query SignInMethods { signInMethods { password oidc { issuer clientId authorizationEndpoint scopes } } }
  `,
  /** The code the company's sign-in gave the service worker's auth window (PKCE), for an Earshot session. */
  SignInWithOidc: /* GraphQL */ `
    mutation SignInWithOidc($input: SignInWithOidcInput!) {
      signInWithOidc(input: $input) { token expiresAt user { id name email role } }
    }
  `,
  SignOut: /* GraphQL */ `
    mutation SignOut { signOut(input: {}) { ok } }
  `,
  Viewer: /* GraphQL */ `
    query Viewer { viewer { id name email role businessUnit } }
  `,
  /** The company's own domains (ADMIN sets them; any signed-in user reads): never a customer on any page. */
  WorkspaceOwnDomains: /* GraphQL */ `
    query WorkspaceOwnDomains { workspaceSettings { ownDomains } }
  `,
  ResolveAccounts: /* GraphQL */ `
    query ResolveAccounts($context: PageContextInput!) {
      resolveAccounts(context: $context) {
        matchedBy
        matchedValue
        account { ...PanelAccountCard }
      }
    }
    ${PANEL_ACCOUNT_CARD_FIELDS}
  `,
  AccountCard: /* GraphQL */ `
    query AccountCard($id: ID!) {
      account(id: $id) { ...AccountCard ...AccountWork ...AccountCreditDetail }
    }
    ${ACCOUNT_CARD_FIELDS}
    ${ACCOUNT_WORK_FIELDS}
    ${ACCOUNT_CREDIT_DETAIL_FIELDS}
  `,
  PanelAccountWork: /* GraphQL */ `
    query PanelAccountWork($ids: [ID!]!) {
      nodes(ids: $ids) { ...AccountWork }
    }
    ${ACCOUNT_WORK_FIELDS}
  `,
  /** The account on view in the panel (AccountView asks it when it shows one, and again after each lookup): its latest signals and credit detail. */
  PanelAccountDetail: /* GraphQL */ `
    query PanelAccountDetail($id: ID!) {
      account(id: $id) { id ...AccountSignals ...AccountCreditDetail }
    }
    ${ACCOUNT_SIGNALS_FIELDS}
    ${ACCOUNT_CREDIT_DETAIL_FIELDS}
  `,
  SearchAccounts: /* GraphQL */ `
    query SearchAccounts($search: String!, $first: Int!) {
      accounts(first: $first, filter: { search: $search }) {
        edges { node { id name domains creditStatus { riskLevel trend } } }
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
  /** Typed per-domain outcome: added, on the account already, or refused with the reason (and the other account, if the viewer may read it). */
  AddAccountDomains: /* GraphQL */ `
    mutation AddAccountDomains($input: AddAccountDomainsInput!) {
      addAccountDomains(input: $input) {
        account { id name }
        results { domain outcome refusal otherAccount { id name } }
      }
    }
  `,
  ReportAdapterHealth: /* GraphQL */ `
    mutation ReportAdapterHealth($input: ReportAdapterHealthInput!) {
      reportAdapterHealth(input: $input) { ok }
    }
  `,
  PopupIntelRequests: /* GraphQL */ `
    query PopupIntelRequests($first: Int!) {
      intelRequests(first: $first, filter: { assignedToMe: true, status: [OPEN] }) {
        totalCount
        edges { node { ...PopupIntelRequest } }
      }
    }
    ${POPUP_INTEL_REQUEST_FIELDS}
  `,
  PanelAnswerIntelRequest: /* GraphQL */ `
    mutation PanelAnswerIntelRequest($input: AnswerIntelRequestInput!) {
      answerIntelRequest(input: $input) {
        intelRequest { id status answeredAt }
        signals { id type severity note }
      }
    }
  `,
  PanelDeclineIntelRequest: /* GraphQL */ `
    mutation PanelDeclineIntelRequest($input: DeclineIntelRequestInput!) {
      declineIntelRequest(input: $input) { intelRequest { id status declinedReason } }
    }
  `,
  PanelOpenDispute: /* GraphQL */ `
    mutation PanelOpenDispute($input: OpenDisputeInput!) {
      openDispute(input: $input) { dispute { id kind status summary } }
    }
  `,
  PanelAccountInvoices: /* GraphQL */ `
    query PanelAccountInvoices($id: ID!) {
      account(id: $id) {
        id
        invoices(first: 30, status: OPEN) {
          edges { node { id number dueAt amount outstanding currency status } }
        }
      }
    }
  `,
  /** The panel's "Open invoices": credit team only (the server answers null to anyone else), overdue sorted first in the panel. */
  PanelOpenInvoices: /* GraphQL */ `
    query PanelOpenInvoices($id: ID!) {
      account(id: $id) {
        id
        invoices(first: 50, status: OPEN) {
          totalCount
          edges { node { id number issuedAt dueAt amount outstanding currency status } }
        }
      }
    }
  `,
  PanelUpdateCustomerCard: /* GraphQL */ `
    mutation PanelUpdateCustomerCard($input: UpdateCustomerCardInput!) {
      updateCustomerCard(input: $input) { account { id } }
    }
  `,
  PanelRecordContact: /* GraphQL */ `
    mutation PanelRecordContact($input: RecordContactInput!) {
      recordContact(input: $input) { account { id lastContactAt contactOverdue } }
    }
  `,
  /**
   * The customer's visits in the panel: upcoming ones soonest first, and the last held ones newest first (two
   * filtered calls, because the server orders the not-yet-held ascending and the held descending), with the
   * account's open action items (due date ascending). Small pages: the workspace page has the rest.
   */
  PanelVisits: /* GraphQL */ `
    query PanelVisits($id: ID!) {
      account(id: $id) {
        id
        upcoming: visits(first: 5, status: [PLANNED, BRIEFED]) { edges { node { ...PanelVisit } } }
        recent: visits(first: 3, status: [HELD, FOLLOWED_UP]) { edges { node { ...PanelVisit } } }
        actionItems { id title ownerName ownerUser { id name } createdBy { id } dueOn status overdue visit { id viewerCanEdit } }
      }
    }
    ${PANEL_VISIT_FIELDS}
  `,
  /** Worker only: visit notes leave through the offline capture queue, once per idempotency key. */
  PanelAddVisitNotes: /* GraphQL */ `
    mutation PanelAddVisitNotes($input: AddVisitNotesInput!) {
      addVisitNotes(input: $input) { note { id } flags { kind excerpt reason } }
    }
  `,
  PanelUpdateActionItem: /* GraphQL */ `
    mutation PanelUpdateActionItem($input: UpdateActionItemInput!) {
      updateActionItem(input: $input) { actionItem { id status completedAt } }
    }
  `,
  /** The viewer's visits (organizer or attendee) from the start of today to the end of tomorrow, for notes on the go. */
  PopupTodaysVisits: /* GraphQL */ `
    query PopupTodaysVisits($from: DateTime!, $to: DateTime!) {
      visits(first: 10, filter: { mine: true, from: $from, to: $to, status: [PLANNED, BRIEFED, HELD, FOLLOWED_UP] }) {
        edges { node { ...PanelVisit account { id name } } }
      }
    }
    ${PANEL_VISIT_FIELDS}
  `,
  /**
   * Worker only, over Server-Sent Events (not through the gateway): the accounts of the worker's cached lookups and
   * open panels, one stream for all of them. Only the id: the worker drops that account's cached answers and the
   * tabs showing it look it up again through the usual queries (background/live.ts).
   */
  LiveAccountsUpdated: /* GraphQL */ `
    subscription LiveAccountsUpdated($ids: [ID!]!) {
      accountsUpdated(ids: $ids) { id }
    }
  `,
  ...WORKSPACE_OPERATIONS,
} as const;

export type OperationName = keyof typeof OPERATIONS;
export const OPERATION_NAMES = Object.keys(OPERATIONS) as OperationName[];

/**
 * Operations the service worker runs only for its own flows, never on a page's request (`op/run`): signing in
 * and out change the stored session, signals and visit notes go through the offline capture queue (delivered
 * once), adapter health is forwarded from the worker's own buffer.
 */
const WORKER_ONLY: ReadonlySet<OperationName> = new Set<OperationName>([
  'SignIn',
  'SignInMethods',
  'SignInWithOidc',
  'SignOut',
  'CreateSignal',
  'PanelAddVisitNotes',
  'ReportAdapterHealth',
  'WorkspaceOwnDomains',
  // "Add this domain to an existing account" from the panel: through account/addDomains (validated, one tab's page).
  'AddAccountDomains',
  // A subscription (Server-Sent Events), held by the worker itself (background/live.ts); the gateway runs no streams.
  'LiveAccountsUpdated',
]);

/** What an extension page (panel, popup, options, workspace) may run by name through `op/run`. */
export const PAGE_OPERATION_NAMES: readonly OperationName[] = OPERATION_NAMES.filter((n) => !WORKER_ONLY.has(n));
