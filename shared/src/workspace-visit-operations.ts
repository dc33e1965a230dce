/**
 * The workspace page's documents for customer visits (issue 9, seed 004): the Visits tab, the visit page, its
 * follow-up and its internal report. Spread into `WORKSPACE_OPERATIONS`; run by name through `op/run` like the rest.
 */

const PAGE_INFO = 'totalCount pageInfo { hasNextPage endCursor }';
const PERSON = '{ id name }';
const FLAG = '{ kind excerpt reason field start end acknowledged }';
const SIGNAL = '{ id type label severity note observedAt }';

const VISIT_ROW = /* GraphQL */ `
  id purpose status scheduledAt place heldAt followedUpAt cancelledAt viewerCanEdit
  account { id name }
  organizer ${PERSON}
  attendees ${PERSON}
`;

const ACTION_ITEM = /* GraphQL */ `
  id title ownerName dueOn status overdue completedAt createdAt
  ownerUser ${PERSON}
  ownerContact { id name }
  createdBy ${PERSON}
  account { id name }
  visit { id purpose scheduledAt }
`;

const VISIT_REPORT = /* GraphQL */ `
  id recipients groups subject body emailStatus attempts lastError emailedAt createdAt
  sentBy ${PERSON}
`;

const VISIT_DETAIL = /* GraphQL */ `
  ${VISIT_ROW}
  goals decisions createdAt cancelReason briefingCount
  account { id name accountManager ${PERSON} contacts { id name email role } }
  organizer { id name email }
  attendees { id name email }
  contacts { id name email role }
  preMeetingNote preMeetingNoteAt
  questions { id template text asked answer }
  notes { id body takenAt createdAt author ${PERSON} flags ${FLAG} signals ${SIGNAL} }
  briefing { id preparedAt audience preparedBy ${PERSON} }
  actionItems { ${ACTION_ITEM} }
  signals ${SIGNAL}
  followUp { subject body draftedAt to flags ${FLAG} }
  acknowledgedFlags { source kind excerpt acknowledgedAt acknowledgedBy ${PERSON} }
  reports { ${VISIT_REPORT} }
`;

