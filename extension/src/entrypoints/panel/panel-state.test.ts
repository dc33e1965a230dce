import { describe, expect, it } from 'vitest';
import { match, tabState } from '@/ui/testing/fixtures';
import { panelStateOf } from './panel-state';

describe('panelStateOf', () => {
  const load = (tab: ReturnType<typeof tabState> | null, extra: { failure?: string; busy?: boolean } = {}) =>
    panelStateOf({ tab, failure: extra.failure ?? null, busy: extra.busy ?? false });

  it('is loading until the first answer', () => expect(load(null, { busy: true })).toBe('loading'));
  it('is an error when the first request failed', () => expect(load(null, { failure: 'gone' })).toBe('error'));
  it('is ready with matches', () => expect(load(tabState())).toBe('ready'));
  it('stays ready while a refresh is under way', () => expect(load(tabState({ loading: true }), { busy: true })).toBe('ready'));
  it('is loading while the worker resolves a new page', () => expect(load(tabState({ matches: [], loading: true }))).toBe('loading'));
  it('is empty without matches', () => expect(load(tabState({ matches: [] }))).toBe('empty'));
  it('is signed out', () => expect(load(tabState({ connection: 'signed-out', matches: [] }))).toBe('signed-out'));
  it('is unreachable, with or without stale data', () => {
    expect(load(tabState({ connection: 'unreachable' }))).toBe('unreachable');
    expect(load(tabState({ connection: 'unreachable', matches: [] }))).toBe('unreachable');
  });
  it('is an error when the worker says so or a later request failed', () => {
    expect(load(tabState({ connection: 'error', message: 'boom' }))).toBe('error');
    expect(load(tabState({ matches: [match()] }), { failure: 'gone' })).toBe('error');
  });
});
