/** The logger's own guards: redacted keys, database errors without their data-bearing messages, the pretty format. */
import { describe, expect, it } from 'vitest';
import { createLogger, serializeError } from './logger.js';

function capture(format: 'json' | 'pretty' = 'json') {
  const lines: string[] = [];
  const logger = createLogger({ level: 'info', format, destination: { write: (line: string) => void lines.push(line) } });
  return { logger, lines };
}

describe('log lines', () => {
  it('drops secret-bearing keys wherever a caller puts them', () => {
    const { logger, lines } = capture();
    logger.info({ headers: { authorization: 'Bearer abc123secret', cookie: 'sid=s3cr3t', accept: 'text/plain' }, input: { password: 'hunter2-pass', token: 'tok-999' }, variables: { limit: '4242.42' } }, 'careless');
    expect(lines.join('')).not.toMatch(/abc123secret|s3cr3t|hunter2-pass|tok-999|4242\.42/);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'info', service: 'earshot', msg: 'careless', headers: { accept: 'text/plain' } });
  });

  it('logs database errors by kind and code, not by their message, and keeps the cause chain', () => {
    const prismaError = Object.assign(new Error('Invalid `prisma.account.update()` invocation: creditLimit: 987654.32'), { name: 'PrismaClientKnownRequestError', code: 'P2002' });
    const pgError = Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505', detail: 'Key (limit)=(13579.24) already exists.' });
    const s = serializeError(new Error('recompute failed', { cause: prismaError }));
    expect(s).toMatchObject({ type: 'Error', message: 'recompute failed', cause: { type: 'PrismaClientKnownRequestError', code: 'P2002' } });
    expect(serializeError(pgError)).toMatchObject({ code: '23505' });
    expect(JSON.stringify([s, serializeError(pgError)])).not.toMatch(/987654|13579/);
    expect(serializeError('a string')).toEqual({ type: 'string', message: 'a string' });
  });

  it('writes one readable line per entry with EARSHOT_LOG_FORMAT=pretty', () => {
    const { logger, lines } = capture('pretty');
    logger.warn({ reqId: 'r-1', status: 401 }, 'request');
    expect(lines.join('')).toMatch(/^\d\d:\d\d:\d\d\.\d{3} WARN {2}request {2}reqId=r-1 status=401\n$/);
  });
});
