/**
 * Loaded into a server under `pnpm bench lookup-cpu` (`node --import ./bench/lookup-probe.mjs …`, Earshot's build or
 * the raw baseline): counts the SQL statements the process sends through `pg` and, on SIGUSR2, writes what it measured
 * of itself to `$LOOKUP_PROBE_DIR/<pid>.json`: CPU time (process.cpuUsage), memory (process.memoryUsage, V8's heap
 * spaces, /proc smaps_rollup), statements sent (the job queue's apart). A file `<pid>.cmd` beside it, if present,
 * asks for more first: `gc` (a full collection; node needs --expose-gc), `snapshot` (a heap snapshot into the
 * directory). Plain JavaScript: the build runs under plain `node`.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import v8 from 'node:v8';

const dir = process.env.LOOKUP_PROBE_DIR;
if (dir) {
  // The same module instance the server's pool uses (pg is CommonJS: one entry in the require cache).
  const pg = createRequire(import.meta.url)('pg');
  const statements = { requests: 0, jobs: 0 };
  /** Statement texts of the requests (not the job queue's) and how often each was sent. */
  const texts = new Map();
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function probedQuery(config, ...rest) {
    const text = typeof config === 'string' ? config : (config?.text ?? '');
    if (/pgboss/.test(text)) statements.jobs++;
    else {
      statements.requests++;
      const key = text.replace(/\s+/g, ' ').slice(0, 160);
      texts.set(key, (texts.get(key) ?? 0) + 1);
    }
    return query.call(this, config, ...rest);
  };
  const smaps = () => {
    try {
      const out = {};
      for (const line of fs.readFileSync('/proc/self/smaps_rollup', 'utf8').split('\n')) {
        const m = /^(\w+):\s+(\d+) kB/.exec(line);
        if (m) out[m[1]] = Number(m[2]) * 1024;
      }
      return out;
    } catch {
      return {};
    }
  };
  process.on('SIGUSR2', () => {
    const file = path.join(dir, `${process.pid}.json`);
    const cmdFile = path.join(dir, `${process.pid}.cmd`);
    const cmd = fs.existsSync(cmdFile) ? fs.readFileSync(cmdFile, 'utf8').trim().split(/\s+/) : [];
    fs.rmSync(cmdFile, { force: true });
    if (cmd.includes('gc') && typeof globalThis.gc === 'function') globalThis.gc();
    let snapshot = null;
    if (cmd.includes('snapshot')) snapshot = v8.writeHeapSnapshot(path.join(dir, `${process.pid}-${Date.now()}.heapsnapshot`));
    const report = {
      cpu: process.cpuUsage(),
      memory: process.memoryUsage(),
      heapSpaces: Object.fromEntries(v8.getHeapSpaceStatistics().map((s) => [s.space_name, s.space_used_size])),
      smaps: smaps(),
      statements: { ...statements },
      texts: [...texts].sort((a, b) => b[1] - a[1]).slice(0, 40),
      snapshot,
    };
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(report));
    fs.renameSync(`${file}.tmp`, file);
  });
}
