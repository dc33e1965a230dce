import { describe, expect, it } from 'vitest';
import { outlookAdapter, parseOutlookPath } from './outlook.js';
import { page } from './test-utils.js';

const ITEM = 'AAQkADAwATM0MDAAMS1iNWUzLWE0ZGYtMDACLTAwCgAQAJs%2FEl3b%2BEtFrj1VzBiJ0Lk%3D';

describe('parseOutlookPath', () => {
  it.each([
    [`/mail/inbox/id/${ITEM}`, ITEM, false],
    [`/mail/0/inbox/id/${ITEM}`, ITEM, false],
    [`/mail/id/${ITEM}`, ITEM, false],
    [`/mail/deeplink/read/${ITEM}`, ITEM, false],
    ['/mail/deeplink/compose', null, true],
    ['/mail/0/deeplink/compose', null, true],
    ['/mail/inbox', null, false],
    ['/calendar/view/month', null, false],
    [`/owa/id/${ITEM}`, null, false],
  ])('%s', (path, itemId, compose) => {
    expect(parseOutlookPath(path)).toEqual({ itemId, compose });
  });
});

describe('outlookAdapter', () => {
  const read = new URL(`https://outlook.office.com/mail/inbox/id/${ITEM}`);

  it('reads a message rendered in a same-origin frame of the reading pane', () => {
    const doc = page('<div id="ReadingPaneContainerId"><iframe></iframe></div>');
    const inner = page('<div aria-label="From: Dana"><span title="dana@initech.example">Dana</span></div>');
    Object.defineProperty(doc.querySelector('iframe')!, 'contentDocument', { value: inner });
    expect(outlookAdapter.detect(doc, read).context?.emails).toEqual(['dana@initech.example']);
  });

  it('skips frames it may not read', () => {
    const doc = page('<div id="ReadingPaneContainerId"><iframe></iframe></div>');
    Object.defineProperty(doc.querySelector('iframe')!, 'contentDocument', {
      get: () => {
        throw new DOMException('Blocked a frame', 'SecurityError');
      },
    });
    expect(outlookAdapter.detect(doc, read).health?.missing).toEqual(['participant']);
  });

  it('never takes participants from the message body', () => {
    const doc = page('<div id="ReadingPaneContainerId"><div aria-label="Message body"><span title="sig@hooli.example">x</span></div></div>');
    expect(outlookAdapter.detect(doc, read).health?.missing).toEqual(['participant']);
  });

  it('recognises a compose form opened in the reading pane, without a compose URL', () => {
    const doc = page('<div role="textbox" aria-label="To"><span title="ann@acme.example">Ann</span></div>');
    expect(outlookAdapter.detect(doc, new URL('https://outlook.office.com/mail/inbox')).context).toMatchObject({
      pageType: 'compose',
      emails: ['ann@acme.example'],
    });
    expect(outlookAdapter.detect(page(''), new URL('https://outlook.office.com/mail/inbox'))).toEqual({ context: null });
  });

  it('reports health on a compose URL without compose fields, and on a missing reading pane', () => {
    expect(outlookAdapter.detect(page(''), new URL('https://outlook.live.com/mail/0/deeplink/compose')).health?.missing).toEqual(['composeField']);
    expect(outlookAdapter.detect(page('<div></div>'), read).health?.missing).toEqual(['readingPane']);
  });
});
