/** Builders for the workspace page's operation data, for its component tests only. */
import type { OperationName } from '@earshot/shared';
import type { OperationData } from '@/background/operation-types';
import type { OpResult, SessionUser } from '@/lib/messages';
import type { Connection, HealthCheckDetail, HealthCheckRow, InboxAlert, IntelRequestData, PortfolioAccount } from '@/lib/workspace-types';
import { answer } from './mock-send';

export function connection<T>(items: T[], opts: { totalCount?: number; endCursor?: string | null; hasNextPage?: boolean } = {}): Connection<T> {
  return {
    totalCount: opts.totalCount ?? items.length,
    pageInfo: { hasNextPage: opts.hasNextPage ?? false, endCursor: opts.endCursor ?? null },
    edges: items.map((node) => ({ node })),
  };
}

export function portfolioAccount(overrides: Partial<PortfolioAccount> = {}): PortfolioAccount {
  return {
    id: 'A1',
    name: 'Brightwell Cycles Ltd',
    industry: 'Bicycle manufacturing',
    country: 'GB',
    currency: 'GBP',
    onHold: false,
    nextReviewAt: null,
    accountManager: { id: 'U2', name: 'Sam Sales' },
    creditOwner: { id: 'U1', name: 'Carla Credit' },
    creditStatus: { riskLevel: 'HIGH', riskScore: 68, exposure: '182450.00', overdue: '48200.50', onHold: false, trend: 'SLIPPING' },
    ...overrides,
  };
}

/** The same account as SALES gets it: level only, no figures. */
export function salesPortfolioAccount(overrides: Partial<PortfolioAccount> = {}): PortfolioAccount {
  const base = portfolioAccount(overrides);
  return { ...base, creditStatus: base.creditStatus ? { ...base.creditStatus, exposure: null, overdue: null, riskScore: null } : null };
}

export function inboxAlert(overrides: Partial<InboxAlert> = {}): InboxAlert {
  return {
    id: 'AL1',
    rule: 'PAYMENT_SLIPPING',
    title: 'Paying 11 days later than 3 months ago',
    detail: 'Average days to pay 57, up from 46 three months ago.',
    severity: 2,
    status: 'OPEN',
    createdAt: '2026-12-01T09:00:00.000Z',
    acknowledgedAt: null,
    reopenedAt: null,
    owner: { id: 'U1', name: 'Carla Credit' },
    account: { id: 'A1', name: 'Brightwell Cycles Ltd', creditStatus: { riskLevel: 'HIGH' } },
    ...overrides,
  };
}

export function healthCheckRow(overrides: Partial<HealthCheckRow> = {}): HealthCheckRow {
  return {
    id: 'HC1',
    status: 'PLANNED',
    plannedMonth: '2026-12',
    dueOn: '2026-12-15',
    startedAt: null,
    completedAt: null,
    outcome: null,
    salesView: null,
    reviewer: { id: 'U1', name: 'Carla Credit' },
    account: { id: 'A1', name: 'Brightwell Cycles Ltd', accountManager: { id: 'U2', name: 'Sam Sales' }, creditStatus: { riskLevel: 'HIGH', exposure: '182450.00' } },
    ...overrides,
  };
}

export function healthCheck(overrides: Partial<HealthCheckDetail> = {}): HealthCheckDetail {
  const row = healthCheckRow({ status: 'IN_PROGRESS', startedAt: '2026-12-02T09:00:00.000Z' });
  return {
    ...row,
    completedBy: null,
    outcomeNote: null,
    newCreditLimit: null,
    putOnHold: null,
    holdReason: null,
    nextReviewAt: null,
    salesComment: null,
    salesViewAt: null,
    salesViewBy: null,
    salesViewRequest: { id: 'IR9', status: 'OPEN', createdAt: '2026-12-02T09:00:00.000Z', dueAt: '2026-12-09T17:00:00.000Z', overdue: false, assignedTo: { id: 'U2', name: 'Sam Sales' } },
    account: { ...row.account, currency: 'GBP', paymentTermsDays: 30, creditLimit: '200000.00', onHold: false },
    checks: {
      creditReport: {
        latest: { source: 'Bureau One', score: 61, rating: 'B1', reportedAt: '2026-09-01T12:00:00.000Z' },
        previous: { source: 'Bureau One', score: 70, rating: 'A2', reportedAt: '2026-03-01T12:00:00.000Z' },
        scoreBefore: 61,
        scoreAfter: 61,
        updatedDuringReview: false,
        checked: null,
        note: null,
      },
      bankDetails: { changedSinceLastReview: true, changes: 1, lastChangeAt: '2026-10-20T10:00:00.000Z', unchanged: null, note: null },
      purchases: {
        currency: 'GBP',
        anticipatedMonthly: '30000.00',
        months: [
          { month: '2026-09', invoiced: '21000.00' },
          { month: '2026-10', invoiced: '19500.00' },
          { month: '2026-11', invoiced: '18000.00' },
        ],
        averageMonthly: '19500.00',
        ratio: 0.65,
        summary: 'Buying well below plan',
        note: null,
      },
      paymentPattern: { consistent: false, recentAvgDaysToPay: 57, priorAvgDaysToPay: 41, summary: 'Paying later than before', confirmed: null, note: null },
    },
    ...overrides,
  };
}

