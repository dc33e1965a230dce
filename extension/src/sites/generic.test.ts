import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FIXTURES_DIR, SITE_FIXTURES } from './fixtures/index.js';
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
    ['zimbra.acme.example', '/', false],
    ['mailchimp-fans.example', '/', false],
  ])('%s%s looks like webmail: %s', (hostname, pathname, expected) => {
    expect(looksLikeWebmail(page(''), { hostname, pathname })).toBe(expected);
  });

  it('Zimbra’s classic client at the root of any host is webmail: its shell `div#z_shell` (zm-web-client ZmId.SHELL)', () => {
    const doc = page('<div id="z_shell" class="DwtShell"><p>ann@acme.example</p></div>');
    expect(looksLikeWebmail(doc, { hostname: 'zimbra.northwind.example', pathname: '/' })).toBe(true);
    expect(genericAdapter.detect(doc, new URL('https://zimbra.northwind.example/')).context).toMatchObject({ pageType: 'webmail', domains: ['acme.example'] });
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

  it('still reads visible body addresses, after the header’s; a body link counts by the address it shows, not its target', () => {
    const doc = previewWith(
      `<p>Copying <a href="mailto:ap@globex-industrial.example">our agent</a>, <a href="mailto:dee@hooli.example">dee@hooli.example</a> and carol@initech-parts.example.</p>${HIDDEN_ATTACK}`,
    );
    const context = genericAdapter.detect(doc, new URL('https://mail.northwind-supplies.example/?_task=mail&_action=show&_uid=1042')).context;
    expect(context?.emails).toEqual([
      'billing@umbrella-logistics.example',
      'jane.seller@northwind-supplies.example',
      'dee@hooli.example',
      'carol@initech-parts.example',
    ]);
    expect(context?.domains).toEqual(['umbrella-logistics.example', 'hooli.example', 'initech-parts.example']);
  });

  it('puts the message header first even when the body comes earlier in the page, and keeps document order', () => {
    // A header written as text (no links) after a body with a mailto link: links no longer come before text.
    const doc = page(`<div id="messagebody"><a href="mailto:ap@globex-industrial.example">ap@globex-industrial.example</a> dee@hooli.example</div>
      <div id="message-header">From: billing@umbrella-logistics.example</div>`);
    expect(genericAdapter.detect(doc, new URL('https://mail.northwind-supplies.example/')).context?.emails).toEqual([
      'billing@umbrella-logistics.example',
      'ap@globex-industrial.example',
      'dee@hooli.example',
    ]);
  });

  it('uses the layout where there is one: an element with no box is not shown', () => {
    const doc = page('<a id="shown" href="mailto:a@x.example">A</a><a id="flat" href="mailto:b@x.example"></a>');
    const box = (w: number, h: number) => [{ width: w, height: h, left: 10, top: 10, right: 10 + w, bottom: 10 + h }] as unknown as DOMRectList;
    Object.defineProperty(doc.documentElement, 'getBoundingClientRect', { value: () => ({ width: 800, height: 600 }) });
    Object.defineProperty(doc.getElementById('shown')!, 'getClientRects', { value: () => box(40, 16) });
    Object.defineProperty(doc.getElementById('flat')!, 'getClientRects', { value: () => box(0, 16) });
    expect(isShown(doc.getElementById('shown')!)).toBe(true);
    expect(isShown(doc.getElementById('flat')!)).toBe(false);
    // Without a layout engine (happy-dom, DOMParser) sizes are all 0: only styles decide.
    expect(isShown(page('<a href="mailto:b@x.example"></a>').querySelector('a')!)).toBe(true);
  });

  // What pages do to keep text in the DOM but out of sight: a quoted old message, a template, screen-reader text, a
  // marketing preheader. A hidden address there must not be taken for the sender.
  it.each([
    ['moved far off the page', 'position:absolute;left:-9999px'],
    ['moved far above the page', 'position:fixed;top:-10000px'],
    ['indented out of its box', 'text-indent:-9999px'],
    ['clipped to nothing (clip)', 'position:absolute;clip:rect(0 0 0 0)'],
    ['clipped to 1px (sr-only)', 'position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);border:0'],
    ['clipped to nothing (clip-path inset)', 'clip-path:inset(100%)'],
    ['clipped to nothing (clip-path inset 50%)', 'clip-path:inset(50%)'],
    ['inside a zero-size overflow:hidden box', 'width:0;height:0;overflow:hidden'],
    ['inside a zero-height overflow:hidden box', 'max-height:0;overflow:hidden'],
  ])('an address %s is not read', (_what, style) => {
    const doc = page(`<div id="message-header">From: <a href="mailto:billing@umbrella.example">Umbrella</a></div>
      <div style="${style}"><p>old@initech.example <span title="old2@initech.example">Old</span></p></div>`);
    expect(genericAdapter.detect(doc, new URL('https://mail.northwind.example/')).context?.emails).toEqual(['billing@umbrella.example']);
  });

  // A second outside tester’s findings: more ways a message body hides an address from its reader.
  const MAIL = new URL('https://mail.northwind.example/');
  const withHeader = (body: string) =>
    page(`<div id="message-header">From: <a href="mailto:billing@umbrella.example" title="billing@umbrella.example">Umbrella</a></div><div id="messagebody">${body}</div>`);
  it.each([
    ['in a transparent colour', '<p style="color:transparent">old@initech.example</p>'],
    ['in an rgba colour of alpha 0', '<p style="color:rgba(0, 0, 0, 0)">old@initech.example</p>'],
    ['in a colour of alpha 0 inherited from an ancestor', '<div style="color:rgba(255,255,255,0)"><p><b>old@initech.example</b></p></div>'],
    ['with a transparent text fill', '<p style="-webkit-text-fill-color:transparent">old@initech.example</p>'],
    ['inside a closed <details>, not its summary', '<details><summary>Quoted</summary><p>old@initech.example</p>old2@initech.example</details>'],
    ['under filter: opacity(0)', '<div style="filter:opacity(0)"><p>old@initech.example</p></div>'],
    ['under filter: blur(1px) opacity(0%)', '<div style="filter:blur(1px) opacity(0%)"><p>old@initech.example</p></div>'],
    ['under an opacity of 0.01 (a faint ghost)', '<p style="opacity:0.01">old@initech.example</p>'],
    ['under filter: opacity(5%)', '<div style="filter:opacity(5%)"><p>old@initech.example</p></div>'],
    ['in SVG text with fill-opacity="0"', '<svg width="300" height="20"><text x="0" y="15" fill-opacity="0">old@initech.example</text></svg>'],
    ['in SVG text with fill="none"', '<svg width="300" height="20"><text x="0" y="15" fill="none">old@initech.example</text></svg>'],
    ['in SVG text under opacity="0"', '<svg width="300" height="20"><g opacity="0"><text x="0" y="15">old@initech.example</text></g></svg>'],
    ['in SVG text with style fill-opacity:0', '<svg width="300" height="20"><text x="0" y="15" style="fill-opacity:0">old@initech.example</text></svg>'],
    ['as the target of a body link that says something else', '<p>Pay <a href="mailto:old@initech.example">click here</a></p>'],
    ['in a title on an ordinary body word', '<p>Thanks, <span title="old@initech.example">Carl</span></p>'],
    ['in a data-email on an ordinary body word', '<p>Thanks, <span data-email="old@initech.example">Carl</span></p>'],
  ])('an address %s in a message body is not read; the header’s link and title are', (_what, body) => {
    expect(genericAdapter.detect(withHeader(body), MAIL).context?.emails).toEqual(['billing@umbrella.example']);
  });

  it.each([
    ['in a colour set visible again inside a transparent one', '<div style="color:transparent"><p style="color:#333">ann@acme.example</p></div>'],
    ['in gradient text (background-clip: text shows the transparent glyphs)', '<p style="color:transparent;background-image:linear-gradient(red,blue);background-clip:text">ann@acme.example</p>'],
    ['in the summary of a closed <details>', '<details><summary>ann@acme.example</summary><p>old@initech.example</p></details>'],
    ['inside an open <details>', '<details open><summary>Quoted</summary><p>ann@acme.example</p></details>'],
    ['under filter: opacity(0.5)', '<div style="filter:opacity(0.5)"><p>ann@acme.example</p></div>'],
    ['under an opacity of 0.3', '<p style="opacity:0.3">ann@acme.example</p>'],
    ['in SVG text with a fill', '<svg width="300" height="20"><text x="0" y="15" fill="#333">ann@acme.example</text></svg>'],
    ['in SVG text with no fill but a stroke', '<svg width="300" height="20"><text x="0" y="15" fill-opacity="0" stroke="#333">ann@acme.example</text></svg>'],
    ['as the visible text of a body link', '<p>Write to <a href="mailto:ann@acme.example">ann@acme.example</a></p>'],
  ])('an address %s in a message body is read, after the header’s', (_what, body) => {
    expect(genericAdapter.detect(withHeader(body), MAIL).context?.emails).toEqual(['billing@umbrella.example', 'ann@acme.example']);
  });

  it('outside webmail a page’s own links and attributes count wherever they are shown (a CRM’s “Email” button)', () => {
    const doc = page('<a href="mailto:ann@acme.example">Email</a><span title="bob@globex.example">Bob</span><p style="color:transparent">x@initech.example</p>');
    expect(genericAdapter.detect(doc, new URL('https://crm.blueharbor.example/customers/42')).context?.emails).toEqual(['ann@acme.example', 'bob@globex.example']);
  });

  it.each([
    ['a relatively positioned box nudged left', 'position:relative;left:-10px'],
    ['an absolutely positioned box on the page', 'position:absolute;left:20px;top:-20px'],
    ['a scrolling box with a size', 'height:200px;overflow:auto'],
    ['a clip that leaves a box', 'position:absolute;clip:rect(0px, 200px, 40px, 0px)'],
    ['a clip-path that leaves a box', 'clip-path:inset(10% 10%)'],
  ])('an address in %s is read', (_what, style) => {
    const doc = page(`<div style="${style}"><p>ann@acme.example</p></div>`);
    expect(genericAdapter.detect(doc, new URL('https://mail.northwind.example/')).context?.emails).toEqual(['ann@acme.example']);
  });

  it('AngularJS `ng-hide` content is not read (SOGo’s detailed recipients), `ng-hide-animate` is being shown', () => {
    const doc = page(`<div class="pseudo-input-field ng-hide"><div class="md-chip-content">accounts@initech.example</div></div>
      <div class="ng-hide ng-hide-animate">ann@acme.example</div><a class="md-caption" href="#">billing@umbrella.example</a>`);
    expect(genericAdapter.detect(doc, new URL('https://mail.northwind.example/')).context?.emails).toEqual(['ann@acme.example', 'billing@umbrella.example']);
  });

  it('with a layout: a 1×1 box, a box wholly left of or above the page, a box inside a clipped 0-height ancestor are not shown', () => {
    const doc = page(`<p id="ok">a@x.example</p><p id="dot">b@x.example</p><p id="left">c@x.example</p><p id="up">d@x.example</p>
      <div id="fold" style="overflow:hidden"><p id="inner">e@x.example</p></div>`);
    const rect = (left: number, top: number, w: number, h: number) => ({ left, top, width: w, height: h, right: left + w, bottom: top + h });
    const set = (id: string, r: ReturnType<typeof rect>) => {
      const el = doc.getElementById(id)!;
      Object.defineProperty(el, 'getClientRects', { value: () => [r] });
      Object.defineProperty(el, 'getBoundingClientRect', { value: () => r });
    };
    Object.defineProperty(doc.documentElement, 'getBoundingClientRect', { value: () => rect(0, 0, 800, 600) });
    set('ok', rect(10, 10, 120, 16));
    set('dot', rect(10, 40, 1, 1));
    set('left', rect(-9999, 60, 120, 16));
    set('up', rect(10, -5000, 120, 16));
    set('fold', rect(10, 80, 300, 0));
    set('inner', rect(10, 80, 120, 16));
    const shown = ['ok', 'dot', 'left', 'up', 'inner'].filter((id) => isShown(doc.getElementById(id)!));
    expect(shown).toEqual(['ok']);
  });

  it('does not read the document of an iframe the user cannot see', () => {
    const doc = page('<iframe id="pre" style="display:none"></iframe><iframe id="msg"></iframe>');
    withFrame(doc, '#pre', page('<p>prefetch@initech.example</p>'));
    withFrame(doc, '#msg', page('<p>billing@umbrella.example</p>'));
    expect(genericAdapter.detect(doc, new URL('https://mail.northwind.example/')).context?.emails).toEqual(['billing@umbrella.example']);
  });
});

