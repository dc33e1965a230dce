/**
 * The data the workspace page's documents select (shared/src/workspace-operations.ts; keep in step). Figures are
 * null for viewers the API hides them from: the page renders words or nothing then.
 */
import type {
  AlertRule,
  AlertStatus,
  HealthCheckOutcome,
  HealthCheckStatus,
  IntelQuestionKind,
  IntelRequestStatus,
  PaymentTrend,
  RiskLevel,
  SalesView,
} from '@earshot/shared';
import type { Decimal } from './types.js';
import type { WorkspaceVisitOperationData } from './workspace-visit-types.js';

export interface Person {
  id: string;
  name: string;
}

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface Connection<T> {
  totalCount: number;
  pageInfo: PageInfo;
  edges: { node: T }[];
}

export interface PortfolioAccount {
  id: string;
  name: string;
  industry: string | null;
  country: string | null;
  currency: string;
  onHold: boolean;
  nextReviewAt: string | null;
  accountManager: Person | null;
  creditOwner: Person | null;
  creditStatus: {
    riskLevel: RiskLevel;
    riskScore: number | null;
    exposure: Decimal | null;
    overdue: Decimal | null;
    onHold: boolean;
    trend: PaymentTrend;
  } | null;
}

export interface InboxAlert {
  id: string;
  rule: AlertRule;
  title: string;
  detail: string | null;
  severity: number;
  status: AlertStatus;
  createdAt: string;
  acknowledgedAt: string | null;
  reopenedAt: string | null;
  owner: Person | null;
  account: { id: string; name: string; creditStatus: { riskLevel: RiskLevel } | null };
}

export interface ReviewOwnerLoad {
  owner: Person;
  capacity: number;
  planned: number;
  inProgress: number;
  done: number;
}

export interface ReviewPlanMonth {
  month: string;
  reportingCurrency: string;
  unconvertedCurrencies: string[];
  owners: ReviewOwnerLoad[];
}

export interface HealthCheckRow {
  id: string;
  status: HealthCheckStatus;
  plannedMonth: string | null;
  dueOn: string;
  startedAt: string | null;
  completedAt: string | null;
  outcome: HealthCheckOutcome | null;
  salesView: SalesView | null;
  reviewer: Person | null;
  account: { id: string; name: string; accountManager: Person | null; creditStatus: { riskLevel: RiskLevel; exposure: Decimal | null } | null };
}

export interface CreditReportData {
  source: string;
  score: number;
  rating: string | null;
  reportedAt: string;
}

export interface HealthCheckChecks {
  creditReport: {
    latest: CreditReportData | null;
    previous: CreditReportData | null;
    scoreBefore: number | null;
    scoreAfter: number | null;
    updatedDuringReview: boolean;
    checked: boolean | null;
    note: string | null;
  };
  bankDetails: { changedSinceLastReview: boolean; changes: number; lastChangeAt: string | null; unchanged: boolean | null; note: string | null };
  purchases: {
    currency: string;
    anticipatedMonthly: Decimal | null;
    months: { month: string; invoiced: Decimal }[];
    averageMonthly: Decimal | null;
    ratio: number | null;
    summary: string;
    note: string | null;
  };
  paymentPattern: {
    consistent: boolean | null;
    recentAvgDaysToPay: number | null;
    priorAvgDaysToPay: number | null;
    summary: string;
    confirmed: boolean | null;
    note: string | null;
  };
}

export interface HealthCheckDetail extends Omit<HealthCheckRow, 'account'> {
  completedBy: Person | null;
  outcomeNote: string | null;
  newCreditLimit: Decimal | null;
  putOnHold: boolean | null;
  holdReason: string | null;
  nextReviewAt: string | null;
  salesComment: string | null;
  salesViewAt: string | null;
  salesViewBy: Person | null;
  salesViewRequest: { id: string; status: IntelRequestStatus; createdAt: string; dueAt: string | null; overdue: boolean; assignedTo: Person | null } | null;
  account: HealthCheckRow['account'] & { currency: string; paymentTermsDays: number; creditLimit: Decimal | null; onHold: boolean };
  checks: HealthCheckChecks;
}

