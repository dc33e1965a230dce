import type { AdapterHealthReport, PageContext } from '@earshot/shared';
import { describe, expect, it, vi } from 'vitest';
import { createReporter, type SendReport } from './reporter.js';

const context = (emails: string[]): PageContext => ({ site: 'gmail', pageType: 'thread', emails, domains: [], url: 'https://mail.google.com/x' });
const health = (missing = ['participant']): AdapterHealthReport => ({
  site: 'gmail',
  pageType: 'thread',
  missing,
  structure: '<div>',
  url: 'https://mail.google.com/x',
  seenAt: '2026-11-22T12:00:00.000Z',
});

function setup() {
  let now = 0;
  const send = vi.fn<SendReport>(async () => ({ mount: true, panelOpen: false }));
  const recheckIn = vi.fn();
  const reporter = createReporter({ send, recheckIn, healthSettleMs: 2500, now: () => now });
  return { reporter, send, recheckIn, advance: (ms: number) => (now += ms) };
}

describe('createReporter', () => {
  it('sends a context once, and again only when it changes', async () => {
    const { reporter, send } = setup();
    expect(await reporter.report({ context: context(['a@x.example']) })).toEqual({ sent: true, reply: { mount: true, panelOpen: false } });
    expect(await reporter.report({ context: context(['a@x.example']) })).toEqual({ sent: false });
    await reporter.report({ context: context(['b@x.example']) });
    await reporter.report({ context: null });
    await reporter.report({ context: null });
    expect(send.mock.calls.map(([req]) => req)).toEqual([
      { context: context(['a@x.example']) },
      { context: context(['b@x.example']) },
      { context: null },
    ]);
  });

  it('holds a health report until it has lasted the settle time, then sends it once', async () => {
    const { reporter, send, recheckIn, advance } = setup();
    await reporter.report({ context: null, health: health() });
    expect(send).toHaveBeenLastCalledWith({ context: null });
    expect(recheckIn).toHaveBeenCalledWith(2500);
    advance(1000);
    expect(await reporter.report({ context: null, health: health() })).toEqual({ sent: false });
    advance(1500);
    await reporter.report({ context: null, health: health() });
    expect(send).toHaveBeenLastCalledWith({ context: null, health: health() });
    advance(10_000);
    expect(await reporter.report({ context: null, health: health() })).toEqual({ sent: false });
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('drops a health report that cleared up before it settled (the page was only loading)', async () => {
    const { reporter, send, advance } = setup();
    await reporter.report({ context: null, health: health() });
    advance(800);
    await reporter.report({ context: context(['a@x.example']) });
    advance(5000);
    await reporter.report({ context: context(['a@x.example']) });
    expect(send.mock.calls.some(([req]) => 'health' in req)).toBe(false);
  });

  it('restarts the clock when the problem changes', async () => {
    const { reporter, send, advance } = setup();
    await reporter.report({ context: null, health: health(['participant']) });
    advance(2000);
    await reporter.report({ context: null, health: health(['thread']) });
    advance(2000);
    await reporter.report({ context: null, health: health(['thread']) });
    expect(send.mock.calls.some(([req]) => 'health' in req)).toBe(false);
    advance(500);
    await reporter.report({ context: null, health: health(['thread']) });
    expect(send).toHaveBeenLastCalledWith({ context: null, health: health(['thread']) });
  });

  it('tries again on the next detect after a failed send', async () => {
    const { reporter, send } = setup();
    send.mockRejectedValueOnce(new Error('Earshot background is not reachable'));
    expect(await reporter.report({ context: context(['a@x.example']) })).toEqual({ sent: true, reply: null });
    expect(await reporter.report({ context: context(['a@x.example']) })).toMatchObject({ sent: true, reply: { mount: true } });
  });
});
