/** Shapes of the data the extension reads, as selected by `AccountCard` in @earshot/shared operations. */
import type {
  AlertRule,
  AlertStatus,
  ContactChannel,
  ContactTone,
  CrmSystem,
  NoteVisibility,
  PaymentTrend,
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
  weight: number;
  detail: string | null;
}

export interface CreditStatusData {
  riskLevel: RiskLevel;
  riskScore: number;
  trend: PaymentTrend;
  onHold: boolean;
  /** null for users who may see the level only (SALES sees level, score and factor labels). */
  exposure: Decimal | null;
  available: Decimal | null;
  overdue: Decimal | null;
  avgDaysToPay: number | null;
  daysBeyondTerms: number | null;
  computedAt: string;
  factors: CreditFactor[];
  aging: { current: Decimal; d1_30: Decimal; d31_60: Decimal; d61_90: Decimal; d90plus: Decimal } | null;
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
  whyTheyBuy: string[];
  ourValue: string | null;
  alternatives: string | null;
  lastContactAt: string | null;
  nextReviewAt: string | null;
  accountManager: PersonRef | null;
  creditOwner: PersonRef | null;
  crmLinks: { system: CrmSystem; objectType: string; recordId: string; url: string | null }[];
  contacts: ContactData[];
  creditStatus: CreditStatusData | null;
  alerts: { edges: { node: AlertData }[] };
  signals: { totalCount: number; edges: { node: SignalData }[] };
  notes: { edges: { node: NoteData }[] };
}

export interface AccountSearchHit {
  id: string;
  name: string;
  domains: string[];
  creditStatus: { riskLevel: RiskLevel } | null;
}
