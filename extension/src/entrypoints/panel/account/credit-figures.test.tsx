/**
 * Issue 10 in the panel: every figure under its standard name with its meaning one click or tap away, the chart on
 * the headline's quantity, "no payment history yet", the credit balance, the limit in use, every currency's overdue
 * and aging, and the factors' sentences for SALES.
 */
import '@/ui/testing/setup';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import type { AccountCardData, CurrencyExposureData } from '@/lib/types';
import { account, creditStatus, creditUser, match, noHistoryStatus, salesUser, salesView, tabState } from '@/ui/testing/fixtures';
import { answer } from '@/ui/testing/mock-send';
import { Panel } from '../Panel';

vi.mock('@/lib/send', async (importOriginal) => (await import('@/ui/testing/mock-send')).mockSendModule(importOriginal));

async function show(user: typeof creditUser, acc: AccountCardData) {
  answer({ 'tab/state': () => tabState({ user, matches: [match(acc)] }) });
  render(<Panel />);
  await waitFor(() => expect(screen.getByTestId('panel-state').dataset.state).toBe('ready'));
}

const zeroAging = { current: '0.00', d1_30: '0.00', d31_60: '0.00', d61_90: '0.00', d90plus: '0.00' };

function currency(overrides: Partial<CurrencyExposureData> & { currency: string }): CurrencyExposureData {
  return { exposure: '0.00', overdue: '0.00', disputed: '0.00', creditBalance: '0.00', oldestOverdueDays: null, rateToAccountCurrency: null, aging: zeroAging, ...overrides };
}

describe('Panel: the payment figures by their standard names', () => {
  it('names ADP, paid DBT, DSO (countback) and best possible DSO, and explains them in a <details> anyone can open', async () => {
    await show(creditUser, account());
    const figures = screen.getByTestId('payment-figures');
    expect(within(figures).getByTestId('figure-dbt').textContent).toBe('Paid DBT (days beyond terms)12 days · 12 months, amount-weighted; last 90 days: 22 days');
    expect(within(figures).getByTestId('figure-adp').textContent).toBe('ADP (average days to pay)57 days · terms 30 days');
    expect(within(figures).getByTestId('figure-dso').textContent).toBe('DSO (countback)61.4 days');
    expect(within(figures).getByTestId('figure-best-dso').textContent).toBe('Best possible DSO33.2 days');
    // Not a tooltip: a disclosure that opens by keyboard, touch or click, with a sentence for each figure shown.
    const help = screen.getByTestId('figures-help') as HTMLDetailsElement;
    expect(help.tagName).toBe('DETAILS');
    expect(within(help).getByText('What these figures mean').tagName).toBe('SUMMARY');
    fireEvent.click(within(help).getByText('What these figures mean'));
    expect(help.open).toBe(true);
    expect([...help.querySelectorAll('dt')].map((dt) => dt.textContent)).toEqual([
      'Paid DBT (days beyond terms)',
      'ADP (average days to pay)',
      'DSO (countback)',
      'Best possible DSO',
    ]);
    expect(help.textContent).toMatch(/paying early counts as 0/);
    // Two figures of the last 90 days, two definitions: the explanation tells them apart.
    expect(help.textContent).toMatch(/Not the payment trend’s average lateness per invoice, which counts each invoice once/);
    expect(help.textContent).toMatch(/counted back against each month’s sales/);
  });

  it('leaves no unnamed "days to pay" figure in the panel', async () => {
    await show(creditUser, account());
    const text = screen.getByRole('article', { name: 'Brightwell Cycles Ltd' }).textContent ?? '';
    expect(text).not.toMatch(/pays in \d/i);
    expect(text).not.toMatch(/days beyond terms on average/i);
    // Every "days to pay" in the panel is ADP's own name.
    expect(text.match(/days to pay/gi)?.length).toBe(text.match(/ADP \(average days to pay\)/g)?.length);
    expect(text.match(/days to pay/gi)?.length).toBeGreaterThan(0);
  });

  it('plots the headline quantity: the headline names paid DBT, the chart plots paid DBT per month and says so', async () => {
    await show(creditUser, account());
    expect(screen.getByTestId('risk-trend').textContent).toBe(
      '↘ Paying later than in the previous 275 days (average lateness per invoice, not amount-weighted: 23 days after the due date in the last 90 days, ' +
        '11 days after the due date then) · Paid DBT (days beyond terms), amount-weighted, last 90 days: 22 days',
    );
    expect(screen.getByRole('heading', { name: 'Paid DBT (days beyond terms) by month' })).toBeTruthy();
    const chart = screen.getByTestId('payment-sparkline');
    // The series' last month has ADP 57 on 30-day terms: the chart says 27 (paid DBT), never 57 (ADP).
    expect(chart.getAttribute('aria-label')).toBe(
      'Paid DBT (days beyond terms) by month, Jun 2025 to May 2026: 1 day in Jun 2025, 27 days in May 2026; 0 days = paid by the due date.',
    );
    expect(chart.querySelector('circle:last-of-type title')?.textContent).toBe('May 2026: paid 27 days beyond terms');
  });
});

