import { describe, expect, it } from 'vitest';
import { WEBHOOK_TIMEOUT_MS } from '../webhooks/http-post.js';
import { QUEUES, queueSettings, retryDelayWindow, VISIT_REPORT_MAX_ATTEMPTS, WEBHOOK_MAX_ATTEMPTS } from './queues.js';

describe('retry backoff', () => {
  it('doubles the window after each failed attempt, capped at retryDelayMax', () => {
    const policy = { retryDelay: 10, retryDelayMax: 100 };
    expect(retryDelayWindow(policy, 1)).toEqual({ min: 10, max: 20 });
    expect(retryDelayWindow(policy, 2)).toEqual({ min: 20, max: 40 });
    expect(retryDelayWindow(policy, 3)).toEqual({ min: 40, max: 80 });
    expect(retryDelayWindow(policy, 4)).toEqual({ min: 80, max: 100 });
    expect(retryDelayWindow(policy, 9)).toEqual({ min: 100, max: 100 });
  });

  it('treats a zero delay as one second, as pg-boss does', () => {
    expect(retryDelayWindow({ retryDelay: 0, retryDelayMax: 60 }, 1)).toEqual({ min: 1, max: 2 });
  });

  it('spreads webhook attempts over 30–60 minutes by default', () => {
    const s = queueSettings()[QUEUES.deliverWebhook];
    expect(s.retryLimit + 1).toBe(WEBHOOK_MAX_ATTEMPTS);
    let min = 0;
    let max = 0;
    for (let failed = 1; failed < WEBHOOK_MAX_ATTEMPTS; failed++) {
      const w = retryDelayWindow(s, failed);
      min += w.min;
      max += w.max;
    }
    expect(min).toBeGreaterThanOrEqual(30 * 60);
    expect(max).toBeLessThanOrEqual(62 * 60);
  });

  it('spreads visit-report e-mail attempts over 2–3 hours by default, at most an hour apart; tests shorten both', () => {
    const s = queueSettings()[QUEUES.visitReportEmail];
    expect(s.retryLimit + 1).toBe(VISIT_REPORT_MAX_ATTEMPTS);
    const windows = Array.from({ length: s.retryLimit }, (_, i) => retryDelayWindow(s, i + 1));
    expect(windows[0]).toEqual({ min: 30, max: 60 });
    expect(windows.at(-1)).toEqual({ min: 3600, max: 3600 });
    expect(windows.reduce((n, w) => n + w.min, 0)).toBe(7410);
    expect(windows.reduce((n, w) => n + w.max, 0)).toBe(10980);
    expect(queueSettings({ visitReportRetryDelay: 1, visitReportRetryLimit: 2 })[QUEUES.visitReportEmail]).toMatchObject({ retryDelay: 1, retryLimit: 2 });
  });

  it('lets a webhook attempt time out (5 s) well before pg-boss expires it', () => {
    expect(queueSettings()[QUEUES.deliverWebhook].expireInSeconds * 1000).toBeGreaterThanOrEqual(WEBHOOK_TIMEOUT_MS * 10);
  });
});
