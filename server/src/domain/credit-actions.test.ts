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
      ['DISPUTE_OPEN', 'Dispute open: delivery problem, owner: logistics'],
    ]);
    for (const a of actions) expect(a.text).not.toMatch(/\d/);
    // Standing alone (the briefing), each says its day the one way dates are written: “3 Nov 2026”, never “since … ago”.
    expect(actions.map(creditActionSentence)).toEqual([
      'On hold: awaiting bank guarantee',
      'In collection (reminders), started 3 Nov 2026',
      'Review in progress, started 1 Dec 2026',
      'Dispute open: delivery problem, owner: logistics, opened 20 Nov 2026',
    ]);
  });

  it('is empty for an account without actions; an action without a date is its words alone', () => {
    expect(creditActions({ onHold: false, holdReason: null, collectionStatus: null, collectionSince: null, reviewsInProgress: [], openDisputes: [] })).toEqual([]);
    expect(creditActionSentence({ kind: 'REVIEW_IN_PROGRESS', text: 'Review in progress', since: null })).toBe('Review in progress');
  });
});
