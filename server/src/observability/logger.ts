/**
 * Structured JSON logs (pino), one logger per server instance. What never reaches a log line: Authorization
 * headers, cookies, passwords, tokens, GraphQL variables and response bodies (no code passes them; the redact
 * list below is the second line of defence), and the messages of database errors — Prisma's name the query's
 * arguments and PostgreSQL's `detail` names key values, which may be credit figures: those errors log their
 * kind and code only (`serializeError`).
 */
import { Writable } from 'node:stream';
import pino, { type DestinationStream, type Logger } from 'pino';
import type { Log } from '../events/log.js';

export type { Logger } from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogFormat = 'json' | 'pretty';

export interface LoggerOptions {
  level?: LogLevel;
  format?: LogFormat;
  /** Where lines go (default stdout); tests pass a buffer. */
  destination?: DestinationStream;
}

/** Keys removed wherever they appear in a logged object (one or two levels deep). */
const REDACTED_KEYS = ['authorization', 'cookie', 'set-cookie', 'password', 'newPassword', 'token', 'secret', 'variables', 'body'];
const REDACT_PATHS = [...REDACTED_KEYS, ...REDACTED_KEYS.map((k) => `*.${k}`), ...REDACTED_KEYS.map((k) => `*.*.${k}`)].map((p) =>
  p.includes('-') ? p.replace(/([^.*]+-[^.]+)$/, '["$1"]') : p,
);

export function createLogger(options: LoggerOptions = {}): Logger {
  const destination = options.format === 'pretty' ? prettyStream(options.destination ?? process.stdout) : (options.destination ?? process.stdout);
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: 'earshot' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: serializeError },
      redact: { paths: REDACT_PATHS, remove: true },
    },
    destination,
  );
}

export interface SerializedError {
  type: string;
  message: string;
  code?: string | number;
  stack?: string;
  cause?: SerializedError;
  errors?: SerializedError[];
}

const MAX_DEPTH = 5;

/** Errors whose message may carry data (query arguments, key values): only their kind and code are logged. */
function messageMayCarryData(err: Error): boolean {
  return err.name.startsWith('PrismaClient') || err.constructor?.name === 'DatabaseError' || 'detail' in err;
}

/** An error with its `cause` chain (and an AggregateError's errors), stack frames included, no data-bearing messages. */
export function serializeError(value: unknown, depth = 0): SerializedError {
  if (!(value instanceof Error)) return { type: typeof value, message: typeof value === 'string' ? value : 'non-error thrown' };
  const code = (value as { code?: unknown }).code;
  const out: SerializedError = { type: value.name || value.constructor?.name || 'Error', message: value.message };
  if (typeof code === 'string' || typeof code === 'number') out.code = code;
  const frames = value.stack?.split('\n').filter((l) => /^\s+at /.test(l));
  if (messageMayCarryData(value)) out.message = `${out.type}${out.code ? ` ${out.code}` : ''} (message withheld: it may carry data)`;
  if (frames?.length) out.stack = frames.map((l) => l.trim()).join('\n');
  if (depth < MAX_DEPTH && value.cause !== undefined) out.cause = serializeError(value.cause, depth + 1);
  if (depth < MAX_DEPTH && value instanceof AggregateError) out.errors = value.errors.slice(0, 10).map((e) => serializeError(e, depth + 1));
  return out;
}

/** The background parts' `Log` (message + error) on a logger: an error line with the cause chain. */
export function logOf(logger: Logger): Log {
  return (message, err) => {
    if (err === undefined) logger.error(message);
    else logger.error({ err }, message);
  };
}

/**
 * EARSHOT_LOG_FORMAT=pretty without a dependency: `12:00:01.234 INFO  message key=value` per line, for a person
 * watching a terminal. Not for collection (JSON is).
 */
function prettyStream(out: DestinationStream): DestinationStream {
  return new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line) continue;
        try {
          const { time, level, msg, service: _s, ...rest } = JSON.parse(line) as Record<string, unknown>;
          const fields = Object.entries(rest).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
          out.write(`${String(time).slice(11, 23)} ${String(level).toUpperCase().padEnd(5)} ${msg ?? ''}${fields.length ? `  ${fields.join(' ')}` : ''}\n`);
        } catch {
          out.write(`${line}\n`);
        }
      }
      done();
    },
  });
}