/**
 * Zimbra's reading pane (generic-zimbra-mail.html, a reconstruction from Zimbra/zm-web-client and Zimbra/zm-ajax
 * at the commits it cites). Each address in the header is a ZmAddressBubble whose text is
 * `addrObj.toString(appCtxt.get(ZmSetting.SHORT_ADDRESS))` (share/view/ZmAddressInputField.js ZmAddressBubble.getContent):
 * with the default `zimbraPrefShortEmailAddress: true` (share/model/ZmSettings.js) that is the display name alone,
 * unchecked it is `"Name" <address>` (ajax/util/AjxEmailAddress.js toString). The body is written into an
 * about:blank iframe (ajax/dwt/widgets/DwtIframe.js; mail/view/ZmMailMsgView.js _useIframe is always true).
 */
describe('Zimbra reading pane (reconstruction)', () => {
  const zimbra = SITE_FIXTURES.find((f) => f.file === 'generic-zimbra-mail.html')!;
  const html = readFileSync(fileURLToPath(FIXTURES_DIR + zimbra.file), 'utf8');
  const loc = new URL(zimbra.url);
  const parse = (source: string) => new DOMParser().parseFromString(source, 'text/html');
  /** The body iframe with the document Zimbra writes into it. */
  const withBody = (doc: Document, body: string) => {
    Object.defineProperty(doc.querySelector('#zv__TV-main__MSG_body iframe')!, 'contentDocument', {
      value: parse(`<!DOCTYPE html><html><body class="MsgBody MsgBody-text">${body}</body></html>`),
    });
    return doc;
  };
  const BODY = '<div>Hi Jane,<br>invoice 88123 is now 30 days overdue. Could you check with your accounts team?<br>Ann Billing<br>Umbrella Logistics</div>';
  /** The same header with the preference unchecked: each bubble shows `"Name" <address>`. */
  const fullAddresses = html
    .replace('<span>Ann Billing </span>', '<span>"Ann Billing" &lt;billing@umbrella-logistics.example&gt; </span>')
    .replace('<span>Jane Seller </span>', '<span>"Jane Seller" &lt;jane.seller@northwind-supplies.example&gt; </span>')
    .replace('<span>Umbrella Operations </span>', '<span>"Umbrella Operations" &lt;ops@umbrella-logistics.example&gt; </span>');

  it('is webmail by its shell (`#z_shell`) on a host that does not say so', () => {
    const doc = parse(html);
    expect(looksLikeWebmail(doc, loc)).toBe(true);
    expect(looksLikeWebmail(page('<div>no shell</div>'), loc)).toBe(false);
  });

  it('default preference (display names only), body without an address: no customer, and it says so', () => {
    const doc = withBody(parse(html), BODY);
    expect(doc.querySelector('.addrBubble')?.textContent?.trim()).toBe('Ann Billing');
    expect(genericAdapter.detect(doc, loc)).toEqual({ context: null });
  });

  it('preference unchecked (`"Name" <address>` bubbles): the sender’s and the Cc’s customer, the user’s own domain dropped', () => {
    const doc = withBody(parse(fullAddresses), BODY);
    expect(genericAdapter.detect(doc, loc).context).toMatchObject({
      pageType: 'webmail',
      emails: ['billing@umbrella-logistics.example', 'jane.seller@northwind-supplies.example', 'ops@umbrella-logistics.example'],
      domains: ['umbrella-logistics.example'],
    });
  });

  it('the banner’s user field with no display name set shows the login: the user, never a customer (Zimbra hosted elsewhere)', () => {
    // ZmZimbraMail.setUserInfo: DISPLAY_NAME, else the login, clipped to 24 characters (AjxStringUtil.clipByLength).
    const noDisplayName = html.replace('aria-label="Jane Seller" aria-disabled="true">Jane Seller<', 'aria-label="jane@northwind.example" aria-disabled="true">jane@northwind.example<');
    const doc = withBody(parse(fullAddresses.replace(/Jane Seller" &lt;jane.seller@northwind-supplies.example&gt;/, 'Jane" &lt;jane@northwind.example&gt;')), BODY);
    doc.querySelector('#z_userName')!.replaceWith(parse(noDisplayName).querySelector('#z_userName')!);
    const context = genericAdapter.detect(doc, new URL('https://webmail.hosted-zimbra.example/')).context;
    expect(context).toMatchObject({ emails: ['billing@umbrella-logistics.example', 'ops@umbrella-logistics.example'], domains: ['umbrella-logistics.example'] });
  });

  it('default preference, a body that names an address (a signature): that address is all there is to go on', () => {
    const doc = withBody(parse(html), `${BODY}<div>billing@umbrella-logistics.example</div>`);
    expect(genericAdapter.detect(doc, loc).context).toMatchObject({ emails: ['billing@umbrella-logistics.example'], domains: ['umbrella-logistics.example'] });
  });
});
