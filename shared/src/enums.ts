/** Enumerations shared by the server's schema and the extension. The GraphQL enums are built from these. */

export const ROLES = ['ADMIN', 'CREDIT', 'SALES', 'VIEWER'] as const;
export type Role = (typeof ROLES)[number];

export const RISK_LEVELS = ['LOW', 'MODERATE', 'HIGH', 'CRITICAL'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const PAYMENT_TRENDS = ['IMPROVING', 'STABLE', 'SLIPPING'] as const;
export type PaymentTrend = (typeof PAYMENT_TRENDS)[number];

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
] as const;
export type AlertRule = (typeof ALERT_RULES)[number];

export const ALERT_STATUSES = ['OPEN', 'ACKNOWLEDGED', 'RESOLVED'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export const MATCHED_BY = ['CONTACT_EMAIL', 'DOMAIN', 'CRM_RECORD'] as const;
export type MatchedBy = (typeof MATCHED_BY)[number];

export const CRM_SYSTEMS = ['SALESFORCE', 'HUBSPOT', 'DYNAMICS', 'PIPEDRIVE', 'OTHER'] as const;
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
