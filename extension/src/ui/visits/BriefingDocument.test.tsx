import '@/ui/testing/setup';
import { render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { BRIEFING_SECTION_TITLES, creditBriefing, emptyBriefing, FIGURE_SECTION_TITLES, salesBriefing } from '@/ui/testing/briefing-fixture';
import type { Briefing } from '@earshot/shared';
import { BriefingDocument } from './BriefingDocument';

const headings = () => screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent?.replace(/ \(.*\)$/, ''));

const EVERY_SECTION: readonly string[] = BRIEFING_SECTION_TITLES;
const FIGURE_SECTIONS = FIGURE_SECTION_TITLES;

describe('BriefingDocument', () => {
  it('renders every section of the CREDIT copy under its own heading', () => {
    render(<BriefingDocument briefing={creditBriefing()} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Harbour Tiles B.V.');
    expect(headings()).toEqual(EVERY_SECTION);
    expect(screen.queryByText(/Left out of this copy/)).toBeNull();
  });

  it('shows the figures by their definitions, the invoices with the disputed ones marked, and the cap', () => {
    const { container } = render(<BriefingDocument briefing={creditBriefing()} />);
    const text = container.textContent ?? '';
    expect(text).toContain('Exposure (open receivables, disputed included)');
    expect(text).toContain('€57,123.45');
    expect(text).toContain('ADP (average days to pay: invoice to payment, amount-weighted, 12 months)52.3 days');
    expect(text).toContain('Paid DBT (days beyond terms: paid after the due date, amount-weighted, 12 months)22.3 days');
    expect(screen.getByRole('heading', { name: /Open invoices/ }).textContent).toBe('Open invoices (Showing 30 of 34)');
    const invoices = screen.getByRole('table', { name: 'Open invoices, oldest due first' });
    expect(invoices.querySelectorAll('thead th')).toHaveLength(7);
    expect(invoices.querySelectorAll('tbody tr')).toHaveLength(30);
    expect([...invoices.querySelectorAll('tbody tr')].filter((r) => r.textContent?.includes('Disputed'))).toHaveLength(2);
    expect(text).toContain('Overdue invoices (34 points): 41% of open invoices are past due');
    expect(text).toContain('Risk score (0 safe – 100)61');
  });

  it('shows the visit: goals, the people we meet with their preferences, questions, and why they buy', () => {
    const { container } = render(<BriefingDocument briefing={creditBriefing()} />);
    const text = container.textContent ?? '';
    expect(text).toContain('Agree a payment plan for the overdue invoices');
    expect(text).toContain('Bob Owner, Managing director');
    expect(text).toContain('Prefers: In person, brief');
    expect(text).toContain('☐ Have your bank facilities changed?');
    expect(text).toContain('The widest colour range');
    expect(text).toContain('Send the new price list');
    expect(text).toContain('(overdue)');
  });

  it('the SALES copy says what it left out and renders no figure section', () => {
    const { container } = render(<BriefingDocument briefing={salesBriefing()} />);
    expect(screen.getByText(/^Left out of this copy: Risk score/)).toBeTruthy();
    expect(headings()).toEqual(EVERY_SECTION.filter((h) => !FIGURE_SECTIONS.includes(h)));
    const text = container.textContent ?? '';
    for (const figure of ['57,123', '4321.09', '4,321.09', 'INV-2026', 'Bureau', '9876', 'points', 'Consider cutting', 'Credit team only']) expect(text).not.toContain(figure);
    expect(text).toContain('Sales copy');
    expect(text).toContain('Bank details changed. The credit team has the details.');
    expect(text).toContain('High risk; paying later');
  });

  it('says in words when a section is empty', () => {
    const { container } = render(<BriefingDocument briefing={emptyBriefing()} />);
    const text = container.textContent ?? '';
    for (const sentence of [
      'No goals written down.',
      'No contacts chosen for this visit.',
      'No questions prepared.',
      'No credit action under way.',
      'No reason weighs on the status.',
      'No open invoices.',
      'No disputes on file.',
      'No payment history yet',
      'No credit report on file.',
      'No bank details recorded.',
      'No signals recorded.',
      'No notes written.',
      'No earlier visits.',
      'No open action items.',
      'No open intel requests.',
      'No health-check reviews.',
      'No contacts recorded.',
    ])
      expect(text).toContain(sentence);
    expect(text).not.toMatch(/steady payer/i);
  });
});

describe('BriefingDocument: the ledger in every currency, as the panel shows it', () => {
  // Probe of issue 10 (De Vaart): "Exposure €7,827.90" (euro only) beside "Available €43,119.74" (every currency),
  // "Open receivables in GBP (not converted)" though GBP has a rate, and "Overdue €0.00" with a CHF invoice 100 days overdue.
  const zero = { current: '0.00', d1_30: '0.00', d31_60: '0.00', d61_90: '0.00', d90plus: '0.00' };
  const multi = (): Briefing => {
    const b = creditBriefing();
    return {
      ...b,
      ledger: {
        ...b.ledger!,
        creditLimit: '60000.00',
        exposure: '7827.90',
        available: '43119.74',
        overdue: '0.00',
        disputed: '0.00',
        aging: { ...zero, current: '7827.90' },
        recentDaysBeyondTerms: 2,
        creditBalance: '0.00',
        totalExposure: '16880.26',
        totalOverdue: '0.00',
        unconvertedCurrencies: ['CHF'],
        limitUtilisation: 0.28,
        dso: 41.2,
        bestPossibleDso: 38.5,
        otherCurrencies: [
          { currency: 'CHF', exposure: '9000.00', overdue: '9000.00', oldestOverdueDays: 100, rateToAccountCurrency: null, aging: { ...zero, d90plus: '9000.00' } },
          { currency: 'GBP', exposure: '7737.06', overdue: '0.00', oldestOverdueDays: null, rateToAccountCurrency: 1.17, aging: { ...zero, current: '7737.06' } },
        ],
      },
    };
  };
  const fact = (term: string | RegExp) => {
    const dt = screen.getAllByRole('term').find((t) => (typeof term === 'string' ? t.textContent === term : term.test(t.textContent ?? '')));
    return dt?.nextElementSibling?.textContent;
  };

  it('shows the totals over every currency beside the account currency’s own figures, each named', () => {
    render(<BriefingDocument briefing={multi()} />);
    expect(fact('Exposure, every currency converted into EUR (open receivables, disputed included)')).toBe(
      '€16,880.26 + CHF\u00a09,000.00 (no exchange rate: not in the total)',
    );
    expect(fact('Exposure in EUR (account currency)')).toBe('€7,827.90');
    expect(fact('Available credit (limit − exposure in every currency)')).toBe('€43,119.74');
    expect(fact('Limit in use (exposure in every currency ÷ limit)')).toBe('28% of the limit in use');
    expect(fact('Overdue, every currency converted into EUR (past due, not disputed)')).toBe('€0.00 + CHF\u00a09,000.00 (no exchange rate: not in the total)');
    expect(fact('Overdue in EUR (account currency)')).toBe('€0.00');
    expect(fact(/^Credit balance in EUR/)).toBe('€0.00');
    expect(fact(/^DSO \(countback/)).toBe('41.2 days');
    expect(fact(/^Best possible DSO/)).toBe('38.5 days');
    expect(fact('CHF (in its own money)')).toBe('open CHF\u00a09,000.00 · overdue CHF\u00a09,000.00, the oldest 100 days past due · no exchange rate: not in the totals');
    expect(fact('GBP (in its own money)')).toBe('open £7,737.06 · nothing overdue · 1 GBP = 1.17 EUR: in the totals');
    expect(screen.queryByText(/not converted/)).toBeNull();
    const chfAging = screen.getByRole('table', { name: 'Aging of open receivables in CHF' });
    expect(chfAging.textContent).toContain('Over 90 days past dueCHF\u00a09,000.00');
    expect(screen.getByRole('table', { name: 'Aging of open receivables in EUR (account currency)' })).toBeTruthy();
  });

  it('renders a briefing stored before the totals existed with the figures it has and no made-up ones', () => {
    const { container } = render(<BriefingDocument briefing={creditBriefing()} />);
    const text = container.textContent ?? '';
    expect(fact('Exposure (open receivables, disputed included)')).toBe('€57,123.45');
    expect(fact('Open receivables in GBP')).toBe('£1,234.56');
    expect(text).not.toMatch(/DSO|Limit in use|Credit balance|every currency/);
    expect(screen.getByRole('table', { name: 'Aging of open receivables' })).toBeTruthy();
  });

  it('the SALES copy says the figures in every currency, DSO and the limit in use are left out', () => {
    // The server's SALES_OMISSIONS words (domain/visit-briefing.ts) as the fixture carries them.
    render(<BriefingDocument briefing={{ ...salesBriefing(), omitted: ['Ledger figures and aging in every currency (exposure, overdue, credit balance, limit in use, DSO and best possible DSO)'] }} />);
    expect(screen.getByText(/^Left out of this copy:/).textContent).toContain('limit in use, DSO and best possible DSO');
    expect(document.body.textContent).not.toMatch(/Best possible DSO \(|Limit in use \(/);
  });
});