export const WORKSPACE_VISIT_OPERATIONS = {
  WorkspaceVisits: /* GraphQL */ `
    query WorkspaceVisits($first: Int!, $after: String, $filter: VisitFilter) {
      visits(first: $first, after: $after, filter: $filter) {
        ${PAGE_INFO}
        edges { node { ${VISIT_ROW} } }
      }
    }
  `,
  /** The account page's Visits block: upcoming (soonest first) and recent ones, and its open action items. */
  WorkspaceAccountVisits: /* GraphQL */ `
    query WorkspaceAccountVisits($id: ID!) {
      account(id: $id) {
        id
        upcoming: visits(first: 10, status: [PLANNED, BRIEFED]) { totalCount edges { node { ${VISIT_ROW} } } }
        recent: visits(first: 10, status: [HELD, FOLLOWED_UP, CANCELLED]) { totalCount edges { node { ${VISIT_ROW} } } }
        actionItems(status: [OPEN]) { ${ACTION_ITEM} }
      }
    }
  `,
  /** What the plan form needs about the customer: who manages it, and whom there is to meet. */
  WorkspaceVisitAccount: /* GraphQL */ `
    query WorkspaceVisitAccount($id: ID!) {
      account(id: $id) {
        id name
        accountManager ${PERSON}
        creditOwner ${PERSON}
        contacts { id name email role }
      }
    }
  `,
  WorkspaceVisit: /* GraphQL */ `
    query WorkspaceVisit($id: ID!) {
      node(id: $id) { ... on Visit { ${VISIT_DETAIL} } }
    }
  `,
  /** The briefing folder's document (the viewer's copy), apart from the visit: it is large, read only to show it. */
  WorkspaceVisitBriefing: /* GraphQL */ `
    query WorkspaceVisitBriefing($id: ID!) {
      node(id: $id) {
        ... on Visit { id purpose status scheduledAt account { id name } briefing { id preparedAt audience document } }
      }
    }
  `,
  WorkspaceVisitTemplates: /* GraphQL */ `
    query WorkspaceVisitTemplates($purpose: VisitPurpose!) {
      visitQuestionTemplates(purpose: $purpose) { key text }
    }
  `,
  WorkspacePlanVisit: /* GraphQL */ `
    mutation WorkspacePlanVisit($input: PlanVisitInput!) {
      planVisit(input: $input) { visit { id status } }
    }
  `,
  WorkspaceUpdateVisit: /* GraphQL */ `
    mutation WorkspaceUpdateVisit($input: UpdateVisitInput!) {
      updateVisit(input: $input) { visit { id } }
    }
  `,
  WorkspaceCancelVisit: /* GraphQL */ `
    mutation WorkspaceCancelVisit($input: CancelVisitInput!) {
      cancelVisit(input: $input) { visit { id status cancelledAt } }
    }
  `,
  WorkspacePreVisitMeeting: /* GraphQL */ `
    mutation WorkspacePreVisitMeeting($input: RecordPreVisitMeetingInput!) {
      recordPreVisitMeeting(input: $input) { visit { id preMeetingNote preMeetingNoteAt } }
    }
  `,
  WorkspaceSetVisitQuestions: /* GraphQL */ `
    mutation WorkspaceSetVisitQuestions($input: SetVisitQuestionsInput!) {
      setVisitQuestions(input: $input) { visit { id questions { id template text asked answer } } }
    }
  `,
  WorkspaceTickVisitQuestion: /* GraphQL */ `
    mutation WorkspaceTickVisitQuestion($input: TickVisitQuestionInput!) {
      tickVisitQuestion(input: $input) { visit { id questions { id template text asked answer } } }
    }
  `,
  WorkspacePrepareBriefing: /* GraphQL */ `
    mutation WorkspacePrepareBriefing($input: PrepareVisitBriefingInput!) {
      prepareVisitBriefing(input: $input) { visit { id status briefingCount } briefing { id preparedAt audience } }
    }
  `,
  WorkspaceMarkVisitHeld: /* GraphQL */ `
    mutation WorkspaceMarkVisitHeld($input: MarkVisitHeldInput!) {
      markVisitHeld(input: $input) { visit { id status heldAt } }
    }
  `,
  WorkspaceAddVisitNotes: /* GraphQL */ `
    mutation WorkspaceAddVisitNotes($input: AddVisitNotesInput!) {
      addVisitNotes(input: $input) { visit { id status } note { id } flags ${FLAG} }
    }
  `,
  WorkspaceRaiseSignalFromNote: /* GraphQL */ `
    mutation WorkspaceRaiseSignalFromNote($input: RaiseSignalFromVisitNoteInput!) {
      raiseSignalFromVisitNote(input: $input) { signal ${SIGNAL} visit { id } }
    }
  `,
  WorkspaceAddActionItem: /* GraphQL */ `
    mutation WorkspaceAddActionItem($input: AddActionItemInput!) {
      addActionItem(input: $input) { actionItem { id } }
    }
  `,
  WorkspaceUpdateActionItem: /* GraphQL */ `
    mutation WorkspaceUpdateActionItem($input: UpdateActionItemInput!) {
      updateActionItem(input: $input) { actionItem { id status completedAt overdue } }
    }
  `,
  WorkspaceActionItems: /* GraphQL */ `
    query WorkspaceActionItems($first: Int!, $after: String, $filter: ActionItemFilter) {
      actionItems(first: $first, after: $after, filter: $filter) {
        ${PAGE_INFO}
        edges { node { ${ACTION_ITEM} } }
      }
    }
  `,
  WorkspaceDraftFollowUp: /* GraphQL */ `
    mutation WorkspaceDraftFollowUp($input: DraftVisitFollowUpInput!) {
      draftVisitFollowUp(input: $input) { draft { subject body draftedAt to flags ${FLAG} } visit { id } }
    }
  `,
  WorkspaceCheckFollowUp: /* GraphQL */ `
    query WorkspaceCheckFollowUp($visitId: ID!, $source: VisitTextSource!, $text: String!) {
      visitGuardrails(visitId: $visitId, source: $source, text: $text) ${FLAG}
    }
  `,
  WorkspaceAcknowledgeFlag: /* GraphQL */ `
    mutation WorkspaceAcknowledgeFlag($input: AcknowledgeGuardrailFlagInput!) {
      acknowledgeGuardrailFlag(input: $input) { visit { id acknowledgedFlags { source kind excerpt acknowledgedAt acknowledgedBy ${PERSON} } } }
    }
  `,
  WorkspaceRecordFollowUp: /* GraphQL */ `
    mutation WorkspaceRecordFollowUp($input: RecordVisitFollowUpInput!) {
      recordVisitFollowUp(input: $input) { visit { id status followedUpAt } }
    }
  `,
  WorkspaceSendReport: /* GraphQL */ `
    mutation WorkspaceSendReport($input: SendVisitReportInput!) {
      sendVisitReport(input: $input) { report { ${VISIT_REPORT} } visit { id } }
    }
  `,
  /** Colleagues to take along or send the report to (active users but viewers), by name or e-mail. */
  WorkspaceColleagues: /* GraphQL */ `
    query WorkspaceColleagues($search: String, $first: Int) {
      colleagues(search: $search, first: $first) { id name email }
    }
  `,
  WorkspaceDistributionLists: /* GraphQL */ `
    query WorkspaceDistributionLists {
      distributionLists { id name description addresses }
    }
  `,
} as const;
