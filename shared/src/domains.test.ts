import { describe, expect, it } from 'vitest';
import { customerDomainProblem, domainAndParents, domainOfEmail, isFreeMailDomain, isPublicSuffix, normalizeDomain, normalizeEmail } from './domains.js';

describe('normalizeDomain', () => {
  it.each([
    ['Acme.example', 'acme.example'],
    ['https://www.acme.example/path?q=1', 'acme.example'],
    ['acme.example:8443', 'acme.example'],
    ['acme.example.', 'acme.example'],
    ['  EU.Acme.Example ', 'eu.acme.example'],
    ['münchen.example', 'xn--mnchen-3ya.example'],
    ['https://www.Bücher.example/shop', 'xn--bcher-kva.example'],
    ['xn--mnchen-3ya.example', 'xn--mnchen-3ya.example'],
  ])('%s → %s', (input, expected) => expect(normalizeDomain(input)).toBe(expected));

  it.each(['', 'localhost', 'acme', '-acme.example', 'acme..example', 'ac me.example', 'acme.123'])('rejects %j', (input) =>
    expect(normalizeDomain(input)).toBeNull(),
  );
});

describe('normalizeEmail', () => {
  it('lower-cases and strips mailto:', () => expect(normalizeEmail('mailto:Jane.Doe@Acme.Example')).toBe('jane.doe@acme.example'));
  it.each(['jane', 'jane@', '@acme.example', 'jane@acme', 'a b@acme.example'])('rejects %j', (input) =>
    expect(normalizeEmail(input)).toBeNull(),
  );
  it('gives the domain of an address', () => expect(domainOfEmail('ap@billing.acme.example')).toBe('billing.acme.example'));
});

describe('domainAndParents', () => {
  it('walks up to the registrable domain', () =>
    expect(domainAndParents('eu.mail.acme.example')).toEqual(['eu.mail.acme.example', 'mail.acme.example', 'acme.example']));
  it('stops above a two-part public suffix', () => expect(domainAndParents('mail.acme.co.uk')).toEqual(['mail.acme.co.uk', 'acme.co.uk']));
  it('keeps a plain domain', () => expect(domainAndParents('acme.example')).toEqual(['acme.example']));
});

describe('free mail', () => {
  it('knows the big providers', () => {
    for (const d of ['gmail.com', 'outlook.com', 'yahoo.com', 'hotmail.com']) expect(isFreeMailDomain(d)).toBe(true);
    expect(isFreeMailDomain('acme.example')).toBe(false);
  });
});

describe('customer domains', () => {
  it('knows bare public suffixes', () => {
    for (const d of ['co.uk', 'com.au', 'co.jp', 'org.uk']) expect(isPublicSuffix(d)).toBe(true);
    for (const d of ['acme.co.uk', 'acme.example', 'co.example']) expect(isPublicSuffix(d)).toBe(false);
  });
  it('says why a free-mail provider or a public suffix is never a customer’s', () => {
    expect(customerDomainProblem('gmail.com')).toMatch(/free e-mail provider/);
    expect(customerDomainProblem('co.uk')).toMatch(/public suffix/);
    expect(customerDomainProblem('acme.co.uk')).toBeNull();
  });
});
