/**
 * The signal taxonomy: what sales and credit observe about a customer, as first-class, dated risk inputs.
 * Labels and field questions follow the source articles (seed 000: "has the customer had to let anyone go?",
 * "is the business well kept or run down?", "are they quiet? busy?", "have key people left? are they hiring?").
 */
export const SIGNAL_TYPES = [
  'STAFF_CUTS',
  'KEY_PERSON_LEFT',
  'HIRING',
  'PREMISES_RUNDOWN',
  'PREMISES_WELL_KEPT',
  'BUSY',
  'QUIET',
  'SALES_DECLINE',
  'ORDER_DROP',
  'LEADERSHIP_CHANGE',
  'MERGER_ACQUISITION',
  'BANK_CHANGE',
  'CREDIT_REPORT_CHANGE',
  'INDUSTRY_DOWNTURN',
  'COUNTRY_RISK',
  'DISPUTE',
  'DELIVERY_PROBLEM',
  'PAYMENT_SLIPPING',
  'SMALL_INVOICES_ONLY',
  'POSITIVE_NEWS',
  'OTHER',
] as const;
export type SignalType = (typeof SIGNAL_TYPES)[number];

export const SENTIMENTS = ['NEGATIVE', 'NEUTRAL', 'POSITIVE'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

/** Where a signal came from. SYSTEM = computed from the ledger or a watch list; IMPORT = bulk feed. */
export const SIGNAL_SOURCES = ['SALES', 'CREDIT', 'SYSTEM', 'IMPORT'] as const;
export type SignalSource = (typeof SIGNAL_SOURCES)[number];

export const SIGNAL_STATUSES = ['OPEN', 'ACKNOWLEDGED', 'RESOLVED'] as const;
export type SignalStatus = (typeof SIGNAL_STATUSES)[number];

/** 1 = worth knowing, 2 = concerning, 3 = act now. */
export const SEVERITIES = [1, 2, 3] as const;
export type Severity = (typeof SEVERITIES)[number];

export type SignalGroup = 'people' | 'premises' | 'trading' | 'corporate' | 'finance' | 'external' | 'operations' | 'other';

export interface SignalTypeInfo {
  type: SignalType;
  label: string;
  /** The question from the credit team this signal answers, shown as a hint in the capture form. */
  question: string;
  sentiment: Sentiment;
  defaultSeverity: Severity;
  group: SignalGroup;
  /** False for signals only the system raises (ledger patterns); the capture form hides them. */
  capturable: boolean;
}

const info = (
  type: SignalType,
  label: string,
  question: string,
  sentiment: Sentiment,
  defaultSeverity: Severity,
  group: SignalGroup,
  capturable = true,
): SignalTypeInfo => ({ type, label, question, sentiment, defaultSeverity, group, capturable });

export const SIGNAL_TYPE_INFO: Readonly<Record<SignalType, SignalTypeInfo>> = {
  STAFF_CUTS: info('STAFF_CUTS', 'Staff cuts', 'Have they had to let anyone go or talked about redundancies?', 'NEGATIVE', 2, 'people'),
  KEY_PERSON_LEFT: info('KEY_PERSON_LEFT', 'Key person left', 'Have any key people left?', 'NEGATIVE', 2, 'people'),
  HIRING: info('HIRING', 'Hiring', 'Are they hiring?', 'POSITIVE', 1, 'people'),
  PREMISES_RUNDOWN: info('PREMISES_RUNDOWN', 'Premises run down', 'Does the business look run down inside or out?', 'NEGATIVE', 2, 'premises'),
  PREMISES_WELL_KEPT: info('PREMISES_WELL_KEPT', 'Premises well kept', 'Does the business look well kept?', 'POSITIVE', 1, 'premises'),
  BUSY: info('BUSY', 'Busy', 'Is the place bustling?', 'POSITIVE', 1, 'trading'),
  QUIET: info('QUIET', 'Quiet', 'Is it too quiet?', 'NEGATIVE', 1, 'trading'),
  SALES_DECLINE: info('SALES_DECLINE', 'Sales declining', 'Have they mentioned a decline in sales?', 'NEGATIVE', 2, 'trading'),
  ORDER_DROP: info('ORDER_DROP', 'Orders dropping', 'Are they ordering less than usual from us?', 'NEGATIVE', 2, 'trading'),
  LEADERSHIP_CHANGE: info('LEADERSHIP_CHANGE', 'Leadership change', 'Has the leadership changed?', 'NEUTRAL', 2, 'corporate'),
  MERGER_ACQUISITION: info('MERGER_ACQUISITION', 'Merger or acquisition', 'Any talk of an acquisition or merger?', 'NEUTRAL', 2, 'corporate'),
  BANK_CHANGE: info('BANK_CHANGE', 'Bank details changed', 'Have their bank details changed?', 'NEGATIVE', 2, 'finance'),
  CREDIT_REPORT_CHANGE: info('CREDIT_REPORT_CHANGE', 'Credit report changed', 'Did the latest credit report change?', 'NEGATIVE', 2, 'finance'),
  INDUSTRY_DOWNTURN: info('INDUSTRY_DOWNTURN', 'Industry downturn', 'Is their industry struggling with demand?', 'NEGATIVE', 1, 'external'),
  COUNTRY_RISK: info('COUNTRY_RISK', 'Country risk', 'Is their country struggling or becoming unstable?', 'NEGATIVE', 2, 'external'),
  DISPUTE: info('DISPUTE', 'Dispute', 'Is there a dispute holding up payment?', 'NEGATIVE', 2, 'operations'),
  DELIVERY_PROBLEM: info('DELIVERY_PROBLEM', 'Delivery problem', 'Is a delivery problem holding up payment?', 'NEGATIVE', 1, 'operations'),
  PAYMENT_SLIPPING: info('PAYMENT_SLIPPING', 'Paying later', 'Are they paying later than they used to?', 'NEGATIVE', 2, 'finance', false),
  SMALL_INVOICES_ONLY: info('SMALL_INVOICES_ONLY', 'Paying small invoices only', 'Are they paying the small invoices but not the large ones?', 'NEGATIVE', 3, 'finance', false),
  POSITIVE_NEWS: info('POSITIVE_NEWS', 'Good news', 'Any good news: a big contract, expansion, funding?', 'POSITIVE', 1, 'other'),
  OTHER: info('OTHER', 'Other', 'Anything else credit should know?', 'NEUTRAL', 1, 'other'),
};

export function isSignalType(value: unknown): value is SignalType {
  return typeof value === 'string' && (SIGNAL_TYPES as readonly string[]).includes(value);
}

export function signalLabel(type: SignalType): string {
  return SIGNAL_TYPE_INFO[type].label;
}

/** The types a person can capture (the popup's chips), in taxonomy order. */
export const CAPTURABLE_SIGNAL_TYPES: readonly SignalType[] = SIGNAL_TYPES.filter((t) => SIGNAL_TYPE_INFO[t].capturable);
