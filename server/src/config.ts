/** Configuration from the environment, read once at start. Documented in README "Configuration". */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROLES, type Role } from '@earshot/shared';
import { LOG_LEVELS, type LogFormat, type LogLevel } from './observability/logger.js';

export const SERVER_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = path.resolve(SERVER_ROOT, '..');

export interface Config {
  /** `postgresql://…` for PostgreSQL; unset for the embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  /** Where the embedded database lives (ignored with DATABASE_URL). */
  dataDir: string;
  /**
   * PostgreSQL: name repeated statements so each connection plans them once (DATABASE_PREPARED_STATEMENTS, default
   * true; false behind a pooler in transaction mode that cannot keep them, e.g. older PgBouncer).
   */
  preparedStatements: boolean;
  port: number;
  host: string;
  production: boolean;
  /** Seed demo data on the first start of an empty embedded database. */
  seedDemo: boolean;
  demoPassword: string;
  redisUrl: string | undefined;
  /** Session tokens from signIn live this long. */
  sessionTtlHours: number;
  /** Origins allowed by CORS in addition to browser extensions (comma-separated). */
  corsOrigins: string[];
  /**
   * Extensions whose pages the OIDC redirect flow may send a sign-in ticket to (EARSHOT_EXTENSION_IDS, comma-separated):
   * Chrome/Edge extension ids, Firefox internal UUIDs (the moz-extension:// host). Empty (default): no extension page.
   */
  extensionIds: string[];
  /** Sign-in and request rate limits (security/rate-limits.ts); 0 turns a limit off. */
  rateLimits: RateLimitConfig;
  /**
   * Proxies in front of this server that append the client to X-Forwarded-For (EARSHOT_TRUST_PROXY: a count,
   * or "true" for 1). 0: X-Forwarded-For is ignored and the client is the socket's address.
   */
  trustProxy: number;
  /**
   * This instance's name (EARSHOT_INSTANCE_ID), sent as the `x-earshot-instance` response header so an operator can
   * tell which instance behind a load balancer answered. Unset (default): no header.
   */
  instanceId: string | null;
  /** Outgoing mail (internal visit reports) from SMTP_URL and SMTP_FROM; null: reports are stored, not e-mailed. */
  smtp: SmtpConfig | null;
  /** Log level (EARSHOT_LOG_LEVEL, default info): fatal, error, warn, info, debug, trace or silent. */
  logLevel: LogLevel;
  /** EARSHOT_LOG_FORMAT: json (default, one object per line) or pretty (one readable line, for a terminal). */
  logFormat: LogFormat;
  /** Serve /metrics (EARSHOT_METRICS; default on outside production, off in production unless set). */
  metricsEnabled: boolean;
  /** When set, /metrics wants `Authorization: Bearer <this>` (EARSHOT_METRICS_TOKEN). */
  metricsToken: string | null;
  /** Single sign-on through an OpenID Connect provider (EARSHOT_OIDC_*); null: not configured. */
  oidc: OidcConfig | null;
  /** signIn by e-mail and password (EARSHOT_PASSWORD_SIGN_IN, default on; off only with OIDC configured). */
  passwordSignIn: boolean;
  /**
   * The server's address as browsers reach it (EARSHOT_PUBLIC_URL, e.g. https://earshot.example.com behind a
   * proxy): the OIDC redirect flow's callback is `<publicUrl>/auth/oidc/callback`. null: the request's own origin.
   */
  publicUrl: string | null;
}

/** Single sign-on settings (auth/oidc.ts). */
export interface OidcConfig {
  /** The provider's issuer identifier, exactly as its discovery document states it. */
  issuer: string;
  clientId: string;
  /** null: a public client (PKCE only, no client authentication). */
  clientSecret: string | null;
  /** E-mail domains (lower case) whose users are created on their first sign-in. */
  allowedDomains: string[];
  /** The claim listing the user's groups (a dotted path reaches into objects, e.g. realm_access.roles). */
  roleClaim: string;
  /** Group → role; a user in several mapped groups gets the most privileged role. */
  roles: Map<string, Role>;
  /** The role of a user in no mapped group; null: such a user is refused. */
  defaultRole: Role | null;
  /** Scopes asked for (always with openid). */
  scopes: string[];
}

/**
 * The SMTP server visit reports go through (parsed from SMTP_URL by smtpFrom). The password is only here and in
 * the transport built from it: `display` is what logs and the start banner show.
 */