export interface IntelQuestionData {
  id: string;
  kind: IntelQuestionKind;
  template: string | null;
  text: string;
}

export interface IntelRequestData {
  id: string;
  status: IntelRequestStatus;
  message: string | null;
  dueAt: string | null;
  overdue: boolean;
  createdAt: string;
  answeredAt: string | null;
  declinedReason: string | null;
  reminderCount: number;
  remindedAt: string | null;
  account: { id: string; name: string };
  requestedBy: Person | null;
  assignedTo: Person | null;
  answeredBy: Person | null;
  questions: IntelQuestionData[];
  answers: { questionId: string; choice: string | null; note: string | null; dontKnow: boolean }[];
  healthCheck: { id: string; status: HealthCheckStatus; dueOn: string } | null;
}

export interface IntelTemplate {
  key: string;
  text: string;
  choices: { key: string; label: string }[];
}

export interface WatchData {
  id: string;
  kind: 'COUNTRY' | 'INDUSTRY';
  value: string;
  reason: string;
  active: boolean;
  accountCount: number;
  createdAt: string;
}

export interface AccountWork {
  id: string;
  openHealthCheck: { id: string; status: HealthCheckStatus; dueOn: string; startedAt: string | null } | null;
  healthChecks: { totalCount: number; edges: { node: { id: string; status: HealthCheckStatus; dueOn: string; completedAt: string | null; outcome: HealthCheckOutcome | null } }[] };
  intelRequests: { totalCount: number; edges: { node: IntelRequestData }[] };
}

/** `data` of each workspace document, by operation name. */
export interface WorkspaceOperationData extends WorkspaceVisitOperationData {
  WorkspacePortfolio: { accounts: Connection<PortfolioAccount> };
  WorkspaceAlerts: { alerts: Connection<InboxAlert> };
  WorkspaceAcknowledgeAlert: { acknowledgeAlert: { alert: { id: string; status: AlertStatus } } };
  WorkspaceResolveAlert: { resolveAlert: { alert: { id: string; status: AlertStatus } } };
  WorkspaceReviewPlan: { reviewPlan: ReviewPlanMonth };
  WorkspaceHealthChecks: { healthChecks: Connection<HealthCheckRow> };
  WorkspaceScheduleReviews: { scheduleReviews: { month: string; unconvertedCurrencies: string[]; reviews: { id: string; dueOn: string; account: { id: string } }[] } };
  WorkspaceStartHealthCheck: { startHealthCheck: { healthCheck: { id: string; status: HealthCheckStatus } } };
  WorkspaceHealthCheck: { node: HealthCheckDetail | Record<string, never> | null };
  WorkspaceCompleteHealthCheck: { completeHealthCheck: { healthCheck: { id: string; status: HealthCheckStatus; outcome: HealthCheckOutcome | null; nextReviewAt: string | null } } };
  WorkspaceRecordCreditReport: { recordCreditReport: { creditReport: CreditReportData } };
  WorkspaceIntelRequests: { intelRequests: Connection<IntelRequestData> };
  WorkspaceIntelTemplates: { intelQuestionTemplates: IntelTemplate[] };
  WorkspaceCreateIntelRequest: { createIntelRequest: { intelRequest: { id: string; status: IntelRequestStatus; assignedTo: Person | null } } };
  WorkspaceAnswerIntelRequest: { answerIntelRequest: { intelRequest: { id: string; status: IntelRequestStatus; answeredAt: string | null }; signals: { id: string; type: string }[] } };
  WorkspaceDeclineIntelRequest: { declineIntelRequest: { intelRequest: { id: string; status: IntelRequestStatus } } };
  WorkspaceRemindIntelRequest: { remindIntelRequest: { intelRequest: { id: string; reminderCount: number; remindedAt: string | null } } };
  WorkspaceCancelIntelRequest: { cancelIntelRequest: { intelRequest: { id: string; status: IntelRequestStatus } } };
  WorkspaceWatches: { watches: WatchData[] };
  WorkspaceAccountWork: { account: AccountWork | null };
}
