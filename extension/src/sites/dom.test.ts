import { describe, expect, it } from 'vitest';
import { addressesOf, emailsInText, linkOrText, mailtoAddresses, queryAll, queryFirst, textOf } from './dom.js';

const el = (html: string) => new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html').body.firstElementChild!;

describe('dom helpers', () => {
  it('tries selectors in order and never mixes fallbacks in', () => {
    const root = el('<div><i class="b">1</i><i class="b">2</i><i class="c">3</i></div>');
    expect(queryFirst(root, ['.a', '.c', '.b'])?.textContent).toBe('3');
    expect(queryAll(root, ['.a', '.b', '.c']).map((e) => e.textContent)).toEqual(['1', '2']);
    expect(queryAll(root, ['.a'])).toEqual([]);
  });

  it('reads text and form values', () => {
    expect(textOf(el('<p> Acme \n  Tools </p>'))).toBe('Acme Tools');
    expect(textOf(el('<input value=" acme.example ">'))).toBe('acme.example');
    expect(textOf(null)).toBe('');
  });

  it('finds addresses in text', () => {
    expect(emailsInText('Ann Buyer <ann.buyer@acme.example>, ap@acme.example.')).toEqual(['ann.buyer@acme.example', 'ap@acme.example']);
  });

  it('reads every address of a mailto link', () => {
    expect(mailtoAddresses('mailto:a@x.example,b+tag@x.example?cc=c@x.example&subject=Hi%20d@x.example&bcc=e%40x.example')).toEqual([
      'a@x.example',
      'b+tag@x.example',
      'c@x.example',
      'e@x.example',
    ]);
    expect(mailtoAddresses('https://x.example')).toEqual([]);
    expect(mailtoAddresses('mailto:%E0%A4%A')).toEqual([]);
  });

  it('prefers attributes over visible text', () => {
    expect(addressesOf(el('<span email="ann@acme.example">Someone ann2@acme.example</span>'))).toEqual(['ann@acme.example']);
    expect(addressesOf(el('<span title="Ann <ann@acme.example>">Ann</span>'))).toEqual(['ann@acme.example']);
    expect(addressesOf(el('<a href="mailto:ap@acme.example">Write to us</a>'))).toEqual(['ap@acme.example']);
    expect(addressesOf(el('<input value="x@acme.example">'))).toEqual(['x@acme.example']);
    expect(addressesOf(el('<div>finance@acme.example;</div>'))).toEqual(['finance@acme.example']);
  });

  it('reads a website from a link, else from text', () => {
    expect(linkOrText(el('<div><a href="https://acme.example">Acme</a></div>'))).toBe('https://acme.example');
    expect(linkOrText(el('<div><a href="/relative">acme.example</a></div>'))).toBe('acme.example');
    expect(linkOrText(null)).toBe('');
  });
});
