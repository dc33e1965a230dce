/**
 * Issue 11, "the panel tells the whole truth" (credit side): every factor with its points and how the score is
 * formed, alerts counted in full with their detail, evidence in money and acknowledge/resolve, the hold's reason,
 * never telling the reader to talk to themself, one date format, and no doubled full stop.
 */
import '@/ui/testing/setup';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import type { AccountCardData, AlertData } from '@/lib/types';
import { account, creditStatus, creditUser, match, noHistoryStatus, salesUser, salesView, tabState } from '@/ui/testing/fixtures';
import { answer, calls } from '@/ui/testing/mock-send';
import { Panel } from '../Panel';

vi.mock('@/lib/send', async (importOriginal) => (await import('@/ui/testing/mock-send')).mockSendModule(importOriginal));

async function show(user: typeof creditUser, acc: AccountCardData, extra: Record<string, (req: never) => unknown> = {}) {
  answer({ 'tab/state': () => tabState({ user, matches: [match(acc)] }), ...extra });
  render(<Panel />);
  await waitFor(() => expect(screen.getByTestId('panel-state').dataset.state).toBe('ready'));
}

const sixFactors = [
  { code: 'OVERDUE', label: 'Overdue invoices', weight: 32, detail: 'EUR 36,000.00 open past due; the oldest 97 days' },
  { code: 'SLIPPING', label: 'Paying later', weight: 18, detail: 'Paying 37 days later than their own norm' },
  { code: 'LIMIT', label: 'Over the limit', weight: 12, detail: 'Exposure EUR 212,000.00 against EUR 200,000.00' },
  { code: 'SIGNALS', label: 'Negative field signals', weight: 9, detail: '2 in the last 30 days' },
  { code: 'REPORT', label: 'Credit report dropped', weight: 9, detail: 'Bureau score 61 → 44' },
  { code: 'POSITIVE', label: 'Good news from the field', weight: -2, detail: 'New contract won' },
];

describe('Panel: every reason behind the score', () => {
  it('shows the three heaviest with their points, “Show all (6)” opens all six, and says the points add up to the score', async () => {
    await show(creditUser, account({ creditStatus: creditStatus({ riskScore: 78, factors: sixFactors }) }));
    expect(screen.getAllByTestId('risk-factor')).toHaveLength(3);
    expect(screen.getByTestId('risk-explain').textContent).toBe(
      'Score 78 of 100 (0 = safest) = the points of the 6 reasons below added up (good news from the field takes points off).',
    );
    fireEvent.click(screen.getByTestId('risk-show-all'));
    const weights = screen.getAllByTestId('risk-factor-weight').map((w) => w.textContent?.trim());
    expect(weights).toEqual(['+32 points', '+18 points', '+12 points', '+9 points', '+9 points', '−2 points']);
    expect(weights.reduce((sum, w) => sum + Number((w ?? '').replace('−', '-').replace(/[^\d-]/g, '')), 0)).toBe(78);
    expect(screen.getByTestId('risk-show-all').textContent).toBe('Show fewer');
  });

  it('gives SALES every reason in words with “Show all”, and no points', async () => {
    await show(salesUser, salesView());
    expect(screen.getByTestId('risk-show-all').textContent).toBe('Show all (4)');
    fireEvent.click(screen.getByTestId('risk-show-all'));
    expect(screen.getAllByTestId('risk-factor')).toHaveLength(4);
    expect(screen.queryByTestId('risk-factor-weight')).toBeNull();
    // SALES gets no score (null from the server), so nothing explains one: no sentence with points either.
    expect(screen.queryByTestId('risk-explain')?.textContent ?? '').not.toMatch(/\+\d|points of|Score \d/);
  });

  it('gives SALES the heaviest reasons first, as the server orders them for every role, not by label', async () => {
    // What the server sends SALES: the same heaviest-first order, weights null, the words only.
    const inWords = sixFactors.map((f) => ({ ...f, weight: null, detail: `${f.label} (in words)` }));
    const base = salesView();
    await show(salesUser, { ...base, creditStatus: base.creditStatus ? { ...base.creditStatus, factors: inWords } : null });
    const shown = screen.getAllByTestId('risk-factor').map((li) => li.querySelector('.risk__factor-label')?.textContent);
    expect(shown).toEqual(['Overdue invoices', 'Paying later', 'Over the limit']);
    expect(screen.queryByTestId('risk-factor-weight')).toBeNull();
  });

  it('prints the level once (the lamps are decoration) and calls no history “No payment history yet”', async () => {
    await show(creditUser, account({ creditStatus: noHistoryStatus({ trend: 'STABLE' }) }));
    const risk = screen.getByTestId('risk-level').closest('.risk') as HTMLElement;
    expect(risk.textContent?.match(/low risk/gi) ?? []).toHaveLength(0);
    expect(screen.getByTestId('risk-level').textContent).toBe('LOW');
    expect(risk.querySelector('.traffic-light')?.getAttribute('aria-hidden')).toBe('true');
    expect(screen.getByTestId('risk-trend').textContent).toContain('No payment history yet');
  });

  it('shows the whole limit as available when there is a limit and nothing owed yet', async () => {
    await show(creditUser, account({ creditStatus: null }));
    expect(screen.getByTestId('available').querySelector('dd')?.getAttribute('title')).toBe('£200,000.00');
  });
});

