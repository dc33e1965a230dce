/**
 * The workspace page's documents (extension page `dashboard.html`), run by name through the service worker's
 * `op/run` like every page operation. Kept apart from `operations.ts` so the page's list is read in one place;
 * `OPERATIONS` spreads them in, and the server's schema test validates them with the rest.
 *
 * Figures (exposure, scores, purchases, limits) are selected for everyone: the server returns null where the
 * viewer may not see them, and the page shows words or nothing then — it never computes a figure itself.
 */

import { WORKSPACE_VISIT_OPERATIONS } from './workspace-visit-operations.js';

const PAGE_INFO = 'totalCount pageInfo { hasNextPage endCursor }';
const PERSON = '{ id name }';

const HEALTH_CHECK_ROW = /* GraphQL */ `
  id status plannedMonth dueOn startedAt completedAt outcome salesView
  reviewer ${PERSON}
  account { id name accountManager ${PERSON} creditStatus { riskLevel exposure } }
`;

const INTEL_REQUEST_FIELDS = /* GraphQL */ `
  id status message dueAt overdue createdAt answeredAt declinedReason reminderCount remindedAt
  account { id name }
  requestedBy ${PERSON}
  assignedTo ${PERSON}
  answeredBy ${PERSON}
  questions { id kind template text }
  answers { questionId choice note dontKnow }
  healthCheck { id status dueOn }
`;

const CREDIT_REPORT = '{ source score rating reportedAt }';

