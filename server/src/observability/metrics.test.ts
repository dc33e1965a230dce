/** /metrics: the Prometheus text of one app instance, who may read it, and the counters the request path feeds. */
import { OPERATION_NAMES } from '@earshot/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { type Config, loadConfig } from '../config.js';
import { sample } from '../test-support/observability.js';
import { startTestServer, type TestServer } from '../test-support/server.js';
import { createMetrics, MAX_OPERATION_LABELS } from './metrics.js';

describe('operation labels', () => {
  it('keeps well-formed names up to the cap, then counts new ones as other; the extension’s names always', () => {
    const metrics = createMetrics({ defaultMetrics: false });
    expect(metrics.operationLabel(undefined)).toBe('anonymous');
    expect(metrics.operationLabel('x'.repeat(65))).toBe('other');
    expect(metrics.operationLabel('Has-Dash')).toBe('other');
    expect(metrics.operationLabel('NotSignedIn', false)).toBe('other');
    for (let i = 0; i < MAX_OPERATION_LABELS; i++) expect(metrics.operationLabel(`Op${i}`)).toBe(`Op${i}`);
    expect(metrics.operationLabel('OneTooMany')).toBe('other');
    expect(metrics.operationLabel('Op7')).toBe('Op7');
    expect(metrics.operationLabel(OPERATION_NAMES[0])).toBe(OPERATION_NAMES[0]);
    expect(metrics.operationLabel(OPERATION_NAMES[1], false)).toBe(OPERATION_NAMES[1]);
    expect(metrics.operationLabel('Op8', false)).toBe('Op8');
  });
});

describe('/metrics of an app', () => {
  let s: TestServer;
  const config: Config = { ...loadConfig({}), production: true, metricsEnabled: true, metricsToken: null };
  beforeAll(async () => {
    s = await startTestServer('pglite');
  });
  afterAll(() => s?.close());

  const scrape = async (app = s.app, headers: Record<string, string> = {}) => app.yoga.fetch('http://earshot.test/metrics', { headers });
  const text = async (app = s.app) => {
    const res = await scrape(app);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text();
  };
  const gql = (app: typeof s.app, query: string, token?: string) =>
    app.yoga.fetch('http://earshot.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query }),
    });

  it('counts requests by operation and outcome, times them, and keeps each app’s counts apart', async () => {
    const app = createApp(s.db, config, s.services);
    await gql(app, 'query WhoAmI { viewer { id } }', s.users.ADMIN.token);
    await gql(app, 'query WhoAmI { viewer { id } }', s.users.ADMIN.token);
    await gql(app, 'query Accounts { accounts(first: 1) { totalCount } }');
    await gql(app, '{ __typename }');
    const metrics = await text(app);
    expect(sample(metrics, 'earshot_http_requests_total', { operation: 'WhoAmI', outcome: 'ok' })).toBe(2);
    // A name new to this instance sent without a token takes no label slot (anyone could fill them).
    expect(sample(metrics, 'earshot_http_requests_total', { operation: 'other', outcome: 'UNAUTHENTICATED' })).toBe(1);
    expect(sample(metrics, 'earshot_http_requests_total', { operation: 'anonymous', outcome: 'ok' })).toBe(1);
    expect(sample(metrics, 'earshot_http_request_duration_seconds_count', { operation: 'WhoAmI' })).toBe(2);
    expect(sample(metrics, 'earshot_http_request_duration_seconds_bucket', { operation: 'WhoAmI', le: '+Inf' })).toBe(2);
    // prom-client's process metrics, the embedded database's one connection, no live subscription open.
    expect(sample(metrics, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sample(metrics, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(metrics, 'earshot_db_pool_max')).toBe(1);
    expect(sample(metrics, 'earshot_db_pool_in_use')).toBeUndefined();
    expect(sample(metrics, 'earshot_live_subscriptions')).toBe(0);
    // Another app in this process: its own registry, none of those requests.
    const other = createApp(s.db, config, s.services);
    expect(sample(await text(other), 'earshot_http_requests_total', { operation: 'WhoAmI', outcome: 'ok' })).toBeUndefined();
  });

  it('counts sign-ins refused by the per-account limit', async () => {
    const app = createApp(s.db, { ...config, rateLimits: { ...config.rateLimits, signInFailuresPerAccount: 2 } }, s.services);
    const attempt = () => gql(app, `mutation { signIn(input: { email: "${s.users.SALES.email}", password: "wrong-password" }) { token } }`);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await attempt()).status);
    expect(statuses.filter((st) => st === 429)).toHaveLength(2);
    expect(sample(await text(app), 'earshot_rate_limit_refusals_total', { limit: 'signin-account' })).toBe(2);
  });

  it('is not served when EARSHOT_METRICS is off, and wants the bearer token when one is set', async () => {
    const off = createApp(s.db, { ...config, metricsEnabled: false }, s.services);
    expect((await scrape(off)).status).toBe(404);
    const guarded = createApp(s.db, { ...config, metricsToken: 'scrape-token-0123456789' }, s.services);
    expect((await scrape(guarded)).status).toBe(401);
    expect((await scrape(guarded, { authorization: 'Bearer scrape-token-012345678' })).status).toBe(401);
    const ok = await scrape(guarded, { authorization: 'Bearer scrape-token-0123456789' });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('# TYPE earshot_http_requests_total counter');
  });

  it('is on by default in development and off in production unless EARSHOT_METRICS says so', () => {
    expect(loadConfig({}).metricsEnabled).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).metricsEnabled).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', EARSHOT_METRICS: 'on' }).metricsEnabled).toBe(true);
    expect(loadConfig({ EARSHOT_METRICS: 'off' }).metricsEnabled).toBe(false);
    expect(() => loadConfig({ EARSHOT_METRICS_TOKEN: 'short' })).toThrow(/at least 16 characters/);
    expect(() => loadConfig({ EARSHOT_LOG_LEVEL: 'loud' })).toThrow(/EARSHOT_LOG_LEVEL must be one of/);
    expect(() => loadConfig({ EARSHOT_LOG_FORMAT: 'xml' })).toThrow(/json or pretty/);
  });
});