const overdueAlert: AlertData = {
  id: 'AL9',
  rule: 'OVERDUE',
  title: 'Invoices more than 60 days overdue',
  severity: 2,
  status: 'OPEN',
  createdAt: '2026-04-02T09:30:00Z',
  detail: '2 invoices, GBP 36,000.00 open; the oldest is 97 days past due.',
  evidence: { invoiceIds: ['i1', 'i2'], metrics: { amount: '36000.00', oldestDaysPastDue: 97, currency: 'GBP', 'GBP.amount': '36000.00' } },
  acknowledgedAt: null,
  owner: { id: 'U1' },
};

function withAlerts(alerts: AlertData[], totalCount: number): AccountCardData {
  // The card's short page (OPEN only, no count) and the work request's standing alerts with detail, evidence and count.
  const edges = alerts.map((node) => ({ node }));
  return account({ alerts: { edges: edges.filter((e) => e.node.status === 'OPEN') }, standingAlerts: { totalCount, edges } });
}

describe('Panel: alerts', () => {
  it('counts every open alert, not the page; shows detail and the evidence in money with one date format', async () => {
    const five = Array.from({ length: 5 }, (_, i) => ({ ...overdueAlert, id: `AL${i}` }));
    await show(creditUser, withAlerts(five, 6));
    const section = screen.getAllByTestId('alert-item')[0]?.closest('section') as HTMLElement;
    expect(section.textContent).toContain('5 of 6');
    const first = screen.getAllByTestId('alert-item')[0] as HTMLElement;
    expect(within(first).getByTestId('alert-detail').textContent).toBe('2 invoices, GBP 36,000.00 open; the oldest is 97 days past due.');
    expect(within(first).getByTestId('alert-evidence').textContent).toBe('Overdue £36,000.00 · oldest past due 97 days · 2 invoices');
    expect(first.textContent).not.toMatch(/3600000/);
    expect(first.querySelector('time')?.textContent).toMatch(/\(2 Apr 2026\)$/);
  });

  it('lets credit acknowledge and resolve, and updates the list', async () => {
    const second = { ...overdueAlert, id: 'AL8', title: 'Over the credit limit', rule: 'OVER_LIMIT' as const };
    // The server's side: acknowledging keeps the alert standing (ACKNOWLEDGED), resolving removes it; the refetch after
    // each action reads what the server now holds.
    let standing: AlertData[] = [overdueAlert, second];
    const server = {
      'op/run': (req: { operation: string; variables: { input?: { id: string } } }) => {
        if (!req.operation.endsWith('Alert')) return { ok: false, kind: 'unreachable', error: 'not in this test' };
        const id = req.variables.input?.id;
        standing =
          req.operation === 'WorkspaceResolveAlert' ? standing.filter((a) => a.id !== id) : standing.map((a) => (a.id === id ? { ...a, status: 'ACKNOWLEDGED' as const } : a));
        return { ok: true, data: {} };
      },
      'tab/refresh': () => tabState({ user: creditUser, matches: [match(withAlerts(standing, standing.length))] }),
    };
    await show(creditUser, withAlerts(standing, 2), server as never);
    const [first] = screen.getAllByTestId('alert-item');
    fireEvent.click(within(first as HTMLElement).getByRole('button', { name: 'Acknowledge' }));
    await waitFor(() => expect(screen.getAllByTestId('alert-item')[0]?.dataset.status).toBe('ACKNOWLEDGED'));
    const alertOps = () => calls('op/run').filter((c) => c.operation.endsWith('Alert'));
    expect(alertOps()[0]).toMatchObject({ operation: 'WorkspaceAcknowledgeAlert', variables: { input: { id: 'AL9' } } });
    fireEvent.click(within(screen.getAllByTestId('alert-item')[1] as HTMLElement).getByRole('button', { name: 'Resolve' }));
    await waitFor(() => expect(screen.getAllByTestId('alert-item')).toHaveLength(1));
    expect(screen.getByTestId('alert-acknowledged').textContent).toBe('Acknowledged');
    expect(alertOps()[1]).toMatchObject({ operation: 'WorkspaceResolveAlert', variables: { input: { id: 'AL8' } } });
  });

  it('offers SALES acknowledge only (resolving is credit’s or the owner’s), and no evidence', async () => {
    const { evidence: _e, ...words } = overdueAlert;
    await show(salesUser, salesView(withAlerts([{ ...words, evidence: null, detail: 'Several invoices are more than 60 days overdue. The credit team has the figures.' }], 1)));
    const item = screen.getByTestId('alert-item');
    expect(within(item).getByRole('button', { name: 'Acknowledge' })).toBeTruthy();
    expect(within(item).queryByRole('button', { name: 'Resolve' })).toBeNull();
    expect(within(item).queryByTestId('alert-evidence')).toBeNull();
  });
});

