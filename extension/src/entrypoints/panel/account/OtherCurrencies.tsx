import type { CurrencyExposureData } from '@/lib/types';
import { AgingBar } from '@/ui/components/AgingBar';
import { formatDays } from '@/ui/format/figures';
import { formatMoney, isPositive } from '@/ui/format/money';

interface Props {
  currencies: CurrencyExposureData[];
  accountCurrency: string;
  /** Currencies without an exchange rate: shown in their own money, not in the totals. */
  unconverted: readonly string[];
}

/** "1 USD = 0.92 EUR": the server's rate as given, to four places at most. */
function rateText(rate: number, currency: string, accountCurrency: string): string {
  return `1 ${currency} = ${Number(rate.toFixed(4))} ${accountCurrency}`;
}

/**
 * Receivables in currencies other than the account's, each in its own money (never converted here: the page does
 * not make up figures), with its overdue, how old the oldest overdue invoice is, and its aging.
 */
export function OtherCurrencies({ currencies, accountCurrency, unconverted }: Props) {
  return (
    <div class="currencies" data-testid="other-currencies">
      <h4 class="currencies__title">Other currencies</h4>
      <ul class="currencies__list">
        {currencies.map((c) => {
          const noRate = c.rateToAccountCurrency == null || unconverted.includes(c.currency);
          return (
            <li key={c.currency} class="currency" data-testid={`currency-${c.currency}`} data-warn={isPositive(c.overdue) ? 'true' : undefined}>
              <p class="currency__head">
                <strong>{c.currency}</strong> · open {formatMoney(c.exposure, c.currency)}
                {isPositive(c.overdue) ? (
                  <>
                    {' · '}
                    <span class="currency__overdue">
                      overdue {formatMoney(c.overdue, c.currency)}
                      {c.oldestOverdueDays != null ? `, the oldest ${formatDays(c.oldestOverdueDays)} past due` : ''}
                    </span>
                  </>
                ) : (
                  ' · nothing overdue'
                )}
                {isPositive(c.disputed) ? ` · ${formatMoney(c.disputed, c.currency)} disputed` : ''}
                {isPositive(c.creditBalance) ? ` · ${formatMoney(c.creditBalance, c.currency)} credit balance` : ''}
              </p>
              <p class="muted currency__rate" data-testid={noRate ? 'currency-no-rate' : undefined}>
                {noRate
                  ? `No exchange rate for ${c.currency} into ${accountCurrency}: not in the totals or the limit in use.`
                  : `${rateText(c.rateToAccountCurrency ?? 0, c.currency, accountCurrency)}: included in the totals.`}
              </p>
              {c.aging ? <AgingBar aging={c.aging} currency={c.currency} label={`${c.currency} receivables by days overdue`} testid="currency-aging" /> : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
