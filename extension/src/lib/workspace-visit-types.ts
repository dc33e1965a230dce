/** The data the workspace page's visit documents select (shared/src/workspace-visit-operations.ts; keep in step). */
import type {
  ActionItemStatus,
  Briefing,
  BriefingAudience,
  GuardrailKind,
  SignalType,
  VisitPurpose,
  VisitReportEmailStatus,
  VisitStatus,
  VisitTextSource,
} from '@earshot/shared';
import type { Connection, Person } from './workspace-types.js';

export interface VisitRow {
  id: string;
  purpose: VisitPurpose;
  status: VisitStatus;
  scheduledAt: string;
  place: string | null;
  heldAt: string | null;
  followedUpAt: string | null;
  cancelledAt: string | null;
  viewerCanEdit: boolean;
  account: { id: string; name: string };
  organizer: Person | null;
  attendees: Person[];
}

export interface VisitContact {
  id: string;
  name: string;
  email: string | null;
  role: string | null;
}

export interface GuardrailFlag {
  kind: GuardrailKind;
  excerpt: string;
  reason: string;
  /** "subject" or "body" of the follow-up, or "notes": `start`/`end` count in that text. */
  field: string;
  start: number;
  end: number;
  acknowledged: boolean;
}

export interface VisitSignal {
  id: string;
  type: SignalType;
  label: string;
  severity: number;
  note: string | null;
  observedAt: string;
}

export interface VisitNote {
  id: string;
  body: string;
  takenAt: string;
  createdAt: string;
  author: Person | null;
  flags: GuardrailFlag[];
  signals: VisitSignal[];
}

export interface ActionItem {
  id: string;
  title: string;
  ownerName: string;
  dueOn: string;
  status: ActionItemStatus;
  overdue: boolean;
  completedAt: string | null;
  createdAt: string;
  ownerUser: Person | null;
  ownerContact: Person | null;
  createdBy: Person | null;
  account: { id: string; name: string };
  visit: { id: string; purpose: VisitPurpose; scheduledAt: string } | null;
}

export interface VisitQuestionData {
  id: string;
  template: string | null;
  text: string;
  asked: boolean;
  answer: string | null;
}

export interface VisitFollowUp {
  subject: string;
  body: string;
  draftedAt: string;
  to: string[];
  flags: GuardrailFlag[];
}

export interface VisitReport {
  id: string;
  recipients: string[];
  groups: string[];
  subject: string;
  body: string;
  emailStatus: VisitReportEmailStatus;
  attempts: number;
  lastError: string | null;
  emailedAt: string | null;
  createdAt: string;
  sentBy: Person | null;
}

export interface VisitDetail extends Omit<VisitRow, 'account' | 'organizer' | 'attendees'> {
  goals: string | null;
  decisions: string | null;
  createdAt: string;
  cancelReason: string | null;
  briefingCount: number;
  account: { id: string; name: string; accountManager: Person | null; contacts: VisitContact[] };
  organizer: (Person & { email: string }) | null;
  attendees: (Person & { email: string })[];
  contacts: VisitContact[];
  preMeetingNote: string | null;
  preMeetingNoteAt: string | null;
  questions: VisitQuestionData[];
  notes: VisitNote[];
  briefing: { id: string; preparedAt: string; audience: BriefingAudience; preparedBy: Person | null } | null;
  actionItems: ActionItem[];
  signals: VisitSignal[];
  followUp: VisitFollowUp | null;
  acknowledgedFlags: { source: VisitTextSource; kind: GuardrailKind; excerpt: string; acknowledgedAt: string; acknowledgedBy: Person | null }[];
  reports: VisitReport[];
}

export interface VisitAccount {
  id: string;
  name: string;
  accountManager: Person | null;
  creditOwner: Person | null;
  contacts: VisitContact[];
}

export interface DistributionList {
  id: string;
  name: string;
  description: string | null;
  addresses: string[];
}

type Payload<K extends string, V> = { [P in K]: V };