describe('Panel: the hold', () => {
  const held = (name: string) =>
    account({
      onHold: true,
      creditOwner: { id: 'U1', name, email: 'carla@ourco.example', businessUnit: 'Credit' },
      creditActions: [{ kind: 'ON_HOLD', text: 'On hold: 3 invoices over 90 days', since: null }],
    });

  it('shows the reason and tells the credit owner “You are the credit owner” instead of naming them', async () => {
    await show(creditUser, held('Carla Credit'));
    const banner = screen.getByTestId('on-hold-banner');
    expect(screen.getByTestId('on-hold-reason').textContent).toBe('Reason: 3 invoices over 90 days.');
    expect(within(banner).getByTestId('on-hold-you').textContent).toBe('. You are the credit owner.');
    expect(within(banner).queryByRole('link')).toBeNull();
  });

  it('names the credit owner to anyone else, with one full stop after a name ending in a period', async () => {
    await show(salesUser, salesView(held('Carla Credit Jr.')));
    const banner = screen.getByTestId('on-hold-banner');
    expect(banner.textContent).toContain('talk to Carla Credit Jr.');
    expect(banner.textContent).not.toContain('Jr..');
  });
});

describe('Panel: open invoices', () => {
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const inv = (number: string, dueOffset: number, status: string, outstanding = '1200.00') => ({
    id: `I-${number}`,
    number,
    issuedAt: day(dueOffset - 30),
    dueAt: day(dueOffset),
    amount: outstanding,
    outstanding,
    currency: 'GBP',
    status,
  });
  const invoices = [
    inv('INV-1007', 10, 'OPEN'),
    inv('INV-1001', -97, 'OVERDUE', '36000.00'),
    inv('INV-1004', -20, 'DISPUTED', '8400.00'),
    inv('INV-1003', -45, 'OVERDUE'),
    inv('INV-1006', 2, 'OPEN'),
    inv('INV-1005', -5, 'OVERDUE'),
  ];

  it('lists them by number for credit, overdue first (longest first), with days overdue, a disputed mark and “Show all”', async () => {
    await show(creditUser, account(), {
      'op/run': ((req: { operation: string }) =>
        req.operation === 'PanelOpenInvoices'
          ? { ok: true, data: { account: { id: 'A1', invoices: { totalCount: 6, edges: invoices.map((node) => ({ node })) } } } }
          : { ok: false, kind: 'unreachable', error: 'not in this test' }) as never,
    });
    await waitFor(() => expect(screen.getAllByTestId('open-invoice')).toHaveLength(5));
    const rows = () => screen.getAllByTestId('open-invoice').map((r) => [...r.children].map((c) => c.textContent));
    expect(rows()[0]).toEqual(['INV-1001', expect.stringMatching(/^\d{1,2} [A-Z][a-z]{2} \d{4}$/), expect.any(String), '£36,000.00', '97 days']);
    expect(rows().map((r) => r[0])).toEqual(['INV-1001', 'INV-1003', 'INV-1005', 'INV-1004Disputed', 'INV-1006']);
    expect(screen.getByTestId('invoice-disputed').textContent).toBe('Disputed');
    expect(rows()[4]?.[4]).toBe('not due');
    expect(screen.getByText('6 open, 3 overdue')).toBeTruthy();
    fireEvent.click(screen.getByTestId('invoices-show-all'));
    expect(screen.getAllByTestId('open-invoice')).toHaveLength(6);
  });

  it('is not asked for or shown to SALES (the ledger is the credit team’s)', async () => {
    await show(salesUser, salesView());
    expect(screen.queryByTestId('open-invoices')).toBeNull();
    expect(calls('op/run').some((c) => c.operation === 'PanelOpenInvoices')).toBe(false);
  });
});

