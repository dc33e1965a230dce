/**
 * The payment figures by their standard names, each with a sentence a reader can open (never a tooltip only:
 * the panel is read on touch screens and by keyboard). The definitions are the server's (server/schema.graphql,
 * CreditStatus); the words here say the same in short.
 */

export type FigureKey = 'DBT' | 'ADP' | 'DSO' | 'BEST_DSO';

export const FIGURES: Readonly<Record<FigureKey, { name: string; explain: string }>> = {
  DBT: {
    name: 'Paid DBT (days beyond terms)',
    explain:
      'How many days after the due date they paid, on average, weighted by amount; paying early counts as 0. Over the payments of the last 12 months, and of the last 90 days beside it; open overdue invoices are not in it (see Overdue). Not the payment trend’s average lateness per invoice, which counts each invoice once whatever its amount.',
  },
  ADP: {
    name: 'ADP (average days to pay)',
    explain: 'How many days from the invoice date to payment, on average, weighted by amount, over the payments of the last 12 months. Compare it with the payment terms.',
  },
  DSO: {
    name: 'DSO (countback)',
    explain: 'How many days of the most recent sales are still unpaid: the open receivables counted back against each month’s sales, latest month first.',
  },
  BEST_DSO: {
    name: 'Best possible DSO',
    explain: 'The DSO if everything were paid on its due date: only the receivables not yet due, counted back against the same months’ sales as DSO. Never above DSO; DSO minus best possible DSO = days lost to late payment.',
  },
};

/** "1 day", "27 days", "48.2 days". */
export function formatDays(days: number): string {
  const rounded = Math.round(days * 10) / 10;
  return `${rounded} ${rounded === 1 ? 'day' : 'days'}`;
}

/** 0.923 → "92%", 12.5 → "1,250%": the share of the credit limit in use. */
export function formatShare(share: number): string {
  return `${Math.round(share * 100).toLocaleString('en-GB')}%`;
}

/**
 * "92% of the limit in use", "120% of the limit in use (over the limit)"; from twice the limit, how many times the
 * limit the exposure is ("2.5 times the limit (over the limit)", "70,928 times the limit (over the limit)"), as the
 * server's OVER_LIMIT reason says it: "7092813% of the limit in use" says nothing a reader can use.
 */
export function utilisationText(share: number): string {
  if (share < 2) return `${formatShare(share)} of the limit in use${share > 1 ? ' (over the limit)' : ''}`;
  const times = share < 10 ? String(Math.round(share * 10) / 10) : Math.round(share).toLocaleString('en-GB');
  return `${times} times the limit (over the limit)`;
}

/** From this share of the limit in use the panel marks it (the server's LIMIT_NEARLY_USED factor starts here too). */
export const UTILISATION_WARN = 0.75;
