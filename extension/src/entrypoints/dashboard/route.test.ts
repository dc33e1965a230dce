import { describe, expect, it } from 'vitest';
import { href, monthOf, parseRoute } from './route';

describe('parseRoute', () => {
  it('reads every view the page links to back from its href', () => {
    expect(parseRoute(href.home())).toEqual({ view: 'home' });
    expect(parseRoute('')).toEqual({ view: 'home' });
    expect(parseRoute(href.alerts())).toEqual({ view: 'alerts' });
    expect(parseRoute(href.watches())).toEqual({ view: 'watches' });
    expect(parseRoute(href.intel())).toEqual({ view: 'intel' });
    expect(parseRoute(href.reviews('2026-12'))).toEqual({ view: 'reviews', month: '2026-12' });
    expect(parseRoute(href.reviews())).toEqual({ view: 'reviews', month: null });
    // Relay ids are base64: '=' and '/' survive the round trip.
    const id = 'SGVhbHRoQ2hlY2s6MQ==/x';
    expect(parseRoute(href.review(id))).toEqual({ view: 'review', id });
    expect(parseRoute(href.account(id))).toEqual({ view: 'account', id });
    expect(parseRoute(href.intelNew(id))).toEqual({ view: 'intel-new', accountId: id });
    expect(parseRoute(href.intelNew())).toEqual({ view: 'intel-new', accountId: null });
    const portfolio = parseRoute(href.portfolio(new URLSearchParams({ q: 'a&b', level: 'HIGH' })));
    expect(portfolio.view === 'portfolio' && Object.fromEntries(portfolio.query)).toEqual({ q: 'a&b', level: 'HIGH' });
  });

  it('never guesses: unknown paths, extra segments, bad months and bad escapes', () => {
    expect(parseRoute('#/nope')).toEqual({ view: 'not-found', path: '/nope' });
    expect(parseRoute('#/account/A1/extra')).toEqual({ view: 'not-found', path: '/account/A1/extra' });
    expect(parseRoute('#/account/%E0%A4%A')).toEqual({ view: 'not-found', path: '/account/%E0%A4%A' });
    expect(parseRoute('#/account')).toEqual({ view: 'not-found', path: '/account' });
    expect(parseRoute('#/reviews?month=2026-13')).toEqual({ view: 'reviews', month: null });
    expect(parseRoute('#/alerts/1')).toEqual({ view: 'not-found', path: '/alerts/1' });
  });

  it('monthOf is the local calendar month', () => {
    expect(monthOf(new Date(2026, 11, 31, 23, 0))).toBe('2026-12');
    expect(monthOf(new Date(2027, 0, 1, 0, 30))).toBe('2027-01');
  });
});
