import { VISIT_STATUSES } from '@earshot/shared';
import { describe, expect, it } from 'vitest';
import { canTransition, completedAtAfter, isActionItemOverdue, statusAfterBriefing, statusAfterNotes, visitActionRefusal } from './visit-status.js';

const now = new Date('2026-03-10T15:00:00Z');

describe('visit transitions', () => {
  it('follows the seed: planned, briefed, held, followed up; cancelled only before it is held', () => {
    expect(canTransition('PLANNED', 'BRIEFED')).toBe(true);
    expect(canTransition('BRIEFED', 'HELD')).toBe(true);
    expect(canTransition('PLANNED', 'HELD')).toBe(true);
    expect(canTransition('HELD', 'FOLLOWED_UP')).toBe(true);
    expect(canTransition('PLANNED', 'CANCELLED')).toBe(true);
    expect(canTransition('BRIEFED', 'CANCELLED')).toBe(true);
    expect(canTransition('HELD', 'CANCELLED')).toBe(false);
    expect(canTransition('PLANNED', 'FOLLOWED_UP')).toBe(false);
    for (const s of VISIT_STATUSES) expect(canTransition('CANCELLED', s)).toBe(false);
  });

  it('refuses everything on a cancelled visit with one sentence', () => {
    for (const a of ['edit', 'brief', 'hold', 'cancel', 'followUp', 'report'] as const)
      expect(visitActionRefusal('CANCELLED', a)).toBe('This visit is cancelled; nothing can be added to it.');
  });

  it('allows the follow-up and report only once held', () => {
    expect(visitActionRefusal('PLANNED', 'followUp')).toMatch(/not been held/);
    expect(visitActionRefusal('BRIEFED', 'report')).toMatch(/not been held/);
    expect(visitActionRefusal('HELD', 'followUp')).toBeNull();
    expect(visitActionRefusal('FOLLOWED_UP', 'report')).toBeNull();
    expect(visitActionRefusal('HELD', 'hold')).toMatch(/already held/);
    expect(visitActionRefusal('HELD', 'cancel')).toMatch(/cannot be cancelled/);
    expect(visitActionRefusal('BRIEFED', 'cancel')).toBeNull();
  });

  it('moves PLANNED to BRIEFED on a briefing and PLANNED/BRIEFED to HELD on the first notes', () => {
    expect(statusAfterBriefing('PLANNED')).toBe('BRIEFED');
    expect(statusAfterBriefing('HELD')).toBe('HELD');
    expect(statusAfterNotes('PLANNED')).toBe('HELD');
    expect(statusAfterNotes('BRIEFED')).toBe('HELD');
    expect(statusAfterNotes('FOLLOWED_UP')).toBe('FOLLOWED_UP');
  });
});

describe('action items', () => {
  it('is overdue when open and due before today (UTC)', () => {
    expect(isActionItemOverdue({ status: 'OPEN', dueOn: new Date('2026-03-09T00:00:00Z') }, now)).toBe(true);
    expect(isActionItemOverdue({ status: 'OPEN', dueOn: new Date('2026-03-10T00:00:00Z') }, now)).toBe(false);
    expect(isActionItemOverdue({ status: 'DONE', dueOn: new Date('2026-01-01T00:00:00Z') }, now)).toBe(false);
    expect(isActionItemOverdue({ status: 'CANCELLED', dueOn: new Date('2026-01-01T00:00:00Z') }, now)).toBe(false);
  });

  it('sets completedAt when done, keeps it when done again, clears it when reopened', () => {
    const done = new Date('2026-03-01T00:00:00Z');
    expect(completedAtAfter({ status: 'OPEN', completedAt: null }, 'DONE', now)).toEqual(now);
    expect(completedAtAfter({ status: 'DONE', completedAt: done }, 'DONE', now)).toEqual(done);
    expect(completedAtAfter({ status: 'DONE', completedAt: done }, 'OPEN', now)).toBeNull();
  });
});
