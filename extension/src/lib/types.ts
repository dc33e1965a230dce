/** Shapes of the data the extension reads, as selected by `AccountCard` in @earshot/shared operations. */
import type {
  AlertRule,
  AlertStatus,
  ContactChannel,
  ContactTone,
  CrmSystem,
  DisputeKind,
  DisputeStatus,
  IntelQuestionKind,
  IntelRequestStatus,
  NoteVisibility,
  PaymentTrend,
  PaymentTrendBasis,
  RiskLevel,
  Role,
  Sentiment,
  SignalSource,
  SignalStatus,
  SignalType,
} from '@earshot/shared';

/** Money arrives as a decimal string ("50000.00"), never a float. */
export type Decimal = string;

export interface PersonRef {
  id: string;
  name: string;
  email?: string;
  businessUnit?: string | null;
  role?: Role;
}

export interface CreditFactor {
  code: string;
  label: string;
  /** null for users who may not see the weights (SALES, VIEWER); the server lists the factors heaviest first for everyone. */
  weight: number | null;
  /** The reason in a sentence: with its figures for the credit team, in words only for everyone else. */
  detail: string | null;
}

export type AgingData = { current: Decimal; d1_30: Decimal; d31_60: Decimal; d61_90: Decimal; d90plus: Decimal };

/** Receivables in one currency, in that currency (`CurrencyExposure`). */
export interface CurrencyExposureData {
  currency: string;
  exposure: Decimal;
  overdue: Decimal | null;
  disputed: Decimal | null;
  creditBalance: Decimal | null;
  oldestOverdueDays: number | null;
  /** Units of the account currency per unit of this one; null when no rate is set (then it is not in the totals). */
  rateToAccountCurrency: number | null;
  aging: AgingData | null;
}

/**
 * The credit status's detail (`AccountCreditDetail`): apart from the panel's card, because the card is asked for up
 * to 10 matches at once; the panel asks it for the account on view (`PanelAccountDetail`).
 * null for users who may not see ledger figures.
 */
export interface CreditDetailData {
  /** Unapplied credit notes and cash, in the account currency (the customer is owed this). */
  creditBalance: Decimal | null;
  /** Countback DSO, days. */
  dso: number | null;
  /** The countback of the current (not yet due) receivables over the same months as `dso`; never above it. */
  bestPossibleDso: number | null;
  /** Exposure in all currencies ÷ credit limit (0.92 = 92% in use); null without a limit. */
  limitUtilisation: number | null;
  /** Exposure and overdue in every currency with a rate, converted into the account currency. */
  totalExposure: Decimal | null;
  totalOverdue: Decimal | null;
  /** Currencies with receivables but no exchange rate: listed on their own, not in the totals. */
  unconvertedCurrencies: string[] | null;
  /** Every currency with receivables, the account currency first. */
  currencies: CurrencyExposureData[] | null;
  /** Invoices fully paid so far: with too few the trend is NO_HISTORY. */
  paidInvoices: number | null;
}

/**
 * "Does this order fit?" for everyone who may read the account: a state and, with room, the available amount rounded
 * down to two significant figures (at least 100). The exact figures stay with the credit team.
 */
export interface OrderHeadroomData {
  /** CREDIT-MODEL.md §6a: ON_HOLD, then CRITICAL_RISK, NO_LIMIT, OVER_LIMIT, then room (ROOM_HIGH_RISK with a caution). */
  state: 'ROOM' | 'ROOM_HIGH_RISK' | 'CRITICAL_RISK' | 'OVER_LIMIT' | 'ON_HOLD' | 'NO_LIMIT';
  /** In the account currency (the card asks only state and amount: one per match, up to 10). */
  roughAmount: Decimal | null;
  /** With room only: what to check with credit before a large order (CREDIT-MODEL.md §6a); absent in cached cards. */
  caution?: 'LARGE_INVOICES_UNPAID' | 'LONG_OVERDUE' | 'PAYING_LATER' | null;
}

/** The card's credit status; the `CreditDetailData` fields come with `account/get` and, in the panel, with `PanelAccountDetail` (absent until then). */
export interface CreditStatusData extends Partial<CreditDetailData> {
  riskLevel: RiskLevel;
  /** null for users who may not see the figures (SALES). */
  riskScore: number | null;
  /** Absent in cached cards from before the field. */
  orderHeadroom?: OrderHeadroomData | null;
  trend: PaymentTrend;
  /** What the trend compared the last 90 days with; null with NO_HISTORY. Absent in cached cards from before the field. */
  trendBasis?: PaymentTrendBasis | null;
  /**
   * The server's sentence for the trend, naming what it compared (credit: with the per-invoice averages; everyone else
   * in words). Absent in cached cards from before the field: the trend's word then.
   */
  trendSentence?: string;
  onHold: boolean;
  /** null for users who may see the level only (SALES sees level, score and factor labels). */
  exposure: Decimal | null;
  available: Decimal | null;
  overdue: Decimal | null;
  /** Open amounts of invoices in an open dispute: apart from `overdue` and `aging`, which exclude them. */
  disputed: Decimal | null;
  /** ADP: average days from issue to payment, amount-weighted, last 12 months of payments. */
  avgDaysToPay: number | null;
  /** Paid DBT: average days paid after the due date (early = 0), amount-weighted, last 12 months; the chart's quantity. */
  daysBeyondTerms: number | null;
  /** Paid DBT over the last 90 days of payments (amount-weighted). Absent in cached cards from before the field. */
  recentDaysBeyondTerms?: number | null;
  computedAt: string;
  factors: CreditFactor[];
  aging: AgingData | null;
  paymentSeries: { month: string; invoiced: Decimal; paid: Decimal; avgDaysToPay: number | null; daysBeyondTerms: number | null }[] | null;
}

