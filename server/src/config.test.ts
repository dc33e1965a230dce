import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('loadConfig', () => {
  it('refuses a session lifetime of 0 (it meant sessions that never expire), with a clear error', () => {
    expect(() => loadConfig({ EARSHOT_SESSION_TTL_HOURS: '0' })).toThrow(/EARSHOT_SESSION_TTL_HOURS must be at least 1/);
    expect(() => loadConfig({ EARSHOT_SESSION_TTL_HOURS: '-3' })).toThrow(/non-negative integer/);
    expect(loadConfig({ EARSHOT_SESSION_TTL_HOURS: '8' }).sessionTtlHours).toBe(8);
    expect(loadConfig({}).sessionTtlHours).toBe(336);
  });
});
