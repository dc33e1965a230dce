/**
 * The briefing folder of a customer visit (seed 004: "a complete and up-to-date folder that has all of the
 * account's relevant credit information"), as frozen by prepareVisitBriefing. The server assembles it
 * (server/src/domain/visit-briefing.ts) and stores two copies: CREDIT (everything) and SALES (what SALES may
 * see). The extension renders either one for screen and print (extension/src/ui/visits/BriefingDocument.tsx).
 *
 * Plain JSON: dates as ISO strings, money as decimal strings with their currency. A section SALES may not
 * see is null in the SALES copy and named in `omitted`.
 */
import type {
  ActionItemStatus,
  ContactChannel,
  ContactTone,
  DisputeKind,
  DisputeStatus,
  HealthCheckOutcome,
  HealthCheckStatus,
  IntelRequestStatus,
  NoteVisibility,
  PaymentTrend,
  RiskLevel,
  VisitPurpose,
  VisitStatus,
} from './enums.js';

export type BriefingAudience = 'CREDIT' | 'SALES';

/** A capped list: `items` (the most relevant first, at most the cap) out of `total`. */
export interface BriefingList<T> {
  total: number;
  items: T[];
}

export interface BriefingContact {
  name: string;
  role: string | null;
  email: string | null;
  phone: string | null;
  preferredChannel: ContactChannel | null;
  preferredTone: ContactTone | null;
  notes: string | null;
  /** One of the people we meet on this visit. */
  meeting: boolean;
}

export interface BriefingQuestion {
  text: string;
  asked: boolean;
  answer: string | null;
}

export interface BriefingVisitSection {
  purpose: VisitPurpose;
  purposeLabel: string;
  status: VisitStatus;
  scheduledAt: string;
  place: string | null;
  /** One goal per line of the visit's goals. */
  goals: string[];
  organizer: string | null;
  /** Our people: name and role. */
  attendees: { name: string; role: string }[];
  /** The customer's people we meet, with their preferences. */
  contacts: BriefingContact[];
  questions: BriefingQuestion[];
}

export interface BriefingAccountSection {
  name: string;
  industry: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string | null;
  website: string | null;
  keyAccount: boolean;
  accountManager: string | null;
  creditOwner: string | null;
  whyTheyBuy: string[];
  ourValue: string | null;
  alternatives: string | null;
  preferredChannel: ContactChannel | null;
  preferredTone: ContactTone | null;
  paymentTermsDays: number;
  lastContactAt: string | null;
  onHold: boolean;
  holdReason: string | null;
  /** Credit's actions in words ("On hold: …", "In collection since 3 Nov (reminders)", "Dispute open: …"). */
  creditActions: string[];
  /** Every contact of the account (the ones met on this visit first). */
  contacts: BriefingContact[];
}

export interface BriefingReason {
  code: string;
  label: string;
  /** Points of the risk score (CREDIT copy only). */
  weight: number | null;
  /** The reason with its figures in the CREDIT copy; in the SALES copy the same reason in words without figures (null in briefings without them). */
  detail: string | null;
}

export interface BriefingStatusSection {
  /** null: the account has not been assessed yet. */
  riskLevel: RiskLevel | null;
  riskLevelLabel: string;
  /** 0 (safe) to 100; CREDIT copy only. */
  riskScore: number | null;
  trend: PaymentTrend | null;
  /** "Paying later", "No change in payment timing" (STABLE: when they pay against their own norm, not a judgement of the payer), "Paying faster", or "No payment history yet". */
  trendLabel: string;
  /** In words, no figures, for both copies: level, trend, hold. */
  summary: string;
  /** Whether the payment pattern holds, in words ("Paying as usual", "Some invoices are well past due"). */
  paymentPattern: string;
  /** Heaviest first in the CREDIT copy; by label in the SALES copy (the order would rank the hidden weights). */
  reasons: BriefingReason[];
  computedAt: string | null;
}

/**
 * Money figures of the ledger section. `exposure`, `overdue`, `disputed` and `aging` are the ACCOUNT CURRENCY's own;
 * the converted totals (`totalExposure`, `totalOverdue`), `available`, `overLimit` and `limitUtilisation` count every
 * currency with a rate (as the panel does). Briefings prepared before issue 10 lack the optional fields: the
 * document then shows what they have, never a made-up figure.
 */
export interface BriefingLedgerSection {
  currency: string;
  creditLimit: string | null;
  /** Open receivables in the account currency: what the customer owes now, disputed invoices included. */
  exposure: string;
  /** Credit limit − exposure in every currency with a rate (converted); null without a limit. */
  available: string | null;
  overLimit: boolean;
  /** Past due and not disputed, in the account currency. */
  overdue: string;
  /** Held by open disputes, in the account currency: still in exposure, not in overdue or aging. */
  disputed: string;
  /** Open receivables in the account currency by days past due. */
  aging: { current: string; d1_30: string; d31_60: string; d61_90: string; d90plus: string };
  /** Exposure in every currency (converted) ÷ credit limit; null without a limit (missing in briefings before issue 10). */
  limitUtilisation?: number | null;
  /** DSO (countback) and best possible DSO, in days (missing in briefings before issue 10). */
  dso?: number | null;
  bestPossibleDso?: number | null;
  /** Average days from invoice to payment (ADP), amount-weighted. */
  averageDaysToPay: number | null;
  /** Paid DBT: average days paid after the due date (early = 0), amount-weighted, over 12 months of payments. */
  daysBeyondTerms: number | null;
  /** Paid DBT over the last 90 days of payments (missing in briefings prepared before it existed). */
  recentDaysBeyondTerms?: number | null;
  /** Average monthly purchases over the last 3 months ÷ anticipated (1.0 = as planned). */
  purchasesVsAnticipated: number | null;
  lastPaymentAt: string | null;
  /** Credit notes and cash not used up by open invoices: the customer is owed this. */
  creditBalance?: string;
  /** Every currency converted into the account currency; `unconvertedCurrencies` had no rate and are left out. */
  totalExposure?: string;
  totalOverdue?: string;
  unconvertedCurrencies?: string[];
  /** Open receivables in other currencies, each in its own (the rate beside, never made up). */
  otherCurrencies: BriefingCurrency[];
}

