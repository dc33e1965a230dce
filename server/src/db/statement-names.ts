/**
 * Names for Prisma's SQL statements on PostgreSQL, so each pool connection parses and plans a statement once and
 * then only binds and executes it (pg's `{ name, text, values }`; @prisma/adapter-pg's `statementNameGenerator`).
 * Unnamed, the account card's statement (a dozen lateral joins) was parsed and planned on every request: about
 * 40% of all CPU of a sidebar lookup (issue 12).
 *
 * Bounded: a statement is named from its second use on (one-off statements stay unnamed), and at most
 * `maxNamed` distinct texts are ever named per process, so a backend holds at most that many prepared statements
 * whatever API clients send. The name is a hash of the text (pg refuses one name for two texts).
 * A running server must be restarted after a migration (it is anyway: `serve` checks migrations at start), or
 * PostgreSQL may answer "cached plan must not change result type" for a changed table.
 */
import { createHash } from 'node:crypto';

export interface StatementNamer {
  (query: { sql: string }): string | undefined;
  /** Distinct texts named so far. */
  readonly named: number;
}

export function statementNamer(options: { maxNamed?: number; maxSeen?: number } = {}): StatementNamer {
  const maxNamed = options.maxNamed ?? 200;
  const maxSeen = options.maxSeen ?? 2000;
  // By length first: each request brings its statements as new strings (the card's is ~8 KB), and a Map keyed by
  // the text would hash all of it on every lookup; a length picks one or two candidates to compare instead.
  const names = new Map<number, { sql: string; name: string }[]>();
  let named = 0;
  let seenOnce = new Set<string>();
  const namer = (({ sql }: { sql: string }) => {
    const sameLength = names.get(sql.length);
    if (sameLength) for (const known of sameLength) if (known.sql === sql) return known.name;
    if (named >= maxNamed) return undefined;
    if (!seenOnce.has(sql)) {
      // Forget the once-seen texts now and then rather than keep every one-off statement.
      if (seenOnce.size >= maxSeen) seenOnce = new Set();
      seenOnce.add(sql);
      return undefined;
    }
    seenOnce.delete(sql);
    const name = `es_${createHash('sha256').update(sql).digest('base64url').slice(0, 24)}`;
    if (sameLength) sameLength.push({ sql, name });
    else names.set(sql.length, [{ sql, name }]);
    named += 1;
    return name;
  }) as StatementNamer;
  Object.defineProperty(namer, 'named', { get: () => named });
  return namer;
}
