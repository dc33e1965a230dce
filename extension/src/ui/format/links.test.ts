import { describe, expect, it } from 'vitest';
import { isLinkableEmail, mailtoHref, telHref, webHref } from './links';

/** The contact e-mail reproduced in issue 7: a live mailto link with a hidden Bcc and a prefilled body. */
const BCC_PAYLOAD = 'ap?bcc=attacker%40evil.example&body=Please%20update%20our%20bank%20details@acme-tools.example';

describe('mailtoHref', () => {
  it('links plain addresses, with an encoded subject when asked', () => {
    expect(mailtoHref('ap@acme-tools.example')).toBe('mailto:ap@acme-tools.example');
    expect(mailtoHref('jane.doe+invoices@sub.brightwell.co.uk')).toBe('mailto:jane.doe+invoices@sub.brightwell.co.uk');
    expect(mailtoHref("o'brien@example.com")).toBe("mailto:o'brien@example.com");
    expect(mailtoHref('carla@ourco.example', 'Acme & Co?bcc=x')).toBe('mailto:carla@ourco.example?subject=Acme%20%26%20Co%3Fbcc%3Dx');
  });

  it('refuses the hidden-Bcc payload and every header, fragment or second-recipient trick', () => {
    for (const email of [
      BCC_PAYLOAD,
      'ap@acme-tools.example?bcc=attacker@evil.example',
      'ap@acme-tools.example&bcc=attacker@evil.example',
      'ap@acme-tools.example,attacker@evil.example',
      'ap@acme-tools.example;attacker@evil.example',
      'ap%40acme-tools.example@evil.example',
      'ap@acme-tools.example#x',
      '"ap?bcc=x"@acme-tools.example',
      'ap@@acme-tools.example',
      'ap@acme-tools.example@evil.example',
      '@acme-tools.example',
      'ap@',
      'ap@localhost',
      'ap@-acme.example',
      'ap@acme..example',
      '.ap@acme.example',
      'a..p@acme.example',
      'ap@acme.123',
      'ap@аcme.example', // Cyrillic а
      `${'a'.repeat(65)}@acme.example`,
    ]) {
      expect(mailtoHref(email), email).toBeNull();
    }
  });

  it('refuses whitespace and control characters instead of trimming them away', () => {
    for (const email of [' ap@acme.example', 'ap@acme.example ', 'ap@acme.example\n', 'ap@acme.example\r\nBcc: x@evil.example', 'ap\t@acme.example', 'ap\u0000@acme.example', 'ap@acme\u200b.example', 'ap\u202e@acme.example', '\ufeffap@acme.example']) {
      expect(mailtoHref(email), JSON.stringify(email)).toBeNull();
    }
  });

  it('refuses what is not a string', () => {
    for (const v of [null, undefined, '', 42 as unknown as string]) expect(isLinkableEmail(v)).toBe(false);
  });
});

describe('telHref', () => {
  it('links numbers written with the usual separators, digits only', () => {
    expect(telHref('+44 20 7946 0000')).toBe('tel:+442079460000');
    expect(telHref('(020) 7946-0000')).toBe('tel:02079460000');
    expect(telHref('+1.415.555.0100')).toBe('tel:+14155550100');
    expect(telHref('089/12345')).toBe('tel:08912345');
  });

  it('refuses anything else', () => {
    for (const phone of ['javascript:alert(1)', 'data:text/html,1', '+44 20 7946 0000;ext=1', '0800 FLOWERS', '12', '+', '+44\n20', '+44\u0000 20 7946', '123?body=x', 'tel:+442079460000', '1'.repeat(41), '+44 20 7946 0000 ', null, undefined, '']) {
      expect(telHref(phone), JSON.stringify(phone)).toBeNull();
    }
  });
});

describe('webHref', () => {
  it('links http(s) URLs, normalised', () => {
    expect(webHref('https://ourco.lightning.force.com/001XX')).toBe('https://ourco.lightning.force.com/001XX');
    expect(webHref('https://app.hubspot.com/contacts/123/company/456?tab=1#x')).toBe('https://app.hubspot.com/contacts/123/company/456?tab=1#x');
    expect(webHref('HTTP://CRM.Example.com')).toBe('http://crm.example.com/');
  });

  it('refuses other schemes, in any case and disguise', () => {
    for (const url of [
      'javascript:alert(document.domain)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'java\nscript:alert(1)',
      'java\tscript:alert(1)',
      '\u0000javascript:alert(1)',
      'javascript&colon;alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'chrome-extension://abc/options.html',
      'mailto:ap@acme.example',
      '//evil.example/x',
      '/relative/path',
      'https:evil.example',
    ]) {
      const href = webHref(url);
      expect(href === null || /^https?:\/\//.test(href), JSON.stringify(url)).toBe(true);
      if (!url.startsWith('https:')) expect(href, JSON.stringify(url)).toBeNull();
    }
  });

  it('refuses credentials, whitespace, control and invisible characters', () => {
    for (const url of ['https://crm.example.com@evil.example/', 'https://user:pw@crm.example.com/', 'https://crm.example.com/ x', 'https://crm.example.com/\n', 'https://crm.example.com/\u202e', 'https://crm\u200b.example.com/', null, undefined, '']) {
      expect(webHref(url), JSON.stringify(url)).toBeNull();
    }
  });
});
