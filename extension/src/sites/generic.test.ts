import { describe, expect, it } from 'vitest';
import { attributeAddresses, genericAdapter, isShown, looksLikeWebmail, visibleTextAddresses } from './generic.js';
import { page } from './test-utils.js';

describe('genericAdapter', () => {
  it.each([
    ['mail.acme.example', '/', true],
    ['webmail.acme.example', '/', true],
    ['owa-acme.example', '/', true],
    ['acme.example', '/roundcube/', true],
    ['acme.example', '/SOGo/so/jane/Mail', true],
    ['crm.acme.example', '/customers/1', false],
    ['mailchimp-fans.example', '/', false],
  ])('%s%s looks like webmail: %s', (hostname, pathname, expected) => {
    expect(looksLikeWebmail(page(''), { hostname, pathname })).toBe(expected);
  });

  it("adds the page's own host as the last domain hint, never on webmail", () => {
    const doc = page('<p>ann@acme.example</p>');
    expect(genericAdapter.detect(doc, new URL('https://portal.globex.example/x')).context?.domains).toEqual(['acme.example', 'portal.globex.example']);
    expect(genericAdapter.detect(doc, new URL('https://mail.globex.example/x')).context).toMatchObject({ pageType: 'webmail', domains: ['acme.example'] });
  });

  it('skips hidden text and its own nodes, and never reports health', () => {
    const doc = page('<p aria-hidden="true">a@hidden.example</p><div data-earshot-root><b>b@ours.example</b></div><p>Hi c@shown.example</p>');
    const result = genericAdapter.detect(doc, new URL('https://mail.x.example/'));
    expect(result).toEqual({ context: expect.objectContaining({ emails: ['c@shown.example'] }) });
  });

  it('stops scanning after its text budget', () => {
    // Few long text nodes past the character budget (400,000): 25,000 short paragraphs made the same point but took
    // happy-dom over 5 s to parse on a loaded machine, timing the test out.
    const filler = `<p>${'lorem ipsum dolor sit amet '.repeat(800)}</p>`.repeat(25);
    const doc = page(`${filler}<p>late@acme.example</p>`);
    expect(visibleTextAddresses(doc.body)).toEqual([]);
  });

  /** Gives `iframe` a same-origin document (DOMParser documents load no frames). */
  const withFrame = (doc: Document, selector: string, frameDoc: Document) => {
    Object.defineProperty(doc.querySelector(selector)!, 'contentDocument', { value: frameDoc });
    return doc;
  };

  // Roundcube elastic three-pane view (roundcube/roundcubemail skins/elastic/templates/mail.html: folder pane with
  // `.header-title.username`, `table#messagelist`, `iframe#messagecontframe`); the preview document is
  // `?_task=mail&_action=preview&_uid=…&_framed=1` (program/js/app.js), its addresses built by
  // program/actions/mail/index.php address_string: `<a href="mailto:x" class="rcmContactAddress" title="x">Name</a>`.
  const roundcubeTop = () =>
    page(`<div id="layout-sidebar"><div class="header"><span class="header-title username">jane.seller@northwind-supplies.example</span></div></div>
      <div id="layout-list"><table id="messagelist" class="listing messagelist"><tbody>
        <tr><td class="subject"><span class="adr"><span title="ops@initech-parts.example" class="rcmContactAddress">Initech Ops</span></span></td></tr>
        <tr><td class="subject"><span class="adr"><span title="billing@umbrella-logistics.example" class="rcmContactAddress">Umbrella Billing</span></span></td></tr>
      </tbody></table></div>
      <div id="layout-content"><div class="iframe-wrapper"><iframe id="messagecontframe" src="/?_task=mail&amp;_action=preview&amp;_uid=1042&amp;_mbox=INBOX&amp;_framed=1"></iframe></div></div>`);
  const roundcubePreview = () =>
    page(`<div id="layout-content" class="selected"><div class="content frame-content" role="main"><div id="message-header">
      <h2 class="subject">Invoice 88123 overdue</h2>
      <div class="header"><div class="header-content"><div class="header-summary">
        <span class="adr"><a href="mailto:billing@umbrella-logistics.example" class="rcmContactAddress" title="billing@umbrella-logistics.example">Umbrella Billing</a></span>
      </div><div class="header-headers"><table class="headers-table"><tr><td class="header-title">To</td><td class="header to">
        <span class="adr"><a href="mailto:jane.seller@northwind-supplies.example" class="rcmContactAddress" title="jane.seller@northwind-supplies.example">Jane Seller</a></span>
      </td></tr></table></div></div></div></div>
      <div id="messagebody"><p>Please see attached.</p></div></div></div>`);

  it('reads the message in a Roundcube preview frame, not the message list, and never the mailbox owner', () => {
    const doc = withFrame(roundcubeTop(), '#messagecontframe', roundcubePreview());
    const context = genericAdapter.detect(doc, new URL('https://webmail.northwind-supplies.example/?_task=mail&_mbox=INBOX')).context;
    expect(context).toMatchObject({ pageType: 'webmail', emails: ['billing@umbrella-logistics.example'], domains: ['umbrella-logistics.example'] });
  });

  it('finds nobody in a three-pane view with the preview empty (only the list and the owner)', () => {
    const doc = withFrame(roundcubeTop(), '#messagecontframe', page(''));
    expect(genericAdapter.detect(doc, new URL('https://webmail.northwind-supplies.example/?_task=mail&_mbox=INBOX')).context).toBeNull();
  });

  it('reads a Roundcube message opened in full view (`_action=show`): the names are text, the addresses attributes', () => {
    const doc = roundcubePreview();
    const context = genericAdapter.detect(doc, new URL('https://mail.northwind-supplies.example/?_task=mail&_action=show&_uid=1042&_mbox=INBOX')).context;
    // No owner shown in the full view (no folder pane): the worker drops the signed-in user's address and own domains.
    expect(context?.emails).toEqual(['billing@umbrella-logistics.example', 'jane.seller@northwind-supplies.example']);
    expect(context?.domains).toEqual(['umbrella-logistics.example']);
  });

  it('reads addresses kept whole in title / data-* attributes, never sentences that mention one', () => {
    const doc = page(`<span title="ann@acme.example">Ann</span><i data-email="Bob Buyer <bob@globex.example>">Bob</i>
      <b title="Write to carl@initech.example for help">?</b><u data-address="dee@hooli.example"></u><em aria-hidden="true" title="x@hidden.example"></em>`);
    expect(attributeAddresses(doc)).toEqual(['ann@acme.example', 'bob@globex.example', 'dee@hooli.example']);
  });

  // An outside tester’s finding: a sender hides another customer’s addresses in the message body so the panel shows
  // that customer first. Only what a user can see counts, and the header’s addresses come before the body’s.
  const HIDDEN_ATTACK =
    '<a href="mailto:cfo@globex-industrial.example" style="display:none"></a><span title="ap@globex-industrial.example" style="font-size:0"></span>';
  const previewWith = (body: string) => {
    const doc = roundcubePreview();
    doc.querySelector('#messagebody')!.innerHTML = body;
    return doc;
  };

  it('ignores addresses hidden in a message body in the preview frame: the visible sender’s customer comes first', () => {
    const doc = withFrame(roundcubeTop(), '#messagecontframe', previewWith(`<p>Please see attached.</p>${HIDDEN_ATTACK}`));
    const context = genericAdapter.detect(doc, new URL('https://webmail.northwind-supplies.example/?_task=mail&_mbox=INBOX')).context;
    expect(context?.emails).toEqual(['billing@umbrella-logistics.example']);
    expect(context?.domains).toEqual(['umbrella-logistics.example']);
  });

  it('ignores addresses hidden in a message body opened in full view', () => {
    const doc = previewWith(`${HIDDEN_ATTACK}<p>Please see attached.</p>`);
    const context = genericAdapter.detect(doc, new URL('https://mail.northwind-supplies.example/?_task=mail&_action=show&_uid=1042&_mbox=INBOX')).context;
    expect(context?.emails).toEqual(['billing@umbrella-logistics.example', 'jane.seller@northwind-supplies.example']);
    expect(context?.domains).toEqual(['umbrella-logistics.example']);
  });

  it('finds nobody on a page of only hidden addresses', () => {
    const doc = page(`<span hidden title="a@globex-industrial.example">A</span>
      <a href="mailto:b@globex-industrial.example" style="display:none">B</a>
      <img data-email="c@globex-industrial.example" style="visibility:hidden" alt="">
      <div style="opacity:0"><span title="d@globex-industrial.example">D</span></div>
      <div style="display: none"><p>e@globex-industrial.example</p><i data-email="f@globex-industrial.example"></i></div>
      <p style="font-size:0px">g@globex-industrial.example</p>
      <template><a href="mailto:h@globex-industrial.example">H</a></template>
      <span aria-hidden="true"><a href="mailto:i@globex-industrial.example">I</a></span>`);
    expect(genericAdapter.detect(doc, new URL('https://mail.northwind-supplies.example/')).context).toBeNull();
    expect(genericAdapter.detect(doc, new URL('https://intranet.example/')).context?.emails).toEqual([]);
  });

  it('still reads visible body addresses, after the header’s', () => {
    const doc = previewWith(`<p>Copying <a href="mailto:ap@globex-industrial.example">our agent</a> and carol@initech-parts.example.</p>${HIDDEN_ATTACK}`);
    const context = genericAdapter.detect(doc, new URL('https://mail.northwind-supplies.example/?_task=mail&_action=show&_uid=1042')).context;
    expect(context?.emails).toEqual([
      'billing@umbrella-logistics.example',
      'jane.seller@northwind-supplies.example',
      'ap@globex-industrial.example',
      'carol@initech-parts.example',
    ]);
    expect(context?.domains).toEqual(['umbrella-logistics.example', 'globex-industrial.example', 'initech-parts.example']);
  });

  it('puts the message header first even when the body comes earlier in the page, and keeps document order', () => {
    // A header written as text (no links) after a body with a mailto link: links no longer come before text.
    const doc = page(`<div id="messagebody"><a href="mailto:ap@globex-industrial.example">AP</a> dee@hooli.example</div>
      <div id="message-header">From: billing@umbrella-logistics.example</div>`);
    expect(genericAdapter.detect(doc, new URL('https://mail.northwind-supplies.example/')).context?.emails).toEqual([
      'billing@umbrella-logistics.example',
      'ap@globex-industrial.example',
      'dee@hooli.example',
    ]);
  });

  it('uses the layout where there is one: an element with no box is not shown', () => {
    const doc = page('<a id="shown" href="mailto:a@x.example">A</a><a id="flat" href="mailto:b@x.example"></a>');
    const box = (w: number, h: number) => [{ width: w, height: h }] as unknown as DOMRectList;
    Object.defineProperty(doc.documentElement, 'getBoundingClientRect', { value: () => ({ width: 800, height: 600 }) });
    Object.defineProperty(doc.getElementById('shown')!, 'getClientRects', { value: () => box(40, 16) });
    Object.defineProperty(doc.getElementById('flat')!, 'getClientRects', { value: () => box(0, 16) });
    expect(isShown(doc.getElementById('shown')!)).toBe(true);
    expect(isShown(doc.getElementById('flat')!)).toBe(false);
    // Without a layout engine (happy-dom, DOMParser) sizes are all 0: only styles decide.
    expect(isShown(page('<a href="mailto:b@x.example"></a>').querySelector('a')!)).toBe(true);
  });
});
