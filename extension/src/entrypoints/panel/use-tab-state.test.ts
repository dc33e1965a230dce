import { describe, expect, it } from 'vitest';
import type { TabState } from '@/lib/messages';
import { forThisPage } from './use-tab-state';

const tab = (url: string): TabState => ({
  connection: 'ok',
  context: { site: 'gmail', pageType: 'thread', emails: ['ann@acme.example'], domains: ['acme.example'], url },
  matches: [{ matchedBy: 'DOMAIN', matchedValue: 'acme.example', account: { id: 'A1' } } as never],
  loading: false,
  user: null,
});

describe('forThisPage', () => {
  it('keeps the state of the page that frames the panel', () => {
    const state = tab('https://mail.google.com/mail/u/0/#inbox/abc');
    expect(forThisPage(state, 'https://mail.google.com')).toBe(state);
  });

  it('shows another page framing the panel nothing of the previous page’s customer', () => {
    const shown = forThisPage(tab('https://mail.google.com/mail/u/0/#inbox/abc'), 'https://evil.example');
    expect(shown.context).toBeNull();
    expect(shown.matches).toEqual([]);
  });

  it('changes nothing where the browser does not say who frames the panel', () => {
    const state = tab('https://mail.google.com/');
    expect(forThisPage(state, null)).toBe(state);
  });
});
