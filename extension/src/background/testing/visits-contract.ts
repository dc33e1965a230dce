/**
 * Issue 9's API contract for what the panel and popup ask of visits, as SDL: a stand-in that `fake-server.ts`
 * adds to `server/schema.graphql` only while that schema has no `Visit` type (the API is built on another
 * branch). Once the printed schema has visits, this is not used and the real schema checks the documents —
 * delete this file then.
 */
export const VISITS_CONTRACT_SDL = /* GraphQL */ `
  enum VisitPurpose { INTRODUCTION PROBLEM_SOLVING CREDIT_TERMS_REVIEW COLLECTION }
  enum VisitStatus { PLANNED BRIEFED HELD FOLLOWED_UP CANCELLED }
  enum ActionItemStatus { OPEN DONE CANCELLED }
  enum GuardrailKind { COMMITMENT OTHER_CUSTOMER NEGATIVE_ABOUT_US }

  type Visit implements Node {
    id: ID!
    account: Account!
    purpose: VisitPurpose!
    status: VisitStatus!
    scheduledAt: DateTime!
    place: String
    organizer: User
    attendees: [User!]!
    heldAt: DateTime
    viewerCanEdit: Boolean!
  }
  type VisitConnection { edges: [VisitEdge!]! pageInfo: PageInfo! }
  type VisitEdge { cursor: String! node: Visit! }
  type VisitNote implements Node { id: ID! body: String! takenAt: DateTime! }
  type GuardrailFlag { kind: GuardrailKind! excerpt: String! reason: String! start: Int! end: Int! acknowledged: Boolean! }
  type ActionItem implements Node {
    id: ID!
    account: Account!
    visit: Visit
    title: String!
    ownerUser: User
    ownerContact: Contact
    ownerName: String!
    dueOn: DateTime!
    status: ActionItemStatus!
    overdue: Boolean!
    completedAt: DateTime
  }

  extend type Account {
    visits(status: [VisitStatus!], first: Int, after: String): VisitConnection!
    actionItems(status: [ActionItemStatus!]): [ActionItem!]!
  }

  input VisitFilter { mine: Boolean status: [VisitStatus!] accountId: ID from: DateTime to: DateTime }
  extend type Query { visits(filter: VisitFilter, first: Int, after: String): VisitConnection! }

  input AddVisitNotesInput { visitId: ID! notes: String! idempotencyKey: String takenAt: DateTime }
  type AddVisitNotesPayload { visit: Visit! note: VisitNote! flags: [GuardrailFlag!]! }
  input UpdateActionItemInput { actionItemId: ID! title: String dueOn: DateTime status: ActionItemStatus ownerUserId: ID ownerContactId: ID }
  type ActionItemPayload { actionItem: ActionItem! }
  extend type Mutation {
    addVisitNotes(input: AddVisitNotesInput!): AddVisitNotesPayload!
    updateActionItem(input: UpdateActionItemInput!): ActionItemPayload!
  }
`;