/** One other currency's figures in its own money; `rateToAccountCurrency` null: no rate, left out of the totals. */
export interface BriefingCurrency {
  currency: string;
  exposure: string;
  overdue?: string;
  oldestOverdueDays?: number | null;
  rateToAccountCurrency?: number | null;
  disputed?: string;
  creditBalance?: string;
  aging?: BriefingLedgerSection['aging'];
}

export interface BriefingInvoice {
  number: string;
  currency: string;
  issuedAt: string;
  dueAt: string;
  amount: string;
  outstanding: string;
  /** 0 when not yet due. */
  daysPastDue: number;
  disputed: boolean;
}

export interface BriefingDispute {
  kind: DisputeKind;
  status: DisputeStatus;
  reason: string;
  ownerTeam: string;
  openedAt: string;
  expectedBy: string | null;
  /** In words, no figures: "Delivery problem, owner: logistics, open 12 days". */
  summary: string;
  /** CREDIT copy only. */
  amount: string | null;
  currency: string;
  /** CREDIT copy only. */
  invoiceNumbers: string[] | null;
}

export interface BriefingPaymentMonth {
  /** YYYY-MM */
  month: string;
  invoiced: string;
  paid: string;
  averageDaysToPay: number | null;
  daysBeyondTerms: number | null;
}

export interface BriefingPaymentTrend {
  currency: string;
  /** Oldest first. */
  months: BriefingPaymentMonth[];
  /** Why the pattern reads as it does, with the figures. */
  detail: string;
}

export interface BriefingCreditReport {
  /** Bureau score normalised to 0–100 (higher is safer). */
  score: number;
  rating: string | null;
  source: string;
  reportedAt: string;
}

export interface BriefingBankChange {
  recordedAt: string;
  bankName: string | null;
  last4: string;
  /** false for the first record on file (the baseline), true when the account differs from the one before. */
  changed: boolean;
}

export interface BriefingSignal {
  type: string;
  label: string;
  severity: number;
  sentiment: string;
  source: string;
  status: string;
  observedAt: string;
  /** A finance signal's note reads in words in the SALES copy. */
  note: string | null;
  author: string | null;
}

export interface BriefingNote {
  body: string;
  author: string | null;
  visibility: NoteVisibility;
  createdAt: string;
}

export interface BriefingActionItem {
  title: string;
  owner: string;
  dueOn: string;
  status: ActionItemStatus;
  overdue: boolean;
}

export interface BriefingPastVisit {
  purposeLabel: string;
  status: VisitStatus;
  scheduledAt: string;
  heldAt: string | null;
  place: string | null;
  openActionItems: BriefingActionItem[];
}

export interface BriefingIntelRequest {
  status: IntelRequestStatus;
  message: string | null;
  questions: string[];
  requestedBy: string | null;
  assignedTo: string | null;
  dueAt: string | null;
  createdAt: string;
}

export interface BriefingReview {
  status: HealthCheckStatus;
  dueAt: string;
  startedAt: string | null;
  completedAt: string | null;
  reviewer: string | null;
  outcome: HealthCheckOutcome | null;
}

export interface Briefing {
  version: 1;
  audience: BriefingAudience;
  preparedAt: string;
  preparedBy: string | null;
  /** Sections left out of this copy, in words ("Ledger figures and aging", …). Empty for CREDIT. */
  omitted: string[];
  visit: BriefingVisitSection;
  account: BriefingAccountSection;
  status: BriefingStatusSection;
  /** null in the SALES copy. */
  ledger: BriefingLedgerSection | null;
  /** Open invoices, oldest due first; null in the SALES copy. */
  openInvoices: (BriefingList<BriefingInvoice> & { currency: string }) | null;
  disputes: BriefingList<BriefingDispute>;
  /** null in the SALES copy. */
  paymentTrend: BriefingPaymentTrend | null;
  /** Newest first; null in the SALES copy. */
  creditReports: BriefingList<BriefingCreditReport> | null;
  /** Newest first; null in the SALES copy. */
  bankChanges: BriefingList<BriefingBankChange> | null;
  signals: BriefingList<BriefingSignal>;
  /** Newest first; the SALES copy keeps notes visible to ALL only. */
  notes: BriefingList<BriefingNote>;
  /** Earlier visits to this account, newest first, with their open action items. */
  pastVisits: BriefingList<BriefingPastVisit>;
  /** Open action items of the account, due first. */
  actionItems: BriefingList<BriefingActionItem>;
  intelRequests: BriefingList<BriefingIntelRequest>;
  /** Health-check reviews: open ones and the latest completed. */
  reviews: BriefingList<BriefingReview>;
}