describe('Panel: no payment history yet', () => {
  it('says "No payment history yet", never "Steady payer", shows the whole limit available and no payment figures', async () => {
    await show(creditUser, account({ creditStatus: noHistoryStatus() }));
    expect(screen.getByTestId('risk-trend').textContent).toBe('· No payment history yet');
    expect(screen.queryByText(/steady payer/i)).toBeNull();
    expect(screen.getByTestId('available').querySelector('dd')?.getAttribute('title')).toBe('£200,000.00');
    expect(screen.getByTestId('available').dataset.warn).toBeUndefined();
    expect(screen.queryByTestId('payment-figures')).toBeNull();
    expect(screen.queryByTestId('payment-sparkline')).toBeNull();
    expect(screen.getByTestId('limit-utilisation').textContent).toBe('0% of the limit in use');
  });

  it('says it in the customer switcher too', async () => {
    const newcomer = account({ id: 'A3', name: 'Newfield Bikes', creditStatus: noHistoryStatus() });
    answer({ 'tab/state': () => tabState({ user: creditUser, matches: [match(), match(newcomer)] }) });
    render(<Panel />);
    const switcher = await screen.findByTestId('account-switcher');
    expect(within(switcher).getByRole('button', { name: /^Newfield Bikes ?: Low risk, no payment history yet$/ })).toBeTruthy();
    expect(within(switcher).getByRole('button', { name: /^Brightwell Cycles Ltd ?: High risk, paying later$/ })).toBeTruthy();
  });

  it('says it to SALES too', async () => {
    await show(salesUser, salesView(account({ creditStatus: noHistoryStatus() })));
    expect(screen.getByTestId('risk-trend').textContent).toBe('· No payment history yet');
    expect(screen.queryByText(/steady payer/i)).toBeNull();
  });
});

describe('Panel: STABLE is said as what it is', () => {
  it('reads "No change in payment timing" under a critical level, never "Steady payer"', async () => {
    // Probe of issue 10: "CRITICAL 86 · → Steady payer" above an unpaid large invoice. STABLE compares when they pay
    // with their own norm; it is no judgement of the payer.
    const trendSentence =
      'No change in payment timing against the previous 275 days (average lateness per invoice, not amount-weighted: 3 days after the due date in the last 90 days, 2 days after the due date then)';
    await show(creditUser, account({ creditStatus: creditStatus({ riskLevel: 'CRITICAL', riskScore: 86, trend: 'STABLE', trendSentence }) }));
    expect(screen.getByTestId('risk-trend').textContent).toMatch(/^→ No change in payment timing/);
    expect(document.body.textContent).not.toMatch(/steady/i);
  });

  it('names what it compared beside a chart whose lateness doubled within the year, and says so under the chart', async () => {
    // The tester's case: lateness doubles across the chart's 12 months, the trend compares the last 90 days with the
    // same 90 days last year (before the chart starts), when they paid as late as now.
    const sentence =
      'No change in payment timing against the same 90 days last year (average lateness per invoice, not amount-weighted: ' +
      '24 days after the due date in the last 90 days, 25 days after the due date then)';
    const series = creditStatus().paymentSeries!.map((m, i) => ({ ...m, daysBeyondTerms: i < 6 ? 11 : 23 }));
    await show(
      creditUser,
      account({
        creditStatus: creditStatus({ trend: 'STABLE', trendBasis: 'SAME_MONTHS_LAST_YEAR', trendSentence: sentence, factors: [], paymentSeries: series }),
      }),
    );
    expect(screen.getByTestId('risk-trend').textContent).toBe(`→ ${sentence} · Paid DBT (days beyond terms), amount-weighted, 12 months: 12 days`);
    expect(screen.getByTestId('trend-basis-note').textContent).toBe(
      'The payment trend compares the invoices paid in the last 90 days with those paid in the same 90 days a year earlier, before this chart starts: ' +
        'average lateness per invoice, not amount-weighted.',
    );
  });

  it('a card cached before the sentence existed says the trend’s word, with no basis note', async () => {
    await show(creditUser, account({ creditStatus: creditStatus({ trend: 'STABLE', trendSentence: undefined, trendBasis: undefined }) }));
    expect(screen.getByTestId('risk-trend').textContent).toBe('→ No change in payment timing · Paid DBT (days beyond terms), amount-weighted, 12 months: 12 days');
    expect(screen.queryByTestId('trend-basis-note')).toBeNull();
  });
});

