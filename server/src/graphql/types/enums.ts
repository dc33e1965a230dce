import {
  ALERT_RULES,
  ALERT_STATUSES,
  CONTACT_CHANNELS,
  CONTACT_TONES,
  CRM_SYSTEMS,
  MATCHED_BY,
  NOTE_VISIBILITIES,
  type PAYMENT_TREND_BASES,
  PAYMENT_TRENDS,
  RISK_LEVELS,
  ROLES,
  SENTIMENTS,
  SIGNAL_SOURCES,
  SIGNAL_STATUSES,
  SIGNAL_TYPE_INFO,
  SIGNAL_TYPES,
} from '@earshot/shared';
import { builder } from '../builder.js';

// GraphQL enums are built from the shared lists, so the extension and the schema cannot drift apart.
export const RoleEnum = builder.enumType('Role', { values: ROLES });
export const RiskLevelEnum = builder.enumType('RiskLevel', { values: RISK_LEVELS });
export const PaymentTrendEnum = builder.enumType('PaymentTrend', { values: PAYMENT_TRENDS });
export const PaymentTrendBasisEnum = builder.enumType('PaymentTrendBasis', {
  description: 'What the payment trend compared the last 90 days with.',
  values: {
    SAME_MONTHS_LAST_YEAR: { description: 'The same 90 days a year earlier (enough invoices were paid then): a seasonal customer compared like with like.' },
    PRIOR_MONTHS: { description: 'The 275 days before the last 90.' },
  } satisfies Record<(typeof PAYMENT_TREND_BASES)[number], { description: string }>,
});
export const NoteVisibilityEnum = builder.enumType('NoteVisibility', { values: NOTE_VISIBILITIES });
export const AlertRuleEnum = builder.enumType('AlertRule', { values: ALERT_RULES });
export const AlertStatusEnum = builder.enumType('AlertStatus', { values: ALERT_STATUSES });
export const MatchedByEnum = builder.enumType('MatchedBy', { values: MATCHED_BY });
export const CrmSystemEnum = builder.enumType('CrmSystem', { values: CRM_SYSTEMS });
export const ContactChannelEnum = builder.enumType('ContactChannel', { values: CONTACT_CHANNELS });
export const ContactToneEnum = builder.enumType('ContactTone', { values: CONTACT_TONES });
export const SentimentEnum = builder.enumType('Sentiment', { values: SENTIMENTS });
export const SignalSourceEnum = builder.enumType('SignalSource', { values: SIGNAL_SOURCES });
export const SignalStatusEnum = builder.enumType('SignalStatus', { values: SIGNAL_STATUSES });
export const SignalTypeEnum = builder.enumType('SignalType', {
  values: Object.fromEntries(SIGNAL_TYPES.map((t) => [t, { description: `${SIGNAL_TYPE_INFO[t].label}: ${SIGNAL_TYPE_INFO[t].question}` }])),
});