describe('Panel: the payment chart shows what is still unpaid', () => {
  it('draws the open invoices’ age beside a flat paid DBT, names it in the summary and lists every value in a table', async () => {
    const months = ['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'];
    const flat = months.map((month) => ({ month, invoiced: '10000.00', paid: '10000.00', avgDaysToPay: 30, daysBeyondTerms: 0 }));
    const now = new Date();
    const due = (daysAgo: number) => new Date(now.getTime() - daysAgo * 86_400_000).toISOString().slice(0, 10);
    const open = [
      { id: 'I1', number: 'INV-2001', issuedAt: due(127), dueAt: due(97), amount: '36000.00', outstanding: '36000.00', currency: 'GBP', status: 'OVERDUE' },
      { id: 'I2', number: 'INV-2002', issuedAt: due(70), dueAt: due(40), amount: '5000.00', outstanding: '5000.00', currency: 'GBP', status: 'OVERDUE' },
    ];
    await show(creditUser, account({ creditStatus: creditStatus({ paymentSeries: flat, daysBeyondTerms: 0 }) }), {
      'op/run': ((req: { operation: string }) =>
        req.operation === 'PanelOpenInvoices'
          ? { ok: true, data: { account: { id: 'A1', invoices: { totalCount: 2, edges: open.map((node) => ({ node })) } } } }
          : { ok: false, kind: 'unreachable', error: 'not in this test' }) as never,
    });
    await waitFor(() => expect(screen.getAllByTestId('open-age-point').length).toBeGreaterThan(0));
    const chart = screen.getByTestId('payment-sparkline');
    expect(chart.getAttribute('aria-label')).toMatch(/Still open past due: the invoices due in \w+ \d{4} are on average 97 days beyond terms, the most of any month/);
    expect(chart.querySelector('desc')?.textContent).toBe(chart.getAttribute('aria-label'));
    // The days axis reaches past the oldest open month (97 days): round gridlines 0 … 100, titled.
    expect(screen.getAllByTestId('chart-tick').map((t) => t.textContent)).toEqual(['0', '20', '40', '60', '80', '100']);
    expect(chart.textContent).toContain('Days beyond terms');
    const rows = screen.getAllByTestId('payment-value-row');
    expect(rows).toHaveLength(12);
    const cells = rows.map((r) => r.querySelectorAll('td')[1]?.textContent).filter((t) => t !== '–');
    expect(cells.some((t) => /^97 days \(1 invoice, £36,000\.00\)$/.test(t ?? ''))).toBe(true);
    expect(cells.some((t) => /^40 days \(1 invoice, £5,000\.00\)$/.test(t ?? ''))).toBe(true);
  });
});