export interface SignalData {
  id: string;
  type: SignalType;
  severity: number;
  sentiment: Sentiment;
  source: SignalSource;
  status: SignalStatus;
  note: string | null;
  observedAt: string;
  sourceUrl: string | null;
  author: PersonRef | null;
}

export interface NoteData {
  id: string;
  body: string;
  visibility: NoteVisibility;
  createdAt: string;
  author: PersonRef | null;
}

export interface AlertData {
  id: string;
  rule: AlertRule;
  title: string;
  severity: number;
  status: AlertStatus;
  createdAt: string;
  /** With the ledger's figures for credit; the condition in words for everyone else. */
  detail?: string | null;
  /** Ids and figures behind the alert (amounts as decimal strings); null unless the viewer sees credit figures. */
  evidence?: AlertEvidence | null;
  acknowledgedAt?: string | null;
  /** Who may close it besides credit (an alert given to an account manager). */
  owner?: { id: string } | null;
}

export interface AlertEvidence {
  invoiceIds?: string[];
  signalIds?: string[];
  metrics?: Record<string, number | string | boolean | null>;
}

export interface ContactData {
  id: string;
  name: string;
  email: string | null;
  role: string | null;
  phone: string | null;
  preferredChannel: ContactChannel | null;
  preferredTone: ContactTone | null;
}

/** A question of a request; its choices follow from its kind and template (`choicesOf` in the panel). */
export interface IntelQuestionData {
  id: string;
  kind: IntelQuestionKind;
  template: string | null;
  text: string;
}

/** An open intel request as the panel shows it (`AccountWork` fragment). */
export interface IntelRequestData {
  id: string;
  message: string | null;
  status: IntelRequestStatus;
  dueAt: string | null;
  overdue: boolean;
  createdAt: string;
  requestedBy: PersonRef | null;
  assignedTo: PersonRef | null;
  questions: IntelQuestionData[];
}

/** An open intel request as the popup lists it (`PopupIntelRequest` fragment). */
export interface IntelRequestSummary {
  id: string;
  message: string | null;
  dueAt: string | null;
  overdue: boolean;
  createdAt: string;
  requestedBy: PersonRef | null;
  account: { id: string; name: string };
  questions: { id: string }[];
}

export interface DisputeData {
  id: string;
  kind: DisputeKind;
  reason: string;
  ownerTeam: string;
  owner: PersonRef | null;
  currency: string;
  /** null for users who may not see ledger figures. */
  amount: Decimal | null;
  invoiceCount: number;
  status: DisputeStatus;
  openedAt: string;
  expectedBy: string | null;
  /** Words, no figures: what everyone may read. */
  summary: string;
}

export type CreditActionKind = 'ON_HOLD' | 'COLLECTION' | 'REVIEW_IN_PROGRESS' | 'DISPUTE_OPEN';

export interface CreditActionData {
  kind: CreditActionKind;
  text: string;
  since: string | null;
}

export interface AccountCardData {
  id: string;
  name: string;
  domains: string[];
  industry: string | null;
  country: string | null;
  website: string | null;
  currency: string;
  creditLimit: Decimal | null;
  paymentTermsDays: number;
  onHold: boolean;
  /** What the customer does. */
  description: string | null;
  whyTheyBuy: string[];
  ourValue: string | null;
  alternatives: string | null;
  preferredChannel: ContactChannel | null;
  preferredTone: ContactTone | null;
  contactFrequencyDays: number | null;
  keyAccount: boolean;
  /** A key account quiet for longer than its cadence. */
  contactOverdue: boolean;
  lastContactAt: string | null;
  nextReviewAt: string | null;
  creditActions: CreditActionData[];
  accountManager: PersonRef | null;
  creditOwner: PersonRef | null;
  crmLinks: { system: CrmSystem; objectType: string; recordId: string; url: string | null }[];
  contacts: ContactData[];
  creditStatus: CreditStatusData | null;
  alerts: { totalCount?: number; edges: { node: AlertData }[] };
  /** `AccountWork`: open and acknowledged alerts with detail, evidence and the full count (absent until it arrives). */
  standingAlerts?: { totalCount: number; edges: { node: AlertData }[] };
  /** Not in the panel's lookup (PanelAccountCard): the panel asks it for the account on view (PanelAccountDetail). */
  signals?: { totalCount: number; edges: { node: SignalData }[] };
  notes: { edges: { node: NoteData }[] };
  /** The fields below come from the `AccountWork` fragment (the worker merges them into the card). */
  intelRequests: { totalCount: number; edges: { node: IntelRequestData }[] };
  disputes: { totalCount: number; edges: { node: DisputeData }[] };
}

/** What `AccountWork` selects: credit's actions, open intel requests and disputes of one account. */
export type AccountWorkData = Pick<AccountCardData, 'id' | 'creditActions' | 'intelRequests' | 'disputes' | 'standingAlerts'>;

export interface AccountSearchHit {
  id: string;
  name: string;
  domains: string[];
  creditStatus: { riskLevel: RiskLevel; trend?: PaymentTrend } | null;
}