/** What SALES gets for the same review: words, no figures. */
export function salesHealthCheck(): HealthCheckDetail {
  const hc = healthCheck();
  return {
    ...hc,
    account: { ...hc.account, creditLimit: null, creditStatus: hc.account.creditStatus ? { ...hc.account.creditStatus, exposure: null } : null },
    checks: {
      creditReport: { ...hc.checks.creditReport, latest: null, previous: null, scoreBefore: null, scoreAfter: null },
      bankDetails: hc.checks.bankDetails,
      purchases: { ...hc.checks.purchases, anticipatedMonthly: null, months: [], averageMonthly: null, ratio: null },
      paymentPattern: { ...hc.checks.paymentPattern, recentAvgDaysToPay: null, priorAvgDaysToPay: null },
    },
  };
}

export function intelRequest(overrides: Partial<IntelRequestData> = {}): IntelRequestData {
  return {
    id: 'IR1',
    status: 'OPEN',
    message: 'Before the review next week',
    dueAt: '2026-12-09T17:00:00.000Z',
    overdue: false,
    createdAt: '2026-12-01T09:00:00.000Z',
    answeredAt: null,
    declinedReason: null,
    reminderCount: 0,
    remindedAt: null,
    account: { id: 'A1', name: 'Brightwell Cycles Ltd' },
    requestedBy: { id: 'U1', name: 'Carla Credit' },
    assignedTo: { id: 'U2', name: 'Sam Sales' },
    answeredBy: null,
    questions: [
      // The choices come from the template (shared/src/intel-questions.ts): Busy, Quiet, As usual.
      { id: 'q1', kind: 'CHOICE', template: 'ACTIVITY', text: 'Are they quiet or busy?' },
      { id: 'q2', kind: 'TEXT', template: null, text: 'Who runs purchasing now?' },
    ],
    answers: [],
    healthCheck: null,
    ...overrides,
  };
}

type OpHandler<N extends OperationName> = (variables: Record<string, unknown>) => OperationData[N] | Error | Promise<OperationData[N] | Error>;
export type OpHandlers = { [N in OperationName]?: OpHandler<N> };

/** A refusal as the worker reports it (`op/run` → `{ ok: false }`). */
export class Refusal extends Error {
  constructor(
    message: string,
    readonly kind = 'rejected',
    readonly code?: string,
  ) {
    super(message);
  }
}

/** Mocks `send` for the workspace: `auth/status` as `user` (null: signed out), `op/run` by operation name. */
// Imported through mock-send only: this file must not load `@/lib/send` before mock-send does (the mock's factory
// imports mock-send, so whichever loads first decides which copy of `send` mock-send sees).
let mocked: ReturnType<typeof answer> | null = null;

export function workspace(user: SessionUser | null, ops: OpHandlers = {}) {
  mocked = answer({
    'auth/status': () => ({ user, serverUrl: 'http://127.0.0.1:4000', connection: user ? 'ok' : 'signed-out' }),
    'op/run': async ({ operation, variables }): Promise<OpResult> => {
      const handler = ops[operation] as ((v: Record<string, unknown>) => unknown) | undefined;
      if (!handler) return { ok: false, kind: 'error', error: `no handler for ${operation}` };
      const data = await handler(variables);
      if (data instanceof Refusal) return { ok: false, kind: data.kind, error: data.message, ...(data.code ? { code: data.code } : {}) };
      if (data instanceof Error) throw data;
      return { ok: true, data };
    },
  });
  return mocked;
}

function runCalls(operation: OperationName): { variables: Record<string, unknown>; accountId?: string }[] {
  return (mocked?.mock.calls ?? [])
    .filter((c) => c[0] === 'op/run' && (c[1] as { operation: string }).operation === operation)
    .map((c) => c[1] as { variables: Record<string, unknown>; accountId?: string });
}

/** The `op/run` calls of one operation, in order: their variables. */
export function opCalls(operation: OperationName): Record<string, unknown>[] {
  return runCalls(operation).map((c) => c.variables);
}

/** The `accountId` passed with an operation's calls (the panels showing that account refresh). */
export function opAccountIds(operation: OperationName): (string | undefined)[] {
  return runCalls(operation).map((c) => c.accountId);
}
