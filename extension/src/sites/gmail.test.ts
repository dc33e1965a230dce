import { describe, expect, it } from 'vitest';
import { gmailAdapter, parseGmailHash } from './gmail.js';
import { page } from './test-utils.js';

const ID = 'FMfcgzQXJWBNlvZnjkqBfSTDvpsTkLmC';
const at = (hash: string) => new URL(`https://mail.google.com/mail/u/0/${hash}`);

describe('parseGmailHash', () => {
  it.each([
    [`#inbox/${ID}`, ID, false],
    ['#inbox/193c5a1e2b3d4f50', '193c5a1e2b3d4f50', false],
    [`#label/Customers%2FAcme/${ID}`, ID, false],
    [`#search/acme+overdue/${ID}`, ID, false],
    [`#category/updates/${ID}`, ID, false],
    [`#inbox/${ID}?compose=new`, ID, true],
    ['#inbox?compose=new', null, true],
    ['#inbox', null, false],
    ['#inbox/p2', null, false],
    [`#label/${ID}`, null, false],
    ['#search/acmetoolsincorporatedltd', null, false],
    ['#settings/general', null, false],
    ['', null, false],
  ])('%s', (hash, threadId, compose) => {
    expect(parseGmailHash(hash)).toEqual({ threadId, compose });
  });
});

const thread = (chips: string) => `<div role="main"><div class="adn" data-message-id="#m1">${chips}</div></div>`;

describe('gmailAdapter', () => {
  it('falls back to the tab title for the signed-in address', () => {
    const doc = page(thread('<span email="jane@northwind.example"></span><span email="ann@acme.example"></span>'), 'Hi - jane@northwind.example - Mail');
    expect(gmailAdapter.detect(doc, at(`#inbox/${ID}`)).context?.emails).toEqual(['ann@acme.example']);
  });

  it('resolves a thread with only the user on it to nothing, without a health report', () => {
    const doc = page(thread('<span email="jane@northwind.example"></span>'), 'Note - jane@northwind.example - Mail');
    expect(gmailAdapter.detect(doc, at(`#sent/${ID}`))).toEqual({ context: null });
  });

  it('ignores list views, even with senders in the DOM', () => {
    expect(gmailAdapter.detect(page('<div role="main"><span email="ann@acme.example"></span></div>'), at('#inbox'))).toEqual({ context: null });
  });

  it('reports health when the conversation pane itself is gone', () => {
    const result = gmailAdapter.detect(page('<div class="nH"></div>'), at(`#inbox/${ID}`));
    expect(result.health?.missing).toEqual(['thread']);
  });

  it('reads the newest compose window and reports a missing one', () => {
    const doc = page(
      '<div role="dialog"><div data-hovercard-id="old@globex.example"></div></div><div role="dialog"><input name="to" value="Ann &lt;ann@acme.example&gt;, ap@acme.example"></div>',
    );
    expect(gmailAdapter.detect(doc, at('#inbox?compose=new')).context?.emails).toEqual(['ann@acme.example', 'ap@acme.example']);
    expect(gmailAdapter.detect(page(''), at('#inbox?compose=new')).health).toMatchObject({ pageType: 'compose', missing: ['composeWindow'] });
  });
});
