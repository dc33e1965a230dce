import { describe, expect, it } from 'vitest';
import type { Broadcast } from './messages.js';
import { OwnTabBroadcasts } from './own-tab.js';

describe('OwnTabBroadcasts', () => {
  const setup = () => {
    const delivered: Broadcast[] = [];
    return { delivered, gate: new OwnTabBroadcasts((m) => delivered.push(m)) };
  };

  it('holds tab broadcasts until the tab id is known, then hands on its own tab’s in order and drops the others', () => {
    const { delivered, gate } = setup();
    gate.accept({ type: 'broadcast/panel-toggled', tabId: 7, open: true });
    gate.accept({ type: 'broadcast/tab-changed', tabId: 12 });
    gate.accept({ type: 'broadcast/panel-toggled', tabId: 12, open: true });
    expect(delivered).toEqual([]);
    gate.known(12);
    expect(delivered).toEqual([
      { type: 'broadcast/tab-changed', tabId: 12 },
      { type: 'broadcast/panel-toggled', tabId: 12, open: true },
    ]);
    gate.accept({ type: 'broadcast/tab-changed', tabId: 7 });
    gate.accept({ type: 'broadcast/tab-changed', tabId: 12 });
    expect(delivered).toHaveLength(3);
  });

  it('passes broadcasts about no tab at once', () => {
    const { delivered, gate } = setup();
    gate.accept({ type: 'broadcast/auth-changed' });
    expect(delivered).toEqual([{ type: 'broadcast/auth-changed' }]);
  });

  it('takes every tab’s broadcasts where the browser does not say which tab the frame is in', () => {
    const { delivered, gate } = setup();
    gate.accept({ type: 'broadcast/tab-changed', tabId: 3 });
    gate.known(null);
    gate.accept({ type: 'broadcast/tab-changed', tabId: 4 });
    expect(delivered.map((m) => 'tabId' in m && m.tabId)).toEqual([3, 4]);
  });

  it('holds a bounded number', () => {
    const { delivered, gate } = setup();
    for (let i = 0; i < 80; i++) gate.accept({ type: 'broadcast/tab-changed', tabId: 1 });
    gate.known(1);
    expect(delivered).toHaveLength(50);
  });
});
