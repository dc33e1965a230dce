/**
 * The credit file a visit briefing is assembled from (domain/visit-briefing.ts): plain facts the service gathers
 * (services/visit-briefing.ts), already capped. Money as decimal strings, dates as Date or ISO strings.
 */
import type { StoredBehaviour, StoredFactor } from './stored-status.js';
import type {
  ActionItemStatus,
  BriefingAccountSection,
  BriefingContact,
  BriefingList,
  CollectionStatus,
  DisputeKind,
  DisputeStatus,
  HealthCheckOutcome,
  HealthCheckStatus,
  IntelRequestStatus,
  NoteVisibility,
  PaymentTrend,
  RiskLevel,
  SignalType,
  VisitPurpose,
  VisitQuestion,
  VisitStatus,
} from '@earshot/shared';
import type { DateInput } from './calendar.js';

/** How many rows of each list a briefing keeps (the total is kept too: "50 of 212"). */
export const BRIEFING_CAPS = {
  openInvoices: 50,
  disputes: 20,
  creditReports: 5,
  bankChanges: 10,
  signals: 20,
  notes: 20,
  pastVisits: 10,
  actionItems: 50,
  intelRequests: 20,
  reviews: 5,
} as const;

/** The account's stored behaviour (AccountMetrics.behaviour): what the briefing's ledger section is made from. */
export type LedgerFigures = StoredBehaviour;

export interface FileMetrics {
  riskLevel: RiskLevel;
  riskScore: number;
  trend: PaymentTrend;
  behaviour: LedgerFigures;
  factors: StoredFactor[];
  computedAt: DateInput;
}

export interface FileContact extends Omit<BriefingContact, 'meeting'> {
  id: string;
}

export interface FileActionItem {
  title: string;
  ownerUser: string | null;
  ownerContact: string | null;
  dueOn: DateInput;
  status: ActionItemStatus;
}

export interface CreditFile {
  /** The account's card as the briefing shows it, plus what credit's actions and the ledger section are made from. */
  account: Omit<BriefingAccountSection, 'lastContactAt' | 'creditActions' | 'contacts'> & {
    lastContactAt: DateInput | null;
    collectionStatus: CollectionStatus | null;
    collectionSince: Date | null;
    currency: string;
    creditLimit: string | null;
  };
  contacts: FileContact[];
  /** null: never assessed. */
  metrics: FileMetrics | null;
  visit: {
    purpose: VisitPurpose;
    status: VisitStatus;
    scheduledAt: DateInput;
    place: string | null;
    goals: string;
    organizer: string | null;
    attendees: { name: string; role: string }[];
    contactIds: string[];
    questions: VisitQuestion[];
  };
  /** Open (outstanding > 0) invoices, oldest due first. */
  openInvoices: BriefingList<{ number: string; currency: string; amount: string; outstanding: string; issuedAt: DateInput; dueAt: DateInput; disputed: boolean }>;
  /** Open disputes first, then the latest closed ones. `amount`: the named invoices' open amounts, or the amount given. */
  disputes: BriefingList<{
    kind: DisputeKind;
    status: DisputeStatus;
    reason: string;
    ownerTeam: string;
    openedAt: Date;
    expectedBy: DateInput | null;
    amount: string | null;
    currency: string;
    invoiceNumbers: string[];
  }>;
  /** Newest first. */
  creditReports: BriefingList<{ score: number; rating: string | null; source: string; reportedAt: DateInput }>;
  /** Newest first, one more than the cap when there is one (to tell whether the oldest shown was a change). */
  bankRecords: BriefingList<{ fingerprint: string; last4: string; bankName: string | null; recordedAt: DateInput }>;
  /** Newest first. */
  signals: BriefingList<{
    type: SignalType;
    severity: number;
    sentiment: string;
    source: string;
    status: string;
    observedAt: DateInput;
    note: string | null;
    author: string | null;
  }>;
  /** Newest first: every note, and the notes visible to ALL (the SALES copy's). */
  notes: {
    all: BriefingList<{ body: string; author: string | null; visibility: NoteVisibility; createdAt: DateInput }>;
    shared: BriefingList<{ body: string; author: string | null; visibility: NoteVisibility; createdAt: DateInput }>;
  };
  /** Other visits to the account, newest first, each with its open action items. */
  pastVisits: BriefingList<{ purpose: VisitPurpose; status: VisitStatus; scheduledAt: DateInput; heldAt: DateInput | null; place: string | null; openActionItems: FileActionItem[] }>;
  /** Open action items of the account, due first. */
  actionItems: BriefingList<FileActionItem>;
  intelRequests: BriefingList<{
    status: IntelRequestStatus;
    message: string | null;
    questions: string[];
    requestedBy: string | null;
    assignedTo: string | null;
    dueAt: DateInput | null;
    createdAt: DateInput;
  }>;
  reviews: BriefingList<{
    status: HealthCheckStatus;
    dueAt: DateInput;
    startedAt: DateInput | null;
    completedAt: DateInput | null;
    reviewer: string | null;
    outcome: HealthCheckOutcome | null;
  }>;
  /** Open health-check reviews in progress (for credit's actions in words). */
  reviewsInProgress: { startedAt: Date | null }[];
}
