/** Enumerations shared by the server's schema and the extension. The GraphQL enums are built from these. */

export const ROLES = ['ADMIN', 'CREDIT', 'SALES', 'VIEWER'] as const;
export type Role = (typeof ROLES)[number];

export const RISK_LEVELS = ['LOW', 'MODERATE', 'HIGH', 'CRITICAL'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const PAYMENT_TRENDS = ['IMPROVING', 'STABLE', 'SLIPPING', 'NO_HISTORY'] as const;
export type PaymentTrend = (typeof PAYMENT_TRENDS)[number];

/**
 * What the payment trend compared the last 90 days with: the same 90 days a year earlier (a seasonal customer, like
 * with like) or the months before the recent window.
 */
export const PAYMENT_TREND_BASES = ['SAME_MONTHS_LAST_YEAR', 'PRIOR_MONTHS'] as const;
export type PaymentTrendBasis = (typeof PAYMENT_TREND_BASES)[number];

export const NOTE_VISIBILITIES = ['ALL', 'CREDIT_ONLY'] as const;
export type NoteVisibility = (typeof NOTE_VISIBILITIES)[number];

export const ALERT_RULES = [
  'PAYMENT_SLIPPING',
  'SMALL_INVOICES_ONLY',
  'OVER_LIMIT',
  'OVERDUE',
  'BANK_CHANGE',
  'NEGATIVE_SIGNALS',
  'WATCHLIST',
  'CORPORATE_EVENT',
  'REVIEW_OVERDUE',
  'CONTACT_CADENCE',
] as const;
export type AlertRule = (typeof ALERT_RULES)[number];

/** Health-check reviews (seed 002). */
export const HEALTH_CHECK_STATUSES = ['PLANNED', 'IN_PROGRESS', 'DONE', 'CANCELLED'] as const;
export type HealthCheckStatus = (typeof HEALTH_CHECK_STATUSES)[number];

export const HEALTH_CHECK_OUTCOMES = ['OK', 'FOLLOW_UP', 'ESCALATE'] as const;
export type HealthCheckOutcome = (typeof HEALTH_CHECK_OUTCOMES)[number];

/** The account manager's view of a customer in a review: "are they busy? quiet?" (seeds 000, 002). */
export const SALES_VIEWS = ['BUSTLING', 'QUIET', 'SAME_AS_ALWAYS'] as const;
export type SalesView = (typeof SALES_VIEWS)[number];

export const SALES_VIEW_LABEL: Readonly<Record<SalesView, string>> = {
  BUSTLING: 'Bustling',
  QUIET: 'Quiet',
  SAME_AS_ALWAYS: 'Same as always',
};

export const INTEL_REQUEST_STATUSES = ['OPEN', 'ANSWERED', 'DECLINED', 'EXPIRED', 'CANCELLED'] as const;
export type IntelRequestStatus = (typeof INTEL_REQUEST_STATUSES)[number];

/** Disputes and delivery problems holding up payment (seed 001). */
export const DISPUTE_KINDS = ['DISPUTE', 'DELIVERY_PROBLEM'] as const;
export type DisputeKind = (typeof DISPUTE_KINDS)[number];

export const DISPUTE_STATUSES = ['OPEN', 'RESOLVED', 'CANCELLED'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

/** Credit's collection action on an account, shown to sales in words. */
export const COLLECTION_STATUSES = ['REMINDERS', 'EXTERNAL'] as const;
export type CollectionStatus = (typeof COLLECTION_STATUSES)[number];

export const ALERT_STATUSES = ['OPEN', 'ACKNOWLEDGED', 'RESOLVED'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export const MATCHED_BY = ['CONTACT_EMAIL', 'DOMAIN', 'CRM_RECORD'] as const;
export type MatchedBy = (typeof MATCHED_BY)[number];

export const CRM_SYSTEMS = ['SALESFORCE', 'HUBSPOT', 'DYNAMICS', 'PIPEDRIVE', 'ZOHO', 'OTHER'] as const;
export type CrmSystem = (typeof CRM_SYSTEMS)[number];

export const CONTACT_CHANNELS = ['EMAIL', 'PHONE', 'VIDEO', 'IN_PERSON', 'CHAT'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

export const CONTACT_TONES = ['FORMAL', 'FRIENDLY', 'BRIEF', 'DETAILED'] as const;
export type ContactTone = (typeof CONTACT_TONES)[number];

/** API-token scopes. A token can do only what its scopes allow, and never more than its user's role. */
export const TOKEN_SCOPES = [
  'accounts:read',
  'accounts:write',
  'signals:write',
  'notes:write',
  'ledger:read',
  'ledger:write',
  'alerts:write',
  'admin',
] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export const RISK_LEVEL_LABEL: Readonly<Record<RiskLevel, string>> = {
  LOW: 'Low risk',
  MODERATE: 'Moderate risk',
  HIGH: 'High risk',
  CRITICAL: 'Critical',
};

/** Customer visits (seed 004): why the visit is made. */
export const VISIT_PURPOSES = ['INTRODUCTION', 'PROBLEM_SOLVING', 'CREDIT_TERMS_REVIEW', 'COLLECTION'] as const;
export type VisitPurpose = (typeof VISIT_PURPOSES)[number];
export const VISIT_PURPOSE_LABEL: Readonly<Record<VisitPurpose, string>> = {
  INTRODUCTION: 'Introduction',
  PROBLEM_SOLVING: 'Solving a problem',
  CREDIT_TERMS_REVIEW: 'Credit terms review',
  COLLECTION: 'Collection',
};

/** PLANNED → BRIEFED → HELD → FOLLOWED_UP; CANCELLED from PLANNED or BRIEFED. */
export const VISIT_STATUSES = ['PLANNED', 'BRIEFED', 'HELD', 'FOLLOWED_UP', 'CANCELLED'] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];
export const VISIT_STATUS_LABEL: Readonly<Record<VisitStatus, string>> = {
  PLANNED: 'Planned',
  BRIEFED: 'Briefing ready',
  HELD: 'Held',
  FOLLOWED_UP: 'Followed up',
  CANCELLED: 'Cancelled',
};

export const ACTION_ITEM_STATUSES = ['OPEN', 'DONE', 'CANCELLED'] as const;
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];

/** The seed's "don'ts", flagged in visit notes and follow-up drafts. */
export const GUARDRAIL_KINDS = ['COMMITMENT', 'OTHER_CUSTOMER', 'NEGATIVE_ABOUT_US'] as const;
export type GuardrailKind = (typeof GUARDRAIL_KINDS)[number];
export const GUARDRAIL_LABEL: Readonly<Record<GuardrailKind, string>> = {
  COMMITMENT: 'A promise or commitment',
  OTHER_CUSTOMER: 'Another customer named',
  NEGATIVE_ABOUT_US: 'Negative about us',
};

export const VISIT_TEXT_SOURCES = ['NOTES', 'FOLLOW_UP'] as const;
export type VisitTextSource = (typeof VISIT_TEXT_SOURCES)[number];

export const VISIT_REPORT_EMAIL_STATUSES = ['NOT_CONFIGURED', 'QUEUED', 'SENT', 'FAILED'] as const;
export type VisitReportEmailStatus = (typeof VISIT_REPORT_EMAIL_STATUSES)[number];