export interface SmtpConfig {
  host: string;
  port: number;
  /** smtps://: TLS from the first byte (usually port 465). */
  secure: boolean;
  /** smtp://: `auto` upgrades with STARTTLS when the server offers it, `required` refuses to go on without it, `off` never upgrades. */
  starttls: 'auto' | 'required' | 'off';
  user: string | null;
  password: string | null;
  /** The From header: `Name <address>` or an address. */
  from: string;
  /** The address of `from` (its domain names the Message-IDs). */
  fromAddress: string;
  /** The URL without the password, for logs. */
  display: string;
}

export interface RateLimitConfig {
  signInFailuresPerAccount: number;
  signInFailuresPerAddress: number;
  signInWindowSeconds: number;
  /** The n-th lock-out of one account (or address) within a day raises a security alert for admins. */
  lockoutsBeforeAlert: number;
  requestsPerToken: number;
  requestsPerAddress: number;
  requestWindowSeconds: number;
}

/** A whole number from `min` to `max` (inclusive); the error says exactly that range, whatever was wrong. */
function intFrom(name: string, value: string | undefined, fallback: number, range: { min?: number; max?: number; hint?: string } = {}): number {
  if (value === undefined || value === '') return fallback;
  const { min = 0, max = Number.MAX_SAFE_INTEGER, hint } = range;
  const n = Number(value.trim());
  if (!/^[+-]?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    const accepted = max === Number.MAX_SAFE_INTEGER ? `a whole number, ${min} or more` : `a whole number from ${min} to ${max}`;
    throw new Error(`${name} must be ${accepted}${hint ? ` (${hint})` : ''}, got "${value}"`);
  }
  return n;
}

/** On/off settings: true/false, yes/no, on/off, 1/0; anything else is an error naming the setting (a typo such as
 * EARSHOT_METRICS=disabled once turned metrics on). */
export function boolFrom(name: string, value: string | undefined, fallback: boolean): boolean {
  const v = value?.trim().toLowerCase();
  if (v === undefined || v === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  throw new Error(`${name} must be on or off (true/false, yes/no, 1/0), got "${value}"`);
}

function trustProxyFrom(value: string | undefined): number {
  if (value === undefined || value === '') return 0;
  const v = value.trim().toLowerCase();
  if (['true', 'yes', 'on'].includes(v)) return 1;
  if (['false', 'no', 'off'].includes(v)) return 0;
  return intFrom('EARSHOT_TRUST_PROXY', v, 0);
}

function instanceIdFrom(value: string | undefined): string | null {
  const v = value?.trim();
  if (!v) return null;
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(v)) throw new Error(`EARSHOT_INSTANCE_ID must be 1–64 letters, digits, dots, dashes or underscores (a header value), got "${value}"`);
  return v;
}

export function rateLimitsFrom(env: NodeJS.ProcessEnv): RateLimitConfig {
  const positive = (name: string, fallback: number) => intFrom(name, env[name], fallback, { min: 1 });
  return {
    signInFailuresPerAccount: intFrom('EARSHOT_SIGNIN_FAILURES_PER_ACCOUNT', env.EARSHOT_SIGNIN_FAILURES_PER_ACCOUNT, 10),
    signInFailuresPerAddress: intFrom('EARSHOT_SIGNIN_FAILURES_PER_ADDRESS', env.EARSHOT_SIGNIN_FAILURES_PER_ADDRESS, 50),
    signInWindowSeconds: positive('EARSHOT_SIGNIN_WINDOW_SECONDS', 15 * 60),
    lockoutsBeforeAlert: intFrom('EARSHOT_LOCKOUTS_BEFORE_ALERT', env.EARSHOT_LOCKOUTS_BEFORE_ALERT, 3),
    requestsPerToken: intFrom('EARSHOT_RATE_LIMIT_PER_TOKEN', env.EARSHOT_RATE_LIMIT_PER_TOKEN, 600),
    requestsPerAddress: intFrom('EARSHOT_RATE_LIMIT_PER_ADDRESS', env.EARSHOT_RATE_LIMIT_PER_ADDRESS, 300),
    requestWindowSeconds: positive('EARSHOT_RATE_LIMIT_WINDOW_SECONDS', 60),
  };
}

/** Longest session lifetime: one year (EARSHOT_SESSION_TTL_HOURS). */
export const MAX_SESSION_TTL_HOURS = 24 * 365;