export const WORKSPACE_OPERATIONS = {
  WorkspacePortfolio: /* GraphQL */ `
    query WorkspacePortfolio($first: Int!, $after: String, $filter: AccountFilter, $orderBy: AccountOrder) {
      accounts(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
        ${PAGE_INFO}
        edges {
          node {
            id name industry country currency onHold nextReviewAt
            accountManager ${PERSON}
            creditOwner ${PERSON}
            creditStatus { riskLevel riskScore exposure overdue onHold trend }
          }
        }
      }
    }
  `,
  WorkspaceAlerts: /* GraphQL */ `
    query WorkspaceAlerts($first: Int!, $after: String, $filter: AlertFilter) {
      alerts(first: $first, after: $after, filter: $filter) {
        ${PAGE_INFO}
        edges {
          node {
            id rule title detail severity status createdAt acknowledgedAt reopenedAt
            owner ${PERSON}
            account { id name creditStatus { riskLevel } }
          }
        }
      }
    }
  `,
  WorkspaceAcknowledgeAlert: /* GraphQL */ `
    mutation WorkspaceAcknowledgeAlert($input: AlertActionInput!) {
      acknowledgeAlert(input: $input) { alert { id status acknowledgedAt } }
    }
  `,
  WorkspaceResolveAlert: /* GraphQL */ `
    mutation WorkspaceResolveAlert($input: AlertActionInput!) {
      resolveAlert(input: $input) { alert { id status resolvedAt } }
    }
  `,
  WorkspaceReviewPlan: /* GraphQL */ `
    query WorkspaceReviewPlan($month: String!) {
      reviewPlan(month: $month) {
        month reportingCurrency unconvertedCurrencies
        owners { owner ${PERSON} capacity planned inProgress done }
      }
    }
  `,
  WorkspaceHealthChecks: /* GraphQL */ `
    query WorkspaceHealthChecks($first: Int!, $after: String, $filter: HealthCheckFilter) {
      healthChecks(first: $first, after: $after, filter: $filter) {
        ${PAGE_INFO}
        edges { node { ${HEALTH_CHECK_ROW} } }
      }
    }
  `,
  WorkspaceScheduleReviews: /* GraphQL */ `
    mutation WorkspaceScheduleReviews($input: ScheduleReviewsInput!) {
      scheduleReviews(input: $input) { month unconvertedCurrencies reviews { id dueOn account { id } } }
    }
  `,
  WorkspaceStartHealthCheck: /* GraphQL */ `
    mutation WorkspaceStartHealthCheck($input: StartHealthCheckInput!) {
      startHealthCheck(input: $input) { healthCheck { id status } }
    }
  `,
  WorkspaceHealthCheck: /* GraphQL */ `
    query WorkspaceHealthCheck($id: ID!) {
      node(id: $id) {
        ... on HealthCheck {
          ${HEALTH_CHECK_ROW}
          completedBy ${PERSON}
          outcomeNote newCreditLimit putOnHold holdReason nextReviewAt
          salesComment salesViewAt
          salesViewBy ${PERSON}
          salesViewRequest { id status createdAt dueAt overdue assignedTo ${PERSON} }
          account { id name currency paymentTermsDays creditLimit onHold }
          checks {
            creditReport { latest ${CREDIT_REPORT} previous ${CREDIT_REPORT} scoreBefore scoreAfter updatedDuringReview checked note }
            bankDetails { changedSinceLastReview changes lastChangeAt unchanged note }
            purchases { currency anticipatedMonthly months { month invoiced } averageMonthly ratio summary note }
            paymentPattern { consistent recentAvgDaysToPay priorAvgDaysToPay summary confirmed note }
          }
        }
      }
    }
  `,
  WorkspaceCompleteHealthCheck: /* GraphQL */ `
    mutation WorkspaceCompleteHealthCheck($input: CompleteHealthCheckInput!) {
      completeHealthCheck(input: $input) { healthCheck { id status outcome nextReviewAt } }
    }
  `,
  WorkspaceRecordCreditReport: /* GraphQL */ `
    mutation WorkspaceRecordCreditReport($input: RecordCreditReportInput!) {
      recordCreditReport(input: $input) { creditReport ${CREDIT_REPORT} }
    }
  `,
  WorkspaceIntelRequests: /* GraphQL */ `
    query WorkspaceIntelRequests($first: Int!, $after: String, $filter: IntelRequestFilter) {
      intelRequests(first: $first, after: $after, filter: $filter) {
        ${PAGE_INFO}
        edges { node { ${INTEL_REQUEST_FIELDS} } }
      }
    }
  `,
  WorkspaceIntelTemplates: /* GraphQL */ `
    query WorkspaceIntelTemplates {
      intelQuestionTemplates { key text choices { key label } }
    }
  `,
  WorkspaceCreateIntelRequest: /* GraphQL */ `
    mutation WorkspaceCreateIntelRequest($input: CreateIntelRequestInput!) {
      createIntelRequest(input: $input) { intelRequest { id status assignedTo ${PERSON} } }
    }
  `,
  WorkspaceAnswerIntelRequest: /* GraphQL */ `
    mutation WorkspaceAnswerIntelRequest($input: AnswerIntelRequestInput!) {
      answerIntelRequest(input: $input) { intelRequest { id status answeredAt } signals { id type } }
    }
  `,
  WorkspaceDeclineIntelRequest: /* GraphQL */ `
    mutation WorkspaceDeclineIntelRequest($input: DeclineIntelRequestInput!) {
      declineIntelRequest(input: $input) { intelRequest { id status } }
    }
  `,
  WorkspaceRemindIntelRequest: /* GraphQL */ `
    mutation WorkspaceRemindIntelRequest($input: RemindIntelRequestInput!) {
      remindIntelRequest(input: $input) { intelRequest { id reminderCount remindedAt } }
    }
  `,
  WorkspaceCancelIntelRequest: /* GraphQL */ `
    mutation WorkspaceCancelIntelRequest($input: CancelIntelRequestInput!) {
      cancelIntelRequest(input: $input) { intelRequest { id status } }
    }
  `,
  WorkspaceWatches: /* GraphQL */ `
    query WorkspaceWatches {
      watches { id kind value reason active accountCount createdAt }
    }
  `,
  WorkspaceAccountWork: /* GraphQL */ `
    query WorkspaceAccountWork($id: ID!) {
      account(id: $id) {
        id
        openHealthCheck { id status dueOn startedAt }
        healthChecks(first: 5, status: [DONE]) { totalCount edges { node { id status dueOn completedAt outcome } } }
        intelRequests(first: 10, status: [OPEN]) { totalCount edges { node { ${INTEL_REQUEST_FIELDS} } } }
      }
    }
  `,
  ...WORKSPACE_VISIT_OPERATIONS,
} as const;
