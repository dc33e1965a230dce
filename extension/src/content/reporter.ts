/**
 * What to tell the service worker after a detect: only what changed. The same PageContext twice is sent once
 * (Gmail re-renders a thread many times a minute); a health report is sent only once it has held for
 * `healthSettleMs` (a record page whose URL changed before its DOM did is not broken, only early), and then once
 * per distinct problem. A failed send is forgotten, so the next detect tries again.
 */
import type { AdapterHealthReport, DetectResult, PageContext } from '@earshot/shared';
import type { Protocol } from '../lib/messages.js';

export type ReportReply = Protocol['context/report']['res'];
export type SendReport = (req: Protocol['context/report']['req']) => Promise<ReportReply>;

export interface ReporterOptions {
  send: SendReport;
  /** Ask for another detect after this many ms (to confirm a health report). */
  recheckIn: (ms: number) => void;
  /** @defaultValue 2500 */
  healthSettleMs?: number;
  now?: () => number;
}

export type ReportOutcome = { sent: false } | { sent: true; reply: ReportReply | null };

const healthKey = (h: AdapterHealthReport) => `${h.site}|${h.pageType}|${h.missing.join(',')}|${h.url}`;
const contextKey = (c: PageContext | null) => JSON.stringify(c);

export function createReporter(options: ReporterOptions) {
  const settleMs = options.healthSettleMs ?? 2500;
  const now = options.now ?? Date.now;
  let lastContext: string | undefined;
  let pendingHealth: { key: string; since: number } | undefined;
  const sentHealth = new Set<string>();

  /** The health report to send now, if this one has held long enough and was not sent before. */
  const confirmedHealth = (health: AdapterHealthReport | undefined): AdapterHealthReport | undefined => {
    if (!health) {
      pendingHealth = undefined;
      return undefined;
    }
    const key = healthKey(health);
    if (sentHealth.has(key)) return undefined;
    if (pendingHealth?.key !== key) {
      pendingHealth = { key, since: now() };
      options.recheckIn(settleMs);
      return undefined;
    }
    if (now() - pendingHealth.since < settleMs) return undefined;
    sentHealth.add(key);
    pendingHealth = undefined;
    return health;
  };

  return {
    /** Send the next context even if unchanged (the worker forgot this tab, e.g. after a back/forward restore). */
    forget() {
      lastContext = undefined;
    },
    async report(result: DetectResult): Promise<ReportOutcome> {
      const health = confirmedHealth(result.health);
      const key = contextKey(result.context);
      if (key === lastContext && !health) return { sent: false };
      lastContext = key;
      try {
        const reply = await options.send(health ? { context: result.context, health } : { context: result.context });
        return { sent: true, reply };
      } catch {
        lastContext = undefined;
        if (health) sentHealth.delete(healthKey(health));
        return { sent: true, reply: null };
      }
    },
  };
}

export type Reporter = ReturnType<typeof createReporter>;