function sessionTtl(value: string | undefined): number {
  // 0 used to give sessions that never expire. Sessions always expire, within a year; a long lifetime must be written out.
  return intFrom('EARSHOT_SESSION_TTL_HOURS', value, 24 * 14, {
    min: 1,
    max: MAX_SESSION_TTL_HOURS,
    hint: `hours; sessions always expire, at the latest after ${MAX_SESSION_TTL_HOURS} = one year; default 336 = 14 days`,
  });
}

/** What SMTP_URL accepts, said in every error about it (the value itself is not repeated: it may hold a password). */
const SMTP_URL_FORM = 'smtp://[user:password@]host[:port][?tls=required|off] or smtps://[user:password@]host[:port]';
export const DEFAULT_SMTP_FROM = 'Earshot <earshot@localhost>';

/**
 * SMTP_URL and SMTP_FROM → the mail settings, or null without SMTP_URL. STARTTLS on smtp://: upgraded whenever the
 * server offers it; with credentials it is required (a password is never sent in the clear) unless `?tls=off`
 * says so — meant for a relay on the same machine and for tests. `?tls=required` requires it without credentials too.
 */
export function smtpFrom(url: string | undefined, from: string | undefined): SmtpConfig | null {
  const raw = url?.trim();
  if (!raw) return null;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new Error(`SMTP_URL is not a URL; expected ${SMTP_URL_FORM}`);
  }
  const secure = u.protocol === 'smtps:';
  if (!secure && u.protocol !== 'smtp:') throw new Error(`SMTP_URL must start with smtp:// or smtps://, got "${u.protocol}//"; expected ${SMTP_URL_FORM}`);
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host) throw new Error(`SMTP_URL has no host; expected ${SMTP_URL_FORM}`);
  if ((u.pathname && u.pathname !== '/') || u.hash) throw new Error(`SMTP_URL takes no path or #fragment; expected ${SMTP_URL_FORM}`);
  const params = [...u.searchParams.keys()].filter((k) => k !== 'tls');
  if (params.length) throw new Error(`SMTP_URL: unknown parameter "${params[0]}"; expected ${SMTP_URL_FORM}`);
  const tls = u.searchParams.get('tls');
  if (tls !== null && !['required', 'off'].includes(tls)) throw new Error(`SMTP_URL: tls must be "required" or "off", got "${tls}"`);
  if (secure && tls !== null) throw new Error('SMTP_URL: smtps:// is TLS from the start; tls= applies to smtp:// (STARTTLS) only');
  const user = u.username ? decodeURIComponent(u.username) : null;
  const password = u.password ? decodeURIComponent(u.password) : null;
  if (password && !user) throw new Error(`SMTP_URL has a password without a user; expected ${SMTP_URL_FORM}`);
  const port = u.port ? Number(u.port) : secure ? 465 : 25;
  if (port < 1) throw new Error(`SMTP_URL: the port must be from 1 to 65535; expected ${SMTP_URL_FORM}`);
  const starttls = secure ? 'auto' : tls === 'off' ? 'off' : tls === 'required' || user ? 'required' : 'auto';
  const sender = smtpSender(from);
  const display = `${u.protocol}//${user ? `${encodeURIComponent(user)}:***@` : ''}${u.host}${tls ? `?tls=${tls}` : ''}`;
  return { host, port, secure, starttls, user, password, from: sender.from, fromAddress: sender.address, display };
}

/**
 * SMTP_FROM: `Display Name <local@domain>` or `local@domain` (a domain without a dot, like localhost, is accepted:
 * some relays only take their own host name). No quotes, angle brackets or line breaks in the name: it goes into
 * a header as it is.
 */
