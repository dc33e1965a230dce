import { describe, expect, it } from 'vitest';
import { genericAdapter, looksLikeWebmail, visibleTextAddresses } from './generic.js';
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
    const filler = '<p>lorem ipsum dolor sit amet</p>'.repeat(25_000);
    const doc = page(`${filler}<p>late@acme.example</p>`);
    expect(visibleTextAddresses(doc.body)).toEqual([]);
  });
});
