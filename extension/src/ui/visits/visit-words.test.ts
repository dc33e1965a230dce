import { describe, expect, it } from 'vitest';
import { dayOffset, dueDay, notesOpen, recentFirst, visitPeople, visitWhen, visitWhenFull } from './visit-words';

// Local times, so the calendar-day logic is checked wherever the tests run.
const now = new Date(2026, 11, 7, 10, 0);
const at = (day: number, hour = 14) => new Date(2026, 11, day, hour, 0).toISOString();

describe('visit words', () => {
  it('says today, tomorrow and yesterday with the time, further days relatively', () => {
    expect(visitWhen(at(7), now)).toBe('today at 14:00');
    expect(visitWhen(at(8, 9), now)).toBe('tomorrow at 09:00');
    expect(visitWhen(at(6, 16), now)).toBe('yesterday at 16:00');
    expect(visitWhen(at(10), now)).toBe('in 3 days');
    expect(visitWhen('not a date', now)).toBe('');
    expect(dayOffset(at(7, 23), now)).toBe(0);
  });

  it('says the time once: in the words for today, tomorrow and yesterday, else beside the date', () => {
    expect(visitWhenFull(at(7), now)).toBe('Today at 14:00 (7 Dec 2026)');
    expect(visitWhenFull(at(8, 9), now)).toBe('Tomorrow at 09:00 (8 Dec 2026)');
    expect(visitWhenFull(at(10, 9), now)).toBe('In 3 days (10 Dec 2026, 09:00)');
    expect(visitWhenFull(at(1, 16), now)).toBe('6 days ago (1 Dec 2026, 16:00)');
    for (const text of [visitWhenFull(at(7), now), visitWhenFull(at(10, 9), now)]) expect(text.match(/\d{2}:\d{2}/g)).toHaveLength(1);
    expect(visitWhenFull('not a date', now)).toBe('');
  });

  it('offers notes today and up to a week after, never before the day, never on a cancelled visit or to a reader', () => {
    const v = { viewerCanEdit: true, status: 'PLANNED' as const, scheduledAt: at(7), heldAt: null };
    expect(notesOpen(v, now)).toBe(true);
    expect(notesOpen({ ...v, scheduledAt: at(8, 8) }, now)).toBe(false);
    const daysBefore = (n: number) => new Date(2026, 11, 7 - n, 15, 0).toISOString();
    expect(notesOpen({ ...v, status: 'HELD', scheduledAt: daysBefore(8), heldAt: daysBefore(8) }, now)).toBe(false);
    expect(notesOpen({ ...v, status: 'FOLLOWED_UP', scheduledAt: daysBefore(8), heldAt: daysBefore(7) }, now)).toBe(true);
    expect(notesOpen({ ...v, scheduledAt: daysBefore(2) }, now)).toBe(true); // took place, not marked held yet
    expect(notesOpen({ ...v, status: 'CANCELLED' }, now)).toBe(false);
    expect(notesOpen({ ...v, viewerCanEdit: false }, now)).toBe(false);
  });

  it('lists who goes once, organizer first; a due day is that calendar day in any time zone', () => {
    const carla = { id: 'U1', name: 'Carla' };
    expect(visitPeople({ organizer: carla, attendees: [{ id: 'U2', name: 'Sam' }, carla] })).toEqual(['Carla', 'Sam']);
    expect(visitPeople({ organizer: null, attendees: [] })).toEqual([]);
    expect(visitPeople({ organizer: carla, attendees: [{ id: 'U2', name: 'Sam' }] }, { id: 'U2' })).toEqual(['you', 'Carla']);
    expect(dueDay('2026-12-04T00:00:00.000Z')).toBe('4 Dec 2026');
    expect(dueDay('2026-12-04')).toBe('4 Dec 2026');
    expect(dueDay('soon')).toBe('');
  });
});

describe('recentFirst', () => {
  it('orders past visits newest first by when they were held, else when planned (a visit held early sorts by that day)', () => {
    const rows = [
      { id: 'cancelled', scheduledAt: '2026-11-01T10:00:00.000Z', heldAt: null },
      { id: 'held-early', scheduledAt: '2026-12-20T10:00:00.000Z', heldAt: '2026-12-04T10:00:00.000Z' },
      { id: 'held', scheduledAt: '2026-12-01T10:00:00.000Z', heldAt: '2026-12-01T11:00:00.000Z' },
      { id: 'latest', scheduledAt: '2026-12-04T09:00:00.000Z', heldAt: '2026-12-05T09:00:00.000Z' },
    ];
    expect(recentFirst(rows).map((r) => r.id)).toEqual(['latest', 'held-early', 'held', 'cancelled']);
  });
});