function smtpSender(value: string | undefined): { from: string; address: string } {
  const from = value?.trim() || DEFAULT_SMTP_FROM;
  const m = /^(?:([^<>"\r\n@]*?)\s*<([^<>\s]+)>|([^<>\s]+))$/.exec(from);
  const address = (m?.[2] ?? m?.[3] ?? '').toLowerCase();
  if (!m || !/^[a-z0-9_%+-]+(?:\.[a-z0-9_%+-]+)*@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/.test(address)) {
    throw new Error(`SMTP_FROM must be an address or "Name <address>" (e.g. ${DEFAULT_SMTP_FROM}), got "${from}"`);
  }
  const name = m[1]?.trim();
  return { from: name ? `${name} <${address}>` : address, address };
}

function logLevelFrom(value: string | undefined): LogLevel {
  const v = value?.trim().toLowerCase();
  if (!v) return 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(v)) throw new Error(`EARSHOT_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${value}"`);
  return v as LogLevel;
}

function logFormatFrom(value: string | undefined): LogFormat {
  const v = value?.trim().toLowerCase();
  if (!v || v === 'json') return 'json';
  if (v === 'pretty') return 'pretty';
  throw new Error(`EARSHOT_LOG_FORMAT must be json or pretty, got "${value}"`);
}

function metricsTokenFrom(value: string | undefined): string | null {
  const v = value?.trim();
  if (!v) return null;
  if (v.length < 16 || /\s/.test(v)) throw new Error('EARSHOT_METRICS_TOKEN must be at least 16 characters without spaces');
  return v;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** An https:// URL, or http:// on this machine only (a provider or server in a test or on a developer's machine). */
function httpsUrl(name: string, value: string): URL {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new Error(`${name} must be a URL (https://…)`);
  }
  // The value is repeated in an error only without its user and password (never print a credential).
  const shown = u.username || u.password ? `${u.protocol}//…@${u.host}${u.pathname}` : value;
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && LOOPBACK_HOSTS.has(u.hostname))) {
    throw new Error(`${name} must start with https:// (http:// only for localhost / 127.0.0.1), got "${shown}"`);
  }
  if (u.username || u.password || u.search || u.hash) throw new Error(`${name} takes no user, password, ?query or #fragment, got "${shown}"`);
  return u;
}

const roleList = ROLES.join(', ');
const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function roleFrom(name: string, value: string): Role {
  const role = value.trim().toUpperCase();
  if (!(ROLES as readonly string[]).includes(role)) throw new Error(`${name}: "${value}" is not a role (${roleList})`);
  return role as Role;
}

const DOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

/**
 * EARSHOT_OIDC_* → the single sign-on settings, or null without EARSHOT_OIDC_ISSUER (then every other
 * EARSHOT_OIDC_* variable is an error: a half-configured sign-on should not pass silently).
 */
export function oidcFrom(env: NodeJS.ProcessEnv): OidcConfig | null {
  const issuer = env.EARSHOT_OIDC_ISSUER?.trim();
  if (!issuer) {
    const stray = Object.keys(env).filter((k) => k.startsWith('EARSHOT_OIDC_') && env[k]?.trim());
    if (stray.length) throw new Error(`${stray.sort().join(', ')} set without EARSHOT_OIDC_ISSUER: set the provider's issuer URL too, or unset them`);
    return null;
  }
  httpsUrl('EARSHOT_OIDC_ISSUER', issuer);
  const clientId = env.EARSHOT_OIDC_CLIENT_ID?.trim();
  if (!clientId) throw new Error('EARSHOT_OIDC_CLIENT_ID is required with EARSHOT_OIDC_ISSUER: the client id Earshot is registered under at the provider');
  const allowedDomains = list(env.EARSHOT_OIDC_ALLOWED_DOMAINS).map((d) => d.toLowerCase().replace(/^@/, ''));
  for (const d of allowedDomains) if (!DOMAIN.test(d)) throw new Error(`EARSHOT_OIDC_ALLOWED_DOMAINS: "${d}" is not an e-mail domain (e.g. example.com)`);
  const roleClaim = env.EARSHOT_OIDC_ROLE_CLAIM?.trim() || 'groups';
  if (!/^[^.\s]+(\.[^.\s]+)*$/.test(roleClaim)) throw new Error(`EARSHOT_OIDC_ROLE_CLAIM must be a claim name (a dotted path for a nested claim), got "${roleClaim}"`);
  const roles = new Map<string, Role>();
  for (const entry of list(env.EARSHOT_OIDC_ROLES)) {
    const eq = entry.lastIndexOf('=');
    const group = entry.slice(0, eq).trim();
    if (eq <= 0 || !group) throw new Error(`EARSHOT_OIDC_ROLES: "${entry}" is not group=ROLE (e.g. earshot-credit=CREDIT,earshot-sales=SALES; roles ${roleList})`);
    if (roles.has(group)) throw new Error(`EARSHOT_OIDC_ROLES: the group "${group}" is mapped twice`);
    roles.set(group, roleFrom('EARSHOT_OIDC_ROLES', entry.slice(eq + 1)));
  }
  const defaultRole = env.EARSHOT_OIDC_DEFAULT_ROLE?.trim() ? roleFrom('EARSHOT_OIDC_DEFAULT_ROLE', env.EARSHOT_OIDC_DEFAULT_ROLE) : null;
  if (!roles.size && !defaultRole) {
    throw new Error('EARSHOT_OIDC_ROLES (group=ROLE,…) or EARSHOT_OIDC_DEFAULT_ROLE is required with EARSHOT_OIDC_ISSUER: without either, nobody could sign in');
  }
  const scopes = [...new Set(['openid', ...list(env.EARSHOT_OIDC_SCOPES || 'openid email profile').flatMap((s) => s.split(/\s+/))])];
  return { issuer, clientId, clientSecret: env.EARSHOT_OIDC_CLIENT_SECRET?.trim() || null, allowedDomains, roleClaim, roles, defaultRole, scopes };
}

