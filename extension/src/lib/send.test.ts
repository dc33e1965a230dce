import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EarshotRequestError, onBroadcast, send } from './send.js';

beforeEach(() => fakeBrowser.reset());

/** A worker that answers like the real one: `return true` and a later sendResponse. */
function worker(answer: (message: unknown) => unknown) {
  fakeBrowser.runtime.onMessage.addListener((message: unknown, _sender: unknown, sendResponse: (r: unknown) => void) => {
    queueMicrotask(() => sendResponse(answer(message)));
    return true;
  });
}

describe('send', () => {
  it('sends { type, req } and unwraps the answer', async () => {
    const seen: unknown[] = [];
    worker((m) => {
      seen.push(m);
      return { earshot: 'ok', value: { ok: true } };
    });
    const draft = { accountId: 'a', accountName: 'A', type: 'QUIET', severity: 1, note: '', observedAt: '2026-11-20T10:00:00Z' } as const;
    await send('capture/submit', draft);
    // The signal type survives next to the message type.
    expect(seen).toEqual([{ type: 'capture/submit', req: draft }]);
    await send('auth/status');
    expect(seen[1]).toEqual({ type: 'auth/status', req: {} });
  });

  it('throws the refusal text', async () => {
    worker(() => ({ earshot: 'error', error: 'account/get is answered to Earshot pages only.' }));
    await expect(send('account/get', { id: 'x' })).rejects.toThrow(new EarshotRequestError('account/get is answered to Earshot pages only.'));
  });

  it('throws when nothing answers', async () => {
    await expect(send('settings/get')).rejects.toBeInstanceOf(EarshotRequestError);
  });
});

describe('onBroadcast', () => {
  it('passes broadcasts on, ignores requests, never answers, and unsubscribes', async () => {
    const listener = vi.fn();
    const off = onBroadcast(listener);
    const results = await fakeBrowser.runtime.onMessage.trigger({ type: 'broadcast/tab-changed', tabId: 3 }, {}, () => undefined);
    await fakeBrowser.runtime.onMessage.trigger({ type: 'tab/state', req: {} }, {}, () => undefined);
    expect(listener).toHaveBeenCalledExactlyOnceWith({ type: 'broadcast/tab-changed', tabId: 3 });
    expect(results).toEqual([undefined]);
    off();
    await fakeBrowser.runtime.onMessage.trigger({ type: 'broadcast/auth-changed' }, {}, () => undefined);
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
