/** Logs and metrics of one server instance (README "Observability"): shared by its app, jobs, webhooks and live events. */
import { createLogger, type Logger, type LoggerOptions } from './logger.js';
import { createMetrics, type Metrics } from './metrics.js';

export interface Observability {
  logger: Logger;
  metrics: Metrics;
}

export interface ObservabilityOptions extends LoggerOptions {
  /** prom-client's process metrics (CPU, memory, event loop, GC); default true. */
  defaultMetrics?: boolean;
}

/** Default: a silent logger (library use and tests); `pnpm earshot serve` passes the configured level. */
export function createObservability(options: ObservabilityOptions = { level: 'silent' }): Observability {
  return { logger: createLogger(options), metrics: createMetrics({ defaultMetrics: options.defaultMetrics ?? true }) };
}
