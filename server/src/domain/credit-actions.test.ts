import { describe, expect, it } from 'vitest';
import { creditActions, shortDate } from './credit-actions.js';

const asOf = '2026-12-05';

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
      },
      asOf,
    );
    expect(actions.map((a) => [a.kind, a.text])).toEqual([
      ['ON_HOLD', 'On hold: awaiting bank guarantee'],
      ['COLLECTION', 'In collection since 3 Nov (reminders)'],
      ['REVIEW_IN_PROGRESS', 'Review in progress'],
      ['DISPUTE_OPEN', 'Dispute open: delivery problem, owner: logistics'],
    ]);
    for (const a of actions) expect(a.text).not.toMatch(/\d{3}/);
  });

  it('is empty for an account without actions, and names the year when it is not this year', () => {
    expect(creditActions({ onHold: false, holdReason: null, collectionStatus: null, collectionSince: null, reviewsInProgress: [], openDisputes: [] }, asOf)).toEqual([]);
    expect(shortDate('2025-11-03', asOf)).toBe('3 Nov 2025');
  });
});