describe('Panel: while payments slip, the headline and the reason agree', () => {
  it('shows the last 90 days’ paid DBT, not the year’s, and each 90-day figure under its own definition', async () => {
    await show(creditUser, account({ creditStatus: creditStatus({ daysBeyondTerms: 6.1, recentDaysBeyondTerms: 28.2 }) }));
    const headline = screen.getByTestId('risk-trend').textContent ?? '';
    expect(headline).toContain('Paid DBT (days beyond terms), amount-weighted, last 90 days: 28.2 days');
    expect(headline).not.toContain('6.1');
    // The reason's recent figure is the trend's own (per invoice), and is said as such in the headline too.
    expect(headline).toContain('average lateness per invoice, not amount-weighted: 23 days after the due date in the last 90 days');
    const reason = screen.getAllByTestId('risk-factor')[0]?.textContent ?? '';
    expect(reason).toContain('average lateness per invoice, not amount-weighted, last 90 days: 23 days after the due date');
    expect(screen.getByTestId('figure-dbt').textContent).toBe('Paid DBT (days beyond terms)6.1 days · 12 months, amount-weighted; last 90 days: 28.2 days');
  });
});

describe('Panel: credit balance and the limit in use', () => {
  it('shows a credit balance the customer is owed, and the share of the limit in use, marked from 75%', async () => {
    await show(creditUser, account({ creditStatus: creditStatus({ creditBalance: '3000.00', limitUtilisation: 0.92 }) }));
    expect(screen.getByTestId('credit-balance').textContent).toBe(
      '£3,000.00 credit balance: credit notes and payments not yet set against an invoice (the customer is owed this)',
    );
    const use = screen.getByTestId('limit-utilisation');
    expect(use.textContent).toBe('92% of the limit in use');
    expect(use.dataset.warn).toBe('true');
  });

  it('says nothing of a zero credit balance; over the limit is said in words', async () => {
    await show(creditUser, account({ creditStatus: creditStatus({ creditBalance: '0.00', limitUtilisation: 1.2, available: '-40000.00' }) }));
    expect(screen.queryByTestId('credit-balance')).toBeNull();
    expect(screen.getByTestId('limit-utilisation').textContent).toBe('120% of the limit in use (over the limit)');
    expect(screen.getByTestId('available').dataset.warn).toBe('true');
  });

  it('leaves the line out without a limit', async () => {
    await show(creditUser, account({ creditStatus: creditStatus({ limitUtilisation: null }) }));
    expect(screen.queryByTestId('limit-utilisation')).toBeNull();
  });
});

