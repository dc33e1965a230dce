import { describe, expect, it } from 'vitest';
import { graphqlEndpoint, normalizeServerUrl, normalizeSiteOrigin } from './server-url.js';

describe('normalizeServerUrl', () => {
  it.each([
    ['http://127.0.0.1:4000', 'http://127.0.0.1:4000'],
    ['http://127.0.0.1:4000/', 'http://127.0.0.1:4000'],
    ['127.0.0.1:4000', 'http://127.0.0.1:4000'],
    ['localhost:4000/graphql', 'http://localhost:4000'],
    ['earshot.acme.example', 'https://earshot.acme.example'],
    ['HTTPS://Earshot.Acme.Example:8443/earshot/graphql/', 'https://earshot.acme.example:8443/earshot'],
    ['  https://earshot.acme.example/  ', 'https://earshot.acme.example'],
  ])('%s → %s', (input, url) => {
    expect(normalizeServerUrl(input)).toMatchObject({ ok: true, url });
  });

  it('returns the origin to ask permission for', () => {
    expect(normalizeServerUrl('https://earshot.acme.example/earshot')).toEqual({
      ok: true,
      url: 'https://earshot.acme.example/earshot',
      origin: 'https://earshot.acme.example',
    });
  });

  it.each([
    ['', /Enter the address/],
    ['ftp://files.acme.example', /http:\/\/ or https:\/\//],
    ['javascript:alert(1)', /http:\/\/ or https:\/\//],
    ['file:///etc/passwd', /http:\/\/ or https:\/\//],
    ['http://', /not a valid address/],
    ['https://user:pw@earshot.acme.example', /user name and password/],
  ])('rejects %j', (input, error) => {
    const result = normalizeServerUrl(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(error);
  });

  it('builds the GraphQL endpoint', () => {
    expect(graphqlEndpoint('https://earshot.acme.example/earshot')).toBe('https://earshot.acme.example/earshot/graphql');
  });
});

describe('normalizeSiteOrigin', () => {
  it.each([
    ['crm.acme.example', 'https://crm.acme.example'],
    ['https://crm.acme.example/accounts/42?tab=1', 'https://crm.acme.example'],
    ['http://localhost:3000/x', 'http://localhost:3000'],
    ['localhost:3000', 'http://localhost:3000'],
    ['127.0.0.1:8080/crm', 'http://127.0.0.1:8080'],
  ])('%s → %s', (input, origin) => {
    expect(normalizeSiteOrigin(input)).toEqual({ ok: true, origin });
  });

  it.each(['', '*.acme.example', 'http://crm.acme.example', 'intranet', 'ftp://crm.acme.example'])('rejects %j', (input) => {
    expect(normalizeSiteOrigin(input).ok).toBe(false);
  });

  it.each([
    ['northwind.pipedrive.com', 'Pipedrive'],
    ['https://mail.google.com/mail/u/0/', 'Gmail'],
    ['acme.lightning.force.com', 'Salesforce'],
    ['org1.crm4.dynamics.com', 'Dynamics 365'],
  ])('refuses %s: built in (%s), its own reader already runs there', (input, label) => {
    const got = normalizeSiteOrigin(input);
    expect(got.ok).toBe(false);
    if (!got.ok) expect(got.error).toContain(`is built in (${label})`);
  });

  it('takes a host merely next to a built-in one (help.salesforce.com is excluded from Salesforce)', () => {
    expect(normalizeSiteOrigin('help.salesforce.com')).toEqual({ ok: true, origin: 'https://help.salesforce.com' });
    expect(normalizeSiteOrigin('pipedrive.example.com')).toEqual({ ok: true, origin: 'https://pipedrive.example.com' });
  });
});
