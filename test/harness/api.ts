/**
 * A small typed client for the Earshot GraphQL API, used to create the known data the browser tests then look
 * for, and to check what the extension delivered. It talks to the server the way any other tool would.
 */
import type { CrmSystem, RiskLevel, SignalType } from '@earshot/shared';

export class GraphQLError extends Error {
  constructor(
    message: string,
    readonly errors: unknown,
  ) {
    super(message);
  }
}

export interface AccountInput {
  name: string;
  domains: string[];
  industry?: string;
  country?: string;
  creditLimit?: string;
  currency?: string;
  paymentTermsDays?: number;
  onHold?: boolean;
  holdReason?: string;
}

export interface CrmLinkInput {
  accountId: string;
  system: CrmSystem;
  objectType: string;
  recordId: string;
  url?: string;
}

export interface SignalInput {
  accountId: string;
  type: SignalType;
  severity: 1 | 2 | 3;
  note: string;
  observedAt: string;
  idempotencyKey: string;
}

export interface SignalRow {
  id: string;
  type: SignalType;
  severity: number;
  note: string | null;
  observedAt: string;
}

/** A ledger invoice (dates are `YYYY-MM-DD`, amounts decimal strings; a negative amount is a credit note). */
export interface InvoiceInput {
  externalId: string;
  account: { id: string };
  number: string;
  currency: string;
  amount: string;
  issuedAt: string;
  /** May be left out for a credit note. */
  dueAt?: string;
  /** A credit note only: the external id of the invoice it credits. */
  appliesTo?: string;
}

export interface PaymentInput {
  externalId: string;
  invoiceExternalId: string;
  amount: string;
  currency?: string;
  receivedAt: string;
}

export class EarshotApi {
  #token: string | undefined;

  constructor(readonly baseUrl: string) {}

  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await fetch(`${this.baseUrl}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(this.#token ? { authorization: `Bearer ${this.#token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(20_000),
    });
    const text = await res.text();
    let body: { data?: T; errors?: { message: string }[] };
    try {
      body = JSON.parse(text);
    } catch {
      throw new GraphQLError(`HTTP ${res.status} from /graphql: ${text.slice(0, 500)}`, text);
    }
    if (body.errors?.length) {
      throw new GraphQLError(body.errors.map((e) => e.message).join('; '), body.errors);
    }
    if (!body.data) throw new GraphQLError(`HTTP ${res.status}: no data`, body);
    return body.data;
  }

  /** Signs in with a session token got another way (the company sign-in: company-sign-in.e2e.test.ts). */
  useToken(token: string): void {
    this.#token = token;
  }

  async signIn(email: string, password: string): Promise<string> {
    const data = await this.request<{ signIn: { token: string } }>(
      `mutation ($input: SignInInput!) { signIn(input: $input) { token } }`,
      { input: { email, password } },
    );
    this.#token = data.signIn.token;
    return this.#token;
  }

  /** A user's id by their e-mail address (the admin's users list). */
  async userId(email: string): Promise<string> {
    const data = await this.request<{ users: { edges: { node: { id: string; email: string } }[] } }>(
      'query ($search: String!) { users(first: 5, filter: { search: $search }) { edges { node { id email } } } }',
      { search: email },
    );
    const found = data.users.edges.find((e) => e.node.email === email);
    if (!found) throw new Error(`no user ${email}`);
    return found.node.id;
  }

  async createAccount(input: AccountInput): Promise<string> {
    const data = await this.request<{ createAccount: { account: { id: string } } }>(
      `mutation ($input: CreateAccountInput!) { createAccount(input: $input) { account { id } } }`,
      {
        input: {
          creditLimit: '50000.00',
          currency: 'EUR',
          paymentTermsDays: 30,
          industry: 'Manufacturing',
          country: 'DE',
          ...input,
        },
      },
    );
    return data.createAccount.account.id;
  }

  async linkCrmRecord(input: CrmLinkInput): Promise<void> {
    await this.request(
      `mutation ($input: LinkCrmRecordInput!) { linkCrmRecord(input: $input) { account { id } } }`,
      { input },
    );
  }

  async createContact(input: { accountId: string; name: string; email: string }): Promise<string> {
    const data = await this.request<{ createContact: { contact: { id: string } } }>(
      `mutation ($input: CreateContactInput!) { createContact(input: $input) { contact { id } } }`,
      { input },
    );
    return data.createContact.contact.id;
  }

  async createSignal(input: SignalInput): Promise<string> {
    const data = await this.request<{ createSignal: { signal: { id: string } } }>(
      `mutation ($input: CreateSignalInput!) { createSignal(input: $input) { signal { id } } }`,
      { input },
    );
    return data.createSignal.signal.id;
  }

  /** One all-or-nothing ledger batch; throws with the server's row errors when it refused it. */
  async importLedger(input: { invoices: InvoiceInput[]; payments: PaymentInput[] }): Promise<void> {
    const data = await this.request<{ importLedger: { errorCount: number; errors: { message: string }[] } }>(
      `mutation ($input: ImportLedgerInput!) { importLedger(input: $input) { errorCount errors { message } } }`,
      { input },
    );
    if (data.importLedger.errorCount > 0) {
      throw new GraphQLError(`ledger refused: ${data.importLedger.errors.map((e) => e.message).join('; ')}`, data.importLedger.errors);
    }
  }

  async accountSignals(accountId: string): Promise<{ totalCount: number; signals: SignalRow[] }> {
    const data = await this.request<{
      account: { signals: { totalCount: number; edges: { node: SignalRow }[] } } | null;
    }>(
      `query ($id: ID!) { account(id: $id) { signals(first: 100) { totalCount edges { node { id type severity note observedAt } } } } }`,
      { id: accountId },
    );
    if (!data.account) throw new Error(`account ${accountId} not found`);
    return { totalCount: data.account.signals.totalCount, signals: data.account.signals.edges.map((e) => e.node) };
  }

  async riskLevel(accountId: string): Promise<RiskLevel | null> {
    const data = await this.request<{ account: { creditStatus: { riskLevel: RiskLevel } | null } | null }>(
      `query ($id: ID!) { account(id: $id) { creditStatus { riskLevel } } }`,
      { id: accountId },
    );
    return data.account?.creditStatus?.riskLevel ?? null;
  }
}