describe('Panel: other currencies', () => {
  const usdOverdue = currency({
    currency: 'USD',
    exposure: '5000.00',
    overdue: '5000.00',
    oldestOverdueDays: 120,
    aging: { ...zeroAging, d90plus: '5000.00' },
  });
  const eurCurrent = currency({ currency: 'EUR', exposure: '2000.00', rateToAccountCurrency: 0.8512, aging: { ...zeroAging, current: '2000.00' } });

  it('lists each currency’s overdue and aging in its own money, the totals converted, and says which has no rate', async () => {
    const status = creditStatus({
      exposure: '182450.00',
      overdue: '48200.50',
      totalExposure: '184152.40',
      totalOverdue: '48200.50',
      unconvertedCurrencies: ['USD'],
      currencies: [creditStatus().currencies?.[0] as CurrencyExposureData, eurCurrent, usdOverdue],
    });
    await show(creditUser, account({ creditStatus: status }));
    // The headline figures are the converted totals (what the limit is measured against), USD (no rate) beside them.
    expect(screen.getByTestId('exposure').querySelector('dd')?.getAttribute('title')).toBe('£184,152.40 + $5,000.00');
    expect(screen.getByTestId('totals-note').textContent).toBe('Exposure and overdue: every currency converted into GBP, except USD (no exchange rate).');
    const others = screen.getByTestId('other-currencies');
    expect(within(others).queryByTestId('currency-GBP')).toBeNull();
    const usd = within(others).getByTestId('currency-USD');
    expect(usd.dataset.warn).toBe('true');
    expect(usd.querySelector('.currency__head')?.textContent).toBe('USD · open $5,000.00 · overdue $5,000.00, the oldest 120 days past due');
    expect(within(usd).getByTestId('currency-no-rate').textContent).toBe('No exchange rate for USD into GBP: not in the totals or the limit in use.');
    const usdAging = within(usd).getByRole('list', { name: 'USD receivables by days overdue' });
    expect(usdAging.querySelector('[data-bucket="d90plus"] .aging__amount')?.getAttribute('title')).toBe('$5,000.00');
    const eur = within(others).getByTestId('currency-EUR');
    expect(eur.querySelector('.currency__head')?.textContent).toBe('EUR · open €2,000.00 · nothing overdue');
    expect(eur.querySelector('.currency__rate')?.textContent).toBe('1 EUR = 0.8512 GBP: included in the totals.');
    // The account currency's own aging bar stays the main one, named as such.
    expect(screen.getByText('Invoices in GBP by age')).toBeTruthy();
    expect(screen.getByRole('list', { name: 'Receivables by days overdue' })).toBeTruthy();
  });

  it('shows a currency without a rate beside the converted totals in the tiles, never a bare £0 overdue', async () => {
    // Probe of issue 10: OVERDUE read €0 while a CHF invoice (no rate) was 100 days overdue.
    const chf = currency({ currency: 'CHF', exposure: '9000.00', overdue: '9000.00', oldestOverdueDays: 100, aging: { ...zeroAging, d90plus: '9000.00' } });
    const status = creditStatus({
      exposure: '7827.90',
      overdue: '0.00',
      totalExposure: '7827.90',
      totalOverdue: '0.00',
      unconvertedCurrencies: ['CHF'],
      currencies: [creditStatus().currencies?.[0] as CurrencyExposureData, chf],
    });
    await show(creditUser, account({ creditStatus: status }));
    const overdue = screen.getByTestId('overdue');
    expect(overdue.querySelector('dd')?.getAttribute('title')).toBe('£0.00 + CHF\u00a09,000.00');
    expect(overdue.dataset.warn).toBe('true');
    expect(screen.getByTestId('exposure').querySelector('dd')?.getAttribute('title')).toBe('£7,827.90 + CHF\u00a09,000.00');
  });

  it('adds nothing beside the total for a currency with a rate: it is in the total already', async () => {
    const chf = currency({ currency: 'CHF', exposure: '9000.00', overdue: '9000.00', oldestOverdueDays: 100, rateToAccountCurrency: 0.9 });
    const status = creditStatus({ totalOverdue: '8100.00', unconvertedCurrencies: [], currencies: [creditStatus().currencies?.[0] as CurrencyExposureData, chf] });
    await show(creditUser, account({ creditStatus: status }));
    expect(screen.getByTestId('overdue').querySelector('dd')?.getAttribute('title')).toBe('£8,100.00');
  });

  it('shows no currency list for a one-currency account', async () => {
    await show(creditUser, account());
    expect(screen.queryByTestId('other-currencies')).toBeNull();
    expect(screen.queryByTestId('totals-note')).toBeNull();
  });
});

describe('Panel: SALES reads each factor’s sentence', () => {
  it('shows every factor (no weights to rank by) with its words-only sentence under the label, and no figure', async () => {
    await show(salesUser, salesView());
    fireEvent.click(screen.getByTestId('risk-show-all'));
    const factors = screen.getByRole('list', { name: 'What drives the risk' });
    expect(
      within(factors)
        .getAllByRole('listitem')
        .map((li) => [li.querySelector('.risk__factor-label')?.textContent, li.querySelector('.risk__factor-detail')?.textContent]),
    ).toEqual([
      ['Paying later', 'Pays noticeably later than a few months ago'],
      ['Near the limit', 'Close to the credit limit'],
      ['Negative field signals', 'Colleagues reported worrying signs lately'],
      ['Industry on watch', 'Their industry is on the watch list'],
    ]);
    expect(screen.queryByTestId('risk-factor-weight')).toBeNull();
    expect(screen.queryByTestId('payment-figures')).toBeNull();
    expect(screen.queryByTestId('limit-utilisation')).toBeNull();
    expect(screen.queryByTestId('other-currencies')).toBeNull();
    const article = screen.getByRole('article', { name: 'Brightwell Cycles Ltd' });
    expect(article.querySelector('.risk')?.textContent).not.toMatch(/DBT|ADP|DSO|\d+ days/);
    // The trend says what it compared, in words.
    expect(screen.getByTestId('risk-trend').textContent).toBe('↘ Paying later than in earlier months');
  });
});

describe('Panel: paid DBT within the grace', () => {
  it('is not marked: two days beyond terms is no sign of trouble', async () => {
    await show(creditUser, account({ creditStatus: creditStatus({ daysBeyondTerms: 2, recentDaysBeyondTerms: 1.5 }) }));
    expect(screen.getByTestId('figure-dbt').dataset.warn).toBeUndefined();
    expect(screen.getByTestId('figure-dbt').textContent).toBe('Paid DBT (days beyond terms)2 days · 12 months, amount-weighted; last 90 days: 1.5 days');
  });

  it('is marked when the last 90 days pass it, even if the year does not', async () => {
    await show(creditUser, account({ creditStatus: creditStatus({ daysBeyondTerms: 2, recentDaysBeyondTerms: 12 }) }));
    expect(screen.getByTestId('figure-dbt').dataset.warn).toBe('true');
  });
});
