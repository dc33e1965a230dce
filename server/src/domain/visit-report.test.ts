import { describe, expect, it } from 'vitest';
import { composeVisitReport } from './visit-report.js';

describe('composeVisitReport', () => {
  const input = {
    accountName: 'Harbour Freight',
    purpose: 'CREDIT_TERMS_REVIEW' as const,
    status: 'HELD' as const,
    scheduledAt: new Date('2026-03-10T09:00:00Z'),
    heldAt: new Date('2026-03-10T10:00:00Z'),
    place: 'Their office, Rotterdam',
    ours: ['Cora Credit', 'Sam Sales'],
    theirs: ['Mara Lind (CFO)'],
    goals: 'Review terms',
    notes: ['Second site planned\nBank changed lenders'],
    questions: [
      { id: 'a', template: null, text: 'Bank facilities?', asked: true, answer: 'New lender since January.' },
      { id: 'b', template: null, text: 'Not asked', asked: false, answer: null },
    ],
    signals: [{ label: 'Expansion', severity: 1, note: 'Second site planned' }],
    actionItems: [
      { title: 'Send accounts', ownerName: 'Mara Lind', dueOn: new Date('2026-03-01T00:00:00Z'), status: 'OPEN' as const, overdue: true },
      { title: 'Review limit', ownerName: 'Cora Credit', dueOn: new Date('2026-03-20T00:00:00Z'), status: 'DONE' as const, overdue: false },
    ],
    decisions: 'Limit unchanged until the accounts arrive',
    followedUpAt: null,
  };

  it('covers purpose, date, place, attendees, goals, key points, questions, signals, action items, decisions and follow-up', () => {
    const { subject, body } = composeVisitReport(input);
    expect(subject).toBe('Visit report: Harbour Freight, credit terms review, 10 Mar 2026');
    for (const line of [
      'Purpose: Credit terms review',
      'Date: 10 Mar 2026',
      'Place: Their office, Rotterdam',
      'Attendees (ours): Cora Credit, Sam Sales',
      'Attendees (theirs): Mara Lind (CFO)',
      'Goals\n- Review terms',
      'Key points\n- Second site planned\n- Bank changed lenders',
      'Questions asked\n- Bank facilities? Answer: New lender since January.',
      'Signals raised\n- Expansion (severity 1): Second site planned',
      'Action items\n- Send accounts: Mara Lind, due 1 Mar 2026, overdue\n- Review limit: Cora Credit, due 20 Mar 2026, done',
      'Decisions on terms\n- Limit unchanged until the accounts arrive',
      'Follow-up to the customer: not recorded yet',
    ])
      expect(body).toContain(line);
    expect(body).not.toContain('Not asked');
  });

  it('says what is missing instead of leaving sections empty', () => {
    const { body } = composeVisitReport({ ...input, heldAt: null, place: null, notes: [], signals: [], actionItems: [], decisions: null, followedUpAt: new Date('2026-03-11T00:00:00Z') });
    expect(body).toContain('Date: 10 Mar 2026 (planned)');
    expect(body).toContain('Place: not given');
    expect(body).toContain('Key points\n- no notes taken');
    expect(body).toContain('Signals raised\n- none');
    expect(body).toContain('Follow-up to the customer: recorded on 11 Mar 2026');
  });
});