/** `data` of each visit document, by operation name. */
export interface WorkspaceVisitOperationData {
  WorkspaceVisits: { visits: Connection<VisitRow> };
  WorkspaceAccountVisits: {
    account: { id: string; upcoming: Pick<Connection<VisitRow>, 'totalCount' | 'edges'>; recent: Pick<Connection<VisitRow>, 'totalCount' | 'edges'>; actionItems: ActionItem[] } | null;
  };
  WorkspaceVisitAccount: { account: VisitAccount | null };
  WorkspaceVisit: { node: VisitDetail | Record<string, never> | null };
  WorkspaceVisitBriefing: {
    node:
      | {
          id: string;
          purpose: VisitPurpose;
          status: VisitStatus;
          scheduledAt: string;
          account: { id: string; name: string };
          briefing: { id: string; preparedAt: string; audience: BriefingAudience; document: Briefing } | null;
        }
      | Record<string, never>
      | null;
  };
  WorkspaceVisitTemplates: { visitQuestionTemplates: { key: string; text: string }[] };
  WorkspacePlanVisit: Payload<'planVisit', { visit: { id: string; status: VisitStatus } }>;
  WorkspaceUpdateVisit: Payload<'updateVisit', { visit: { id: string } }>;
  WorkspaceCancelVisit: Payload<'cancelVisit', { visit: { id: string; status: VisitStatus; cancelledAt: string | null } }>;
  WorkspacePreVisitMeeting: Payload<'recordPreVisitMeeting', { visit: { id: string; preMeetingNote: string | null; preMeetingNoteAt: string | null } }>;
  WorkspaceSetVisitQuestions: Payload<'setVisitQuestions', { visit: { id: string; questions: VisitQuestionData[] } }>;
  WorkspaceTickVisitQuestion: Payload<'tickVisitQuestion', { visit: { id: string; questions: VisitQuestionData[] } }>;
  WorkspacePrepareBriefing: Payload<
    'prepareVisitBriefing',
    { visit: { id: string; status: VisitStatus; briefingCount: number }; briefing: { id: string; preparedAt: string; audience: BriefingAudience } }
  >;
  WorkspaceMarkVisitHeld: Payload<'markVisitHeld', { visit: { id: string; status: VisitStatus; heldAt: string | null } }>;
  WorkspaceAddVisitNotes: Payload<'addVisitNotes', { visit: { id: string; status: VisitStatus }; note: { id: string }; flags: GuardrailFlag[] }>;
  WorkspaceRaiseSignalFromNote: Payload<'raiseSignalFromVisitNote', { signal: VisitSignal; visit: { id: string } }>;
  WorkspaceAddActionItem: Payload<'addActionItem', { actionItem: { id: string } }>;
  WorkspaceUpdateActionItem: Payload<'updateActionItem', { actionItem: { id: string; status: ActionItemStatus; completedAt: string | null; overdue: boolean } }>;
  WorkspaceActionItems: { actionItems: Connection<ActionItem> };
  WorkspaceDraftFollowUp: Payload<'draftVisitFollowUp', { draft: VisitFollowUp; visit: { id: string } }>;
  WorkspaceCheckFollowUp: { visitGuardrails: GuardrailFlag[] };
  WorkspaceAcknowledgeFlag: Payload<'acknowledgeGuardrailFlag', { visit: { id: string; acknowledgedFlags: VisitDetail['acknowledgedFlags'] } }>;
  WorkspaceRecordFollowUp: Payload<'recordVisitFollowUp', { visit: { id: string; status: VisitStatus; followedUpAt: string | null } }>;
  WorkspaceSendReport: Payload<'sendVisitReport', { report: VisitReport; visit: { id: string } }>;
  WorkspaceDistributionLists: { distributionLists: DistributionList[] };
  WorkspaceColleagues: { colleagues: Colleague[] };
}

/** A colleague to pick (`colleagues` query): an active user who is not a viewer. */
export interface Colleague {
  id: string;
  name: string;
  email: string;
}
