import '@/ui/testing/setup';
import { render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { BRIEFING_SECTION_TITLES, creditBriefing, emptyBriefing, FIGURE_SECTION_TITLES, salesBriefing } from '@/ui/testing/briefing-fixture';
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
