import { describe, expect, it } from 'vitest';
import { COMPOSE_URL_LIMIT, composeUrls, encodeMailValue } from './compose.js';

const message = { to: ['ana@brightwell.example', 'joe@brightwell.example'], subject: 'Our visit & next steps', body: 'Hello Ana,\nThanks 100%!\n\nCarla' };

describe('composeUrls', () => {
  it('fills Gmail compose: view=cm, fs=1, to, su, body', () => {
    const { gmail } = composeUrls(message);
    expect(gmail.url).toBe(
      'https://mail.google.com/mail/?view=cm&fs=1&to=ana%40brightwell.example%2Cjoe%40brightwell.example&su=Our%20visit%20%26%20next%20steps&body=Hello%20Ana%2C%0D%0AThanks%20100%25%21%0D%0A%0D%0ACarla',
    );
    const read = new URL(gmail.url);
    expect(read.searchParams.get('su')).toBe(message.subject);
    expect(read.searchParams.get('body')).toBe('Hello Ana,\r\nThanks 100%!\r\n\r\nCarla');
    expect(read.searchParams.get('to')).toBe('ana@brightwell.example,joe@brightwell.example');
  });

  it('fills the Outlook deeplink compose with to, subject, body', () => {
    const read = new URL(composeUrls(message).outlook.url);
    expect(`${read.origin}${read.pathname}`).toBe('https://outlook.office.com/mail/deeplink/compose');
    expect(read.searchParams.get('subject')).toBe(message.subject);
    expect(read.searchParams.get('to')).toBe('ana@brightwell.example,joe@brightwell.example');
    expect(read.searchParams.get('body')).toContain('Thanks 100%!');
  });

  it('mailto follows RFC 6068: addresses in the path, %20 never +, CRLF as %0D%0A', () => {
    const { mailto } = composeUrls(message);
    expect(mailto.url).toBe('mailto:ana@brightwell.example,joe@brightwell.example?subject=Our%20visit%20%26%20next%20steps&body=Hello%20Ana%2C%0D%0AThanks%20100%25%21%0D%0A%0D%0ACarla');
    expect(mailto.url).not.toContain('+');
  });

  it('encodes + and reserved characters in values, and never leaves a bare line feed', () => {
    expect(encodeMailValue('a+b (c) *d*')).toBe('a%2Bb%20%28c%29%20%2Ad%2A');
    expect(encodeMailValue('one\rtwo\nthree\r\nfour')).toBe('one%0D%0Atwo%0D%0Athree%0D%0Afour');
    expect(encodeMailValue("it's")).toBe('it%27s');
  });

  it('leaves empty fields out and works without recipients', () => {
    const links = composeUrls({ to: [' '], subject: 'Hi', body: '' });
    expect(links.mailto.url).toBe('mailto:?subject=Hi');
    expect(links.gmail.url).toBe('https://mail.google.com/mail/?view=cm&fs=1&su=Hi');
  });

  it('says when a link is longer than mail clients accept', () => {
    const short = composeUrls(message);
    expect([short.gmail.tooLong, short.outlook.tooLong, short.mailto.tooLong]).toEqual([false, false, false]);
    const long = composeUrls({ ...message, body: 'x'.repeat(COMPOSE_URL_LIMIT) });
    expect([long.gmail.tooLong, long.outlook.tooLong, long.mailto.tooLong]).toEqual([true, true, true]);
  });
});
