/**
 * graphql-yoga's own messages (an error thrown outside execution, e.g. while building the context) on our
 * logger instead of the console. The error itself goes through `serializeError` (no data-bearing messages).
 */
import type { YogaLogger } from 'graphql-yoga';
import type { Logger } from './logger.js';

export function yogaLogger(logger: Logger): YogaLogger {
  const child = logger.child({ component: 'yoga' });
  const at =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...args: unknown[]) => {
      const err = args.find((a) => a instanceof Error);
      const message = args.filter((a) => typeof a === 'string').join(' ') || (err ? 'unexpected error' : '');
      if (err) child[level]({ err }, message);
      else child[level](message);
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
