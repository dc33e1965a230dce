/**
 * The operational endpoints, answered before rate limits and authentication (a probe must not use up a limit):
 * - /healthz — liveness: the process is up and answering HTTP. No database call: an orchestrator restarts a
 *   process whose liveness fails, and restarting every instance because the database is down cures nothing.
 * - /readyz — readiness (readiness.ts): 200 or 503 naming the failing check; take the instance out of rotation.
 * - /metrics — Prometheus text, only when EARSHOT_METRICS is on; with EARSHOT_METRICS_TOKEN it wants
 *   `Authorization: Bearer <token>` (401 otherwise). Off, it is not there (404).
 */
import { timingSafeEqual } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import type { Readiness } from './readiness.js';
import type { Metrics } from './metrics.js';

export interface EndpointOptions {
  databaseKind: string;
  readiness(): Promise<Readiness>;
  metrics: Metrics;
  metricsEnabled: boolean;
  metricsToken: string | null;
}

/**
 * A new headers object for every response: the fetch implementation writes content-type and content-length into
 * the object it is given, so one shared object carried the first answer's length into every later one (probes
 * hung and scrapes were cut off).
 */
const noStore = (): Record<string, string> => ({ 'cache-control': 'no-store' });

function tokenMatches(header: string | null, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/i.exec(header ?? '')?.[1] ?? '');
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

export function useOperationalEndpoints(o: EndpointOptions): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      const json = (status: number, body: unknown) => endResponse(fetchAPI.Response.json(body, { status, headers: noStore() }));
      switch (url.pathname) {
        case '/healthz':
          return json(200, { ok: true, database: o.databaseKind });
        case '/readyz': {
          const ready = await o.readiness();
          return json(ready.ok ? 200 : 503, ready);
        }
        case '/metrics': {
          if (!o.metricsEnabled) return;
          if (o.metricsToken && !tokenMatches(request.headers.get('authorization'), o.metricsToken)) {
            return endResponse(new fetchAPI.Response('metrics need Authorization: Bearer <EARSHOT_METRICS_TOKEN>\n', { status: 401, headers: { ...noStore(), 'www-authenticate': 'Bearer' } }));
          }
          const text = await o.metrics.registry.metrics();
          return endResponse(new fetchAPI.Response(text, { headers: { ...noStore(), 'content-type': o.metrics.registry.contentType } }));
        }
      }
    },
  };
}
