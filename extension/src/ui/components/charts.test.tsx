import '@/ui/testing/setup';
import { render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { creditStatus } from '@/ui/testing/fixtures';
import { AgingBar } from './AgingBar';
import { monthLabelPlace, PaymentSparkline } from './PaymentSparkline';
import { TrafficLight } from './TrafficLight';

describe('AgingBar', () => {
  it('sizes each bucket by its share of the total and lists the amounts', () => {
    const aging = { current: '50.00', d1_30: '25.00', d31_60: '25.00', d61_90: '0.00', d90plus: '0' };
    const { container } = render(<AgingBar aging={aging} currency="EUR" />);
    const widths = [...container.querySelectorAll<HTMLElement>('.aging__segment')].map((s) => [s.dataset.bucket, s.style.width]);
    expect(widths).toEqual([
      ['current', '50%'],
      ['d1_30', '25%'],
      ['d31_60', '25%'],
    ]);
    const legend = screen.getByRole('list', { name: 'Receivables by days overdue' });
    expect(legend.querySelectorAll('li')).toHaveLength(5);
    expect(legend.textContent).toContain('90+');
  });
});

describe('PaymentSparkline', () => {
  it('keeps every month label inside the chart: the latest ends at the right edge, not clipped', () => {
    const series = creditStatus().paymentSeries ?? [];
    render(<PaymentSparkline series={series} />);
    const svg = screen.getByTestId('payment-sparkline');
    const width = Number((svg.getAttribute('viewBox') ?? '').split(' ')[2]);
    const labels = screen.getAllByTestId('chart-month');
    const last = labels.at(-1);
    expect(last?.textContent).toBe('May 2026');
    expect(last?.getAttribute('text-anchor')).toBe('end');
    expect(Number(last?.getAttribute('x'))).toBeLessThanOrEqual(width);
    for (const l of labels) {
      const x = Number(l.getAttribute('x'));
      const w = (l.textContent ?? '').length * 9 * 0.6;
      const anchor = l.getAttribute('text-anchor');
      const [left, right] = anchor === 'end' ? [x - w, x] : anchor === 'start' ? [x, x + w] : [x - w / 2, x + w / 2];
      expect(left).toBeGreaterThanOrEqual(0);
      expect(right).toBeLessThanOrEqual(width);
    }
    expect(monthLabelPlace(160, 'Aug 2025', 320)).toEqual({ x: 160, anchor: 'middle' });
    expect(monthLabelPlace(5, 'Aug 2025', 320)).toEqual({ x: 1, anchor: 'start' });
  });

  it('marks the open invoices month by month without a line joining them, and names the first row in the note', () => {
    const series = [
      { month: '2026-01', invoiced: '0', paid: '10.00', avgDaysToPay: 40, daysBeyondTerms: 10 },
      { month: '2026-02', invoiced: '0', paid: '10.00', avgDaysToPay: 40, daysBeyondTerms: 10 },
      { month: '2026-03', invoiced: '0', paid: '10.00', avgDaysToPay: 40, daysBeyondTerms: 10 },
    ];
    const openAge = [
      { month: '2026-01', days: 90, count: 1, outstanding: 100 },
      { month: '2026-02', days: null, count: 0, outstanding: 0 },
      { month: '2026-03', days: 30, count: 2, outstanding: 200 },
    ];
    const { container } = render(<PaymentSparkline series={series} openAge={openAge as never} currency="EUR" />);
    expect(screen.getAllByTestId('open-age-point')).toHaveLength(2);
    expect(screen.queryByTestId('open-age-line')).toBeNull();
    // One path only: the paid line.
    expect(container.querySelectorAll('path')).toHaveLength(1);
    expect(screen.getByTestId('payment-values').textContent).toContain('Open invoices due before Jan 2026 count in the Jan 2026 row.');
  });

  it('plots paid DBT per month (the headline quantity), describes it for screen readers and marks late months', () => {
    const series = creditStatus().paymentSeries ?? [];
    const { container } = render(<PaymentSparkline series={series} />);
    expect(screen.getByRole('img').getAttribute('aria-label')).toBe(
      'Paid DBT (days beyond terms) by month, Jun 2025 to May 2026: 1 day in Jun 2025, 27 days in May 2026; 0 days = paid by the due date.',
    );
    // 11 months with payments (one gap); August was paid on terms (0 days beyond), every other month late.
    expect(container.querySelectorAll('circle')).toHaveLength(11);
    expect(container.querySelectorAll('circle[data-late]')).toHaveLength(10);
    expect(container.querySelector('figcaption')?.textContent).toContain('paid DBT per month');
    expect(container.querySelector('figcaption')?.textContent).toContain('May 2026 27 days');
  });

  it('reads like a chart: a titled days axis with round gridlines, month labels, and the values table beside it', () => {
    const series = creditStatus().paymentSeries ?? [];
    const { container } = render(<PaymentSparkline series={series} />);
    const svg = screen.getByTestId('payment-sparkline');
    // A proper height: the box keeps its aspect (no squashing to 56 px), about half as tall as wide.
    const [, , w, h] = (svg.getAttribute('viewBox') ?? '').split(' ').map(Number);
    expect(h! / w!).toBeGreaterThan(0.45);
    expect(svg.getAttribute('preserveAspectRatio')).toBeNull();
    // The axis says what it measures; its labels are round numbers, the largest at or above the worst month (27 days).
    const axis = screen.getByTestId('chart-y-axis');
    expect(axis.querySelector('.sparkline__axis-title')?.textContent).toBe('Days beyond terms');
    expect(screen.getAllByTestId('chart-tick').map((t) => t.textContent)).toEqual(['0', '10', '20', '30']);
    // Every third month is named, the latest always; each is a row of the values table.
    const months = screen.getAllByTestId('chart-month').map((m) => m.textContent);
    expect(months).toEqual(['Aug 2025', 'Nov 2025', 'Feb 2026', 'May 2026']);
    const rows = screen.getAllByTestId('payment-value-row').map((r) => r.querySelector('th')?.textContent);
    for (const m of months) expect(rows).toContain(m);
    // A point at 27 days sits between the 20 and 30 gridlines, where the table says 27 days.
    const y = (days: string) => Number(container.querySelector(`[data-days="${days}"] line`)?.getAttribute('y1'));
    const may = Number(container.querySelector('circle:last-of-type')?.getAttribute('cy'));
    expect(may).toBeLessThan(y('20'));
    expect(may).toBeGreaterThan(y('30'));
    expect(screen.getAllByTestId('payment-value-row').at(-1)?.textContent).toContain('27 days');
  });

  it('plots paid DBT, not ADP: a month paid 40 days after issue on 30-day terms sits at 10', () => {
    const series = [
      { month: '2026-04', invoiced: '0', paid: '10.00', avgDaysToPay: 40, daysBeyondTerms: 10 },
      { month: '2026-05', invoiced: '0', paid: '10.00', avgDaysToPay: 20, daysBeyondTerms: 0 },
    ];
    const { container } = render(<PaymentSparkline series={series} />);
    expect([...container.querySelectorAll('circle title')].map((t) => t.textContent)).toEqual([
      'Apr 2026: paid 10 days beyond terms',
      'May 2026: paid 0 days beyond terms',
    ]);
    expect(container.querySelectorAll('circle[data-late]')).toHaveLength(1);
  });

  it('says so when there were no payments', () => {
    render(<PaymentSparkline series={[{ month: '2026-01', invoiced: '0', paid: '0', avgDaysToPay: null, daysBeyondTerms: null }]} />);
    expect(screen.getByText('No payments in the last 12 months.')).toBeTruthy();
  });
});

describe('TrafficLight', () => {
  it('lights one lamp and names the level', () => {
    const { container } = render(<TrafficLight level="MODERATE" />);
    expect(screen.getByRole('img', { name: 'Moderate risk' })).toBeTruthy();
    expect([...container.querySelectorAll<HTMLElement>('[data-lit]')].map((l) => l.dataset.lamp)).toEqual(['amber']);
  });
});
