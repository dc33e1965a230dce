/**
 * Progress of a long CLI pass on stderr: a redrawn bar with rows/s on a terminal, a plain line every few
 * seconds otherwise (CI logs, pipes), and one final line either way.
 */
export interface ProgressSink {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface Progress {
  update(rows: number, fraction: number): void;
  done(rows: number): void;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

export function createProgress(label: string, sink: ProgressSink = process.stderr, options: { plainEveryMs?: number; now?: () => number } = {}): Progress {
  const now = options.now ?? (() => performance.now());
  const tty = !!sink.isTTY;
  const every = tty ? 100 : (options.plainEveryMs ?? 5000);
  const started = now();
  let last = started;
  const rate = (rows: number) => rows / Math.max((now() - started) / 1000, 0.001);
  const line = (rows: number, fraction: number) => {
    const pct = Math.min(100, Math.floor(fraction * 100));
    if (!tty) return `${label}: ${fmt(rows)} rows (${pct}%), ${fmt(rate(rows))} rows/s\n`;
    const width = 24;
    const filled = Math.round((pct / 100) * width);
    return `\r${label} [${'#'.repeat(filled)}${'·'.repeat(width - filled)}] ${String(pct).padStart(3)}%  ${fmt(rows)} rows  ${fmt(rate(rows))} rows/s\u001b[K`;
  };
  return {
    update(rows, fraction) {
      const t = now();
      if (t - last < every) return;
      last = t;
      sink.write(line(rows, fraction));
    },
    done(rows) {
      sink.write(tty ? `${line(rows, 1)}\n` : line(rows, 1));
    },
  };
}
