import { describe, expect, it } from 'vitest';
import { DEFAULT_SMTP_FROM, loadConfig, MAX_SESSION_TTL_HOURS } from './config.js';

describe('loadConfig', () => {
  const TTL_RANGE = /EARSHOT_SESSION_TTL_HOURS must be a whole number from 1 to 8760 \(hours; sessions always expire, at the latest after 8760 = one year; default 336 = 14 days\)/;

  it('refuses a session lifetime of 0 (it meant sessions that never expire), with a clear error', () => {
    expect(() => loadConfig({ EARSHOT_SESSION_TTL_HOURS: '0' })).toThrow(TTL_RANGE);
    expect(loadConfig({ EARSHOT_SESSION_TTL_HOURS: '8' }).sessionTtlHours).toBe(8);
    expect(loadConfig({}).sessionTtlHours).toBe(336);
  });

  it('bounds the session lifetime at one year, and says exactly what it accepts whatever was wrong', () => {
    expect(MAX_SESSION_TTL_HOURS).toBe(8760);
    expect(loadConfig({ EARSHOT_SESSION_TTL_HOURS: '8760' }).sessionTtlHours).toBe(8760);
    expect(loadConfig({ EARSHOT_SESSION_TTL_HOURS: '1' }).sessionTtlHours).toBe(1);
    for (const value of ['1e9', '8761', '0.5', '-1', '-3', 'soon', '1e3', '0x10', '99999999999999999999']) {
      expect(() => loadConfig({ EARSHOT_SESSION_TTL_HOURS: value }), value).toThrow(TTL_RANGE);
      expect(() => loadConfig({ EARSHOT_SESSION_TTL_HOURS: value }), value).toThrow(`got "${value}"`);
    }
  });

  it('DATABASE_PREPARED_STATEMENTS: on unless turned off (a pooler in transaction mode)', () => {
    expect(loadConfig({}).preparedStatements).toBe(true);
    for (const off of ['false', '0', 'off', 'NO']) expect(loadConfig({ DATABASE_PREPARED_STATEMENTS: off }).preparedStatements, off).toBe(false);
    expect(loadConfig({ DATABASE_PREPARED_STATEMENTS: 'true' }).preparedStatements).toBe(true);
  });

  it('EARSHOT_INSTANCE_ID: no instance header unless set; a header-safe name or a clear error', () => {
    expect(loadConfig({}).instanceId).toBeNull();
    expect(loadConfig({ EARSHOT_INSTANCE_ID: ' web-2.eu ' }).instanceId).toBe('web-2.eu');
    for (const value of ['a b', 'x\r\nSet-Cookie: y', 'é', 'x'.repeat(65)]) {
      expect(() => loadConfig({ EARSHOT_INSTANCE_ID: value }), value).toThrow(/EARSHOT_INSTANCE_ID must be 1–64 letters, digits, dots, dashes or underscores/);
    }
  });

  it('says the accepted range of other numbers: 1 or more where 0 is refused, 0 to 65535 for PORT', () => {
    expect(() => loadConfig({ EARSHOT_RATE_LIMIT_WINDOW_SECONDS: '-1' })).toThrow(/EARSHOT_RATE_LIMIT_WINDOW_SECONDS must be a whole number, 1 or more, got "-1"/);
    expect(() => loadConfig({ EARSHOT_RATE_LIMIT_WINDOW_SECONDS: '0' })).toThrow(/1 or more/);
    expect(() => loadConfig({ EARSHOT_RATE_LIMIT_PER_TOKEN: '-1' })).toThrow(/EARSHOT_RATE_LIMIT_PER_TOKEN must be a whole number, 0 or more, got "-1"/);
    expect(loadConfig({ EARSHOT_RATE_LIMIT_PER_TOKEN: '0' }).rateLimits.requestsPerToken).toBe(0);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT must be a whole number from 0 to 65535, got "70000"/);
    expect(loadConfig({ PORT: '8080' }).port).toBe(8080);
  });

  it('SMTP_URL: unset means no mail; smtp:// upgrades with STARTTLS when offered, and requires it once there is a password', () => {
    expect(loadConfig({}).smtp).toBeNull();
    expect(loadConfig({ SMTP_URL: '  ' }).smtp).toBeNull();
    expect(loadConfig({ SMTP_URL: 'smtp://mail.example.test' }).smtp).toMatchObject({
      host: 'mail.example.test',
      port: 25,
      secure: false,
      starttls: 'auto',
      user: null,
      password: null,
      from: DEFAULT_SMTP_FROM,
      fromAddress: 'earshot@localhost',
    });
    const withAuth = loadConfig({ SMTP_URL: 'smtp://reports%40example.test:s3cr%2Ft@mail.example.test:587' }).smtp!;
    expect(withAuth).toMatchObject({ port: 587, starttls: 'required', user: 'reports@example.test', password: 's3cr/t' });
    expect(loadConfig({ SMTP_URL: 'smtp://u:p@127.0.0.1:2525?tls=off' }).smtp).toMatchObject({ host: '127.0.0.1', port: 2525, starttls: 'off' });
    expect(loadConfig({ SMTP_URL: 'smtp://relay.example.test?tls=required' }).smtp!.starttls).toBe('required');
    expect(loadConfig({ SMTP_URL: 'smtps://u:p@mail.example.test' }).smtp).toMatchObject({ port: 465, secure: true });
    expect(loadConfig({ SMTP_URL: 'smtp://[::1]:2525' }).smtp!.host).toBe('::1');
  });

  it('SMTP_URL: a bad one is refused with what it accepts, never echoing the password; the display hides it too', () => {
    const bad: [string, RegExp][] = [
      ['mail.example.test', /SMTP_URL is not a URL; expected smtp:\/\/\[user:password@\]host/],
      ['http://mail.example.test', /SMTP_URL must start with smtp:\/\/ or smtps:\/\//],
      ['smtp://u:hunter2secret@mail.example.test:99999', /not a URL/],
      ['smtp://mail.example.test:0', /port must be from 1 to 65535/],
      ['smtp://mail.example.test/inbox', /no path/],
      ['smtp://mail.example.test?tls=maybe', /tls must be "required" or "off", got "maybe"/],
      ['smtp://mail.example.test?starttls=off', /unknown parameter "starttls"/],
      ['smtps://mail.example.test?tls=off', /smtps:\/\/ is TLS from the start/],
      ['smtp://:hunter2secret@mail.example.test', /password without a user/],
    ];
    for (const [url, message] of bad) {
      expect(() => loadConfig({ SMTP_URL: url }), url).toThrow(message);
      try {
        loadConfig({ SMTP_URL: url });
      } catch (err) {
        expect((err as Error).message, url).not.toContain('hunter2secret');
      }
    }
    expect(loadConfig({ SMTP_URL: 'smtp://reports:hunter2secret@mail.example.test:587' }).smtp!.display).toBe('smtp://reports:***@mail.example.test:587');
  });

  it('SMTP_FROM: an address or "Name <address>", lower-cased; anything that could break the header is refused', () => {
    const from = (v: string) => loadConfig({ SMTP_URL: 'smtp://mail.example.test', SMTP_FROM: v }).smtp!;
    expect(from('Credit Team <Credit@Example.test>')).toMatchObject({ from: 'Credit Team <credit@example.test>', fromAddress: 'credit@example.test' });
    expect(from('reports@example.test')).toMatchObject({ from: 'reports@example.test', fromAddress: 'reports@example.test' });
    for (const v of ['nobody', 'A <b>', 'Evil\r\nBcc: x@example.test <a@example.test>', '"Quoted" <a@example.test>', 'a@b@example.test', 'a@-example.test']) {
      expect(() => from(v), v).toThrow(/SMTP_FROM must be an address or "Name <address>"/);
    }
  });

  describe('single sign-on (EARSHOT_OIDC_*) and EARSHOT_PASSWORD_SIGN_IN', () => {
    const base = { EARSHOT_OIDC_ISSUER: 'https://login.corp.example/realms/main', EARSHOT_OIDC_CLIENT_ID: 'earshot', EARSHOT_OIDC_ROLES: 'earshot-credit=CREDIT' };

    it('off without an issuer; parsed with one: roles, domains, default role, scopes, a public client without a secret', () => {
      expect(loadConfig({}).oidc).toBeNull();
      expect(loadConfig({}).passwordSignIn).toBe(true);
      const oidc = loadConfig({
        ...base,
        EARSHOT_OIDC_ROLES: ' earshot-credit=CREDIT, /corp/sales = sales ,a=b=VIEWER',
        EARSHOT_OIDC_ALLOWED_DOMAINS: 'Corp.Example, @sub.corp.example',
        EARSHOT_OIDC_DEFAULT_ROLE: 'viewer',
      }).oidc!;
      expect(oidc).toMatchObject({ issuer: base.EARSHOT_OIDC_ISSUER, clientId: 'earshot', clientSecret: null, roleClaim: 'groups', defaultRole: 'VIEWER', scopes: ['openid', 'email', 'profile'] });
      expect(oidc.allowedDomains).toEqual(['corp.example', 'sub.corp.example']);
      expect([...oidc.roles]).toEqual([
        ['earshot-credit', 'CREDIT'],
        ['/corp/sales', 'SALES'],
        ['a=b', 'VIEWER'],
      ]);
      expect(loadConfig({ ...base, EARSHOT_OIDC_CLIENT_SECRET: 's3cret', EARSHOT_OIDC_ROLE_CLAIM: 'realm_access.roles' }).oidc).toMatchObject({ clientSecret: 's3cret', roleClaim: 'realm_access.roles' });
    });

    it.each([
      [{ EARSHOT_OIDC_CLIENT_ID: 'x' }, /EARSHOT_OIDC_CLIENT_ID set without EARSHOT_OIDC_ISSUER/],
      [{ ...base, EARSHOT_OIDC_CLIENT_ID: '' }, /EARSHOT_OIDC_CLIENT_ID is required with EARSHOT_OIDC_ISSUER/],
      [{ ...base, EARSHOT_OIDC_ISSUER: 'http://login.corp.example' }, /EARSHOT_OIDC_ISSUER must start with https:\/\/ \(http:\/\/ only for localhost/],
      [{ ...base, EARSHOT_OIDC_ISSUER: 'login.corp.example' }, /EARSHOT_OIDC_ISSUER must be a URL/],
      [{ ...base, EARSHOT_OIDC_ROLES: 'earshot-credit' }, /EARSHOT_OIDC_ROLES: "earshot-credit" is not group=ROLE/],
      [{ ...base, EARSHOT_OIDC_ROLES: 'earshot-credit=BOSS' }, /EARSHOT_OIDC_ROLES: "BOSS" is not a role \(ADMIN, CREDIT, SALES, VIEWER\)/],
      [{ ...base, EARSHOT_OIDC_ROLES: 'g=SALES,g=CREDIT' }, /the group "g" is mapped twice/],
      [{ ...base, EARSHOT_OIDC_ROLES: '' }, /EARSHOT_OIDC_ROLES \(group=ROLE,…\) or EARSHOT_OIDC_DEFAULT_ROLE is required/],
      [{ ...base, EARSHOT_OIDC_DEFAULT_ROLE: 'root' }, /EARSHOT_OIDC_DEFAULT_ROLE: "root" is not a role/],
      [{ ...base, EARSHOT_OIDC_ALLOWED_DOMAINS: 'corp' }, /EARSHOT_OIDC_ALLOWED_DOMAINS: "corp" is not an e-mail domain/],
      [{ EARSHOT_PASSWORD_SIGN_IN: 'off' }, /EARSHOT_PASSWORD_SIGN_IN=off needs single sign-on/],
      [{ ...base, EARSHOT_PASSWORD_SIGN_IN: 'maybe' }, /EARSHOT_PASSWORD_SIGN_IN must be on or off, got "maybe"/],
      [{ EARSHOT_PUBLIC_URL: 'http://earshot.corp.example' }, /EARSHOT_PUBLIC_URL must start with https:\/\//],
      [{ EARSHOT_EXTENSION_IDS: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop' }, /EARSHOT_EXTENSION_IDS: "chrome-extension:\/\/abcdefghijklmnopabcdefghijklmnop" is neither a Chrome\/Edge extension id \(32 letters a–p/],
      [{ EARSHOT_EXTENSION_IDS: 'abcdefghijklmnopabcdefghijklmnoq' }, /EARSHOT_EXTENSION_IDS: "abcdefghijklmnopabcdefghijklmnoq" is neither/],
      [{ EARSHOT_EXTENSION_IDS: 'abcdefghijklmnopabcdefghijklmno' }, /EARSHOT_EXTENSION_IDS: "abcdefghijklmnopabcdefghijklmno" is neither/],
      [{ EARSHOT_EXTENSION_IDS: '{0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9}' }, /nor a Firefox extension's internal UUID \(the moz-extension:\/\/ host/],
      [{ EARSHOT_EXTENSION_IDS: 'earshot@corp.example' }, /EARSHOT_EXTENSION_IDS: "earshot@corp.example" is neither/],
    ])('refuses %j with a clear error', (env, error) => {
      expect(() => loadConfig(env)).toThrow(error);
    });

    it('never repeats the client secret in an error', () => {
      expect(() => loadConfig({ ...base, EARSHOT_OIDC_CLIENT_SECRET: 'very-secret-value', EARSHOT_OIDC_ROLES: 'x' })).toThrow(/not group=ROLE/);
      try {
        loadConfig({ ...base, EARSHOT_OIDC_CLIENT_SECRET: 'very-secret-value', EARSHOT_OIDC_ROLES: 'x' });
      } catch (err) {
        expect((err as Error).message).not.toContain('very-secret-value');
      }
    });

    it('password sign-in off with a provider; loopback http issuers for development; EARSHOT_PUBLIC_URL without a trailing slash', () => {
      expect(loadConfig({ ...base, EARSHOT_PASSWORD_SIGN_IN: 'off' }).passwordSignIn).toBe(false);
      expect(loadConfig({ ...base, EARSHOT_PASSWORD_SIGN_IN: 'on' }).passwordSignIn).toBe(true);
      expect(loadConfig({ ...base, EARSHOT_OIDC_ISSUER: 'http://127.0.0.1:5556' }).oidc?.issuer).toBe('http://127.0.0.1:5556');
      expect(loadConfig({ EARSHOT_PUBLIC_URL: 'https://earshot.corp.example/' }).publicUrl).toBe('https://earshot.corp.example');
      expect(loadConfig({}).publicUrl).toBeNull();
    });

    it('never repeats a user or password written into the issuer URL', () => {
      expect(() => loadConfig({ ...base, EARSHOT_OIDC_ISSUER: 'https://someone:hunter2secret@idp.example' })).toThrow(/takes no user, password/);
      try {
        loadConfig({ ...base, EARSHOT_OIDC_ISSUER: 'http://someone:hunter2secret@idp.example' });
      } catch (err) {
        expect((err as Error).message).toMatch(/must start with https/);
        expect((err as Error).message).not.toContain('hunter2secret');
      }
    });

    it('EARSHOT_EXTENSION_IDS: Chrome/Edge ids and Firefox internal UUIDs, trimmed, lower case, once each; none by default', () => {
      expect(loadConfig({}).extensionIds).toEqual([]);
      expect(
        loadConfig({ EARSHOT_EXTENSION_IDS: ' abcdefghijklmnopabcdefghijklmnop, 0B1C2D3E-4F50-4617-8293-A4B5C6D7E8F9 ,,abcdefghijklmnopabcdefghijklmnop' }).extensionIds,
      ).toEqual(['abcdefghijklmnopabcdefghijklmnop', '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9']);
    });
  });

  it('on/off settings take on/off, true/false, yes/no, 1/0 and refuse anything else by name', () => {
    expect(loadConfig({ EARSHOT_METRICS: 'off' }).metricsEnabled).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', EARSHOT_METRICS: 'YES' }).metricsEnabled).toBe(true);
    expect(loadConfig({ EARSHOT_SEED_DEMO: '0' }).seedDemo).toBe(false);
    expect(() => loadConfig({ NODE_ENV: 'production', EARSHOT_METRICS: 'disabled' })).toThrow('EARSHOT_METRICS must be on or off (true/false, yes/no, 1/0), got "disabled"');
    expect(() => loadConfig({ DATABASE_PREPARED_STATEMENTS: 'nope' })).toThrow(/DATABASE_PREPARED_STATEMENTS must be on or off/);
  });
});
