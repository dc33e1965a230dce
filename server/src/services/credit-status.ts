/** The stored form of an account's payment behaviour and score factors (AccountMetrics.behaviour / .factors). */
export interface StoredBehaviour {
  exposure: string;
  /** Credit limit − exposure; null without a limit. */
  available: string | null;
  overdue: string;
  /** Open disputes in the account's currency (still in exposure, not in overdue or aging). Missing in metrics stored before disputes existed. */
  disputed?: string;
  aging: { current: string; d1_30: string; d31_60: string; d61_90: string; d90plus: string };
  avgDaysToPay: number | null;
  daysBeyondTerms: number | null;
  paymentSeries: { month: string; invoiced: string; paid: string; avgDaysToPay: number | null; daysBeyondTerms: number | null }[];
  purchasesVsAnticipated: number | null;
  lastPaymentAt: string | null;
  overLimit: boolean;
  otherCurrencies: { currency: string; exposure: string }[];
}

export interface StoredFactor {
  code: string;
  label: string;
  weight: number;
  detail: string | null;
}
