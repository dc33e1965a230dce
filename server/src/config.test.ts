import { describe, expect, it } from 'vitest';
import { loadConfig, MAX_SESSION_TTL_HOURS } from './config.js';

describe('loadConfig', () => {
  const TTL_RANGE = /EARSHOT_SESSION_TTL_HOURS must be a whole number from 1 to 8760 \(hours; sessions always expire, at the latest after 8760 = one year; default 336 = 14 days\)/;

  it('refuses a session lifetime of 0 (it meant sessions that never expire), with a clear error', () => {
    expect(() => loadConfig({ EARSHOT_SESSION_TTL_HOURS: '0' })).toThrow(TTL_RANGE);
    expect(loadConfig({ EARSHOT_SESSION_TTL_HOURS: '8' }).sessionTtlHours).toBe(8);
    expect(loadConfig({}).sessionTtlHours).toBe(336);
  });

  it('bounds the session lifetime at one year, and says exactly what it accepts whatever was wrong', () => {
    expect(MAX_SESSION_TTL_HOURS).toBe(8760);
    expect(loadConfig({ EARSHOT_SESSION_TTL_HOURS: '8760' }).sessionTtlHours).toBe(8760);
    expect(loadConfig({ EARSHOT_SESSION_TTL_HOURS: '1' }).sessionTtlHours).toBe(1);
    for (const value of ['1e9', '8761', '0.5', '-1', '-3', 'soon', '1e3', '0x10', '99999999999999999999']) {
      expect(() => loadConfig({ EARSHOT_SESSION_TTL_HOURS: value }), value).toThrow(TTL_RANGE);
      expect(() => loadConfig({ EARSHOT_SESSION_TTL_HOURS: value }), value).toThrow(`got "${value}"`);
    }
  });

  it('says the accepted range of other numbers: 1 or more where 0 is refused, 0 to 65535 for PORT', () => {
    expect(() => loadConfig({ EARSHOT_RATE_LIMIT_WINDOW_SECONDS: '-1' })).toThrow(/EARSHOT_RATE_LIMIT_WINDOW_SECONDS must be a whole number, 1 or more, got "-1"/);
    expect(() => loadConfig({ EARSHOT_RATE_LIMIT_WINDOW_SECONDS: '0' })).toThrow(/1 or more/);
    expect(() => loadConfig({ EARSHOT_RATE_LIMIT_PER_TOKEN: '-1' })).toThrow(/EARSHOT_RATE_LIMIT_PER_TOKEN must be a whole number, 0 or more, got "-1"/);
    expect(loadConfig({ EARSHOT_RATE_LIMIT_PER_TOKEN: '0' }).rateLimits.requestsPerToken).toBe(0);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT must be a whole number from 0 to 65535, got "70000"/);
    expect(loadConfig({ PORT: '8080' }).port).toBe(8080);
  });
});