function passwordSignInFrom(value: string | undefined, oidc: OidcConfig | null): boolean {
  const v = (value ?? '').trim().toLowerCase();
  if (v === '' || v === 'on') return true;
  if (v !== 'off') throw new Error(`EARSHOT_PASSWORD_SIGN_IN must be on or off, got "${value}"`);
  if (!oidc) throw new Error('EARSHOT_PASSWORD_SIGN_IN=off needs single sign-on (EARSHOT_OIDC_ISSUER…): otherwise nobody could sign in');
  return false;
}

/** A Chrome/Edge extension id; a Firefox extension's internal UUID (its moz-extension:// host, per install). */
export const CHROME_EXTENSION_ID = /^[a-p]{32}$/;
export const FIREFOX_EXTENSION_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** EARSHOT_EXTENSION_IDS: Chrome/Edge ids (32 letters a–p) and Firefox internal UUIDs, lower case. */
function extensionIdsFrom(value: string | undefined): string[] {
  const ids = list(value).map((id) => id.toLowerCase());
  for (const id of ids) {
    if (!CHROME_EXTENSION_ID.test(id) && !FIREFOX_EXTENSION_UUID.test(id)) {
      throw new Error(
        `EARSHOT_EXTENSION_IDS: "${id}" is neither a Chrome/Edge extension id (32 letters a–p, e.g. abcdefghijklmnopabcdefghijklmnop) nor a Firefox extension's internal UUID (the moz-extension:// host, e.g. 0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9)`,
      );
    }
  }
  return [...new Set(ids)];
}

function publicUrlFrom(value: string | undefined): string | null {
  const v = value?.trim();
  if (!v) return null;
  const u = httpsUrl('EARSHOT_PUBLIC_URL', v);
  return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must start with postgresql:// (unset it to use the embedded database)');
  }
  const port = intFrom('PORT', env.PORT, 4000, { max: 65535 });
  const oidc = oidcFrom(env);
  return {
    databaseUrl,
    dataDir: path.resolve(REPO_ROOT, env.EARSHOT_DATA_DIR || 'data'),
    preparedStatements: boolFrom('DATABASE_PREPARED_STATEMENTS', env.DATABASE_PREPARED_STATEMENTS, true),
    port,
    host: env.HOST || '127.0.0.1',
    production: env.NODE_ENV === 'production',
    seedDemo: boolFrom('EARSHOT_SEED_DEMO', env.EARSHOT_SEED_DEMO, true),
    demoPassword: env.EARSHOT_DEMO_PASSWORD || 'earshot-demo',
    redisUrl: env.REDIS_URL?.trim() || undefined,
    sessionTtlHours: sessionTtl(env.EARSHOT_SESSION_TTL_HOURS),
    corsOrigins: list(env.EARSHOT_CORS_ORIGINS),
    extensionIds: extensionIdsFrom(env.EARSHOT_EXTENSION_IDS),
    rateLimits: rateLimitsFrom(env),
    trustProxy: trustProxyFrom(env.EARSHOT_TRUST_PROXY),
    instanceId: instanceIdFrom(env.EARSHOT_INSTANCE_ID),
    smtp: smtpFrom(env.SMTP_URL, env.SMTP_FROM),
    logLevel: logLevelFrom(env.EARSHOT_LOG_LEVEL),
    logFormat: logFormatFrom(env.EARSHOT_LOG_FORMAT),
    metricsEnabled: boolFrom('EARSHOT_METRICS', env.EARSHOT_METRICS, env.NODE_ENV !== 'production'),
    metricsToken: metricsTokenFrom(env.EARSHOT_METRICS_TOKEN),
    oidc,
    passwordSignIn: passwordSignInFrom(env.EARSHOT_PASSWORD_SIGN_IN, oidc),
    publicUrl: publicUrlFrom(env.EARSHOT_PUBLIC_URL),
  };
}
