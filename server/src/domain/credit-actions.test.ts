import { describe, expect, it } from 'vitest';
import { creditActionSentence, creditActions } from './credit-actions.js';

describe('creditActions', () => {
  it('says credit’s actions in words, without figures', () => {
    const actions = creditActions(
      {
        onHold: true,
        holdReason: 'awaiting bank guarantee',
        collectionStatus: 'REMINDERS',
        collectionSince: new Date('2026-11-03T09:00:00Z'),
        reviewsInProgress: [{ startedAt: new Date('2026-12-01T00:00:00Z') }],
        openDisputes: [{ kind: 'DELIVERY_PROBLEM', ownerTeam: 'logistics', openedAt: new Date('2026-11-20T00:00:00Z') }],
      });
    expect(actions.map((a) => [a.kind, a.text])).toEqual([
      ['ON_HOLD', 'On hold: awaiting bank guarantee'],
      ['COLLECTION', 'In collection (reminders)'],
      ['REVIEW_IN_PROGRESS', 'Review in progress'],
      ['DISPUTE_OPEN', 'Delivery problem, with logistics'],
    ]);
    for (const a of actions) expect(a.text).not.toMatch(/\d/);
    // Standing alone (the briefing), each says its day the one way dates are written: “3 Nov 2026”, never “since … ago”.
    expect(actions.map((a) => creditActionSentence(a, '2026-12-05T10:00:00Z'))).toEqual([
      'On hold: awaiting bank guarantee',
      'In collection (reminders), started 3 Nov 2026',
      'Review in progress, started 1 Dec 2026',
      'Delivery problem, with logistics since 20 Nov 2026 (15 days)',
    ]);
  });

  it('is empty for an account without actions; an action without a date is its words alone', () => {
    expect(creditActions({ onHold: false, holdReason: null, collectionStatus: null, collectionSince: null, reviewsInProgress: [], openDisputes: [] })).toEqual([]);
    expect(creditActionSentence({ kind: 'REVIEW_IN_PROGRESS', text: 'Review in progress', since: null }, '2026-12-05')).toBe('Review in progress');
  });

  it('says a dispute once, with its owning team, and counts calendar days, not elapsed 24-hour periods', () => {
    const [dispute] = creditActions({
      onHold: false,
      holdReason: null,
      collectionStatus: null,
      collectionSince: null,
      reviewsInProgress: [],
      openDisputes: [{ kind: 'DISPUTE', ownerTeam: 'sales', openedAt: new Date('2026-12-04T14:00:00Z') }],
    });
    expect(dispute?.text).toBe('Disputed, with sales');
    if (!dispute) throw new Error('no dispute action');
    // Opened yesterday afternoon, read 20 hours later: 1 day, as a person counts it (and as the panel does).
    expect(creditActionSentence(dispute, new Date('2026-12-05T10:00:00Z'))).toBe('Disputed, with sales since 4 Dec 2026 (1 day)');
    expect(creditActionSentence(dispute, new Date('2026-12-04T23:59:00Z'))).toBe('Disputed, with sales since 4 Dec 2026 (today)');
    expect(creditActionSentence(dispute, new Date('2026-12-08T00:01:00Z'))).toBe('Disputed, with sales since 4 Dec 2026 (4 days)');
  });
});
