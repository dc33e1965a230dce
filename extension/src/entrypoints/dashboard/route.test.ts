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
    expect(parseRoute(href.visits())).toEqual({ view: 'visits' });
    expect(parseRoute(href.visitNew(id))).toEqual({ view: 'visit-new', accountId: id });
    expect(parseRoute(href.visitNew())).toEqual({ view: 'visit-new', accountId: null });
    expect(parseRoute(href.visit(id))).toEqual({ view: 'visit', id });
    expect(parseRoute(href.visitBriefing(id))).toEqual({ view: 'visit-briefing', id });
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
    expect(parseRoute('#/visit/V1/notes')).toEqual({ view: 'not-found', path: '/visit/V1/notes' });
    expect(parseRoute('#/account/A1/briefing')).toEqual({ view: 'not-found', path: '/account/A1/briefing' });
    expect(parseRoute('#/visit/V1/briefing/x')).toEqual({ view: 'not-found', path: '/visit/V1/briefing/x' });
    expect(parseRoute('#/visits/V1')).toEqual({ view: 'not-found', path: '/visits/V1' });
    expect(parseRoute('#/visit')).toEqual({ view: 'not-found', path: '/visit' });
  });

  it('monthOf is the local calendar month', () => {
    expect(monthOf(new Date(2026, 11, 31, 23, 0))).toBe('2026-12');
    expect(monthOf(new Date(2027, 0, 1, 0, 30))).toBe('2027-01');
  });
});
