/** Tests: an observability whose log lines are kept in memory (every level), and samples read from /metrics text. */
import { createObservability, type Observability } from '../observability/index.js';

export interface CapturedLog {
  observability: Observability;
  /** Every line written so far, as text (what a log collector would receive). */
  text(): string;
  records(): Record<string, any>[];
  /** The `request` line of one request id. */
  requestLine(reqId: string): Record<string, any> | undefined;
}

export function captureLog(): CapturedLog {
  const lines: string[] = [];
  const observability = createObservability({ level: 'trace', destination: { write: (line: string) => void lines.push(line) } });
  const records = () => lines.map((l) => JSON.parse(l) as Record<string, any>);
  return {
    observability,
    text: () => lines.join(''),
    records,
    requestLine: (reqId) => records().find((r) => r.msg === 'request' && r.reqId === reqId),
  };
}

/** The value of one sample in Prometheus text (`name{labels} value`), or undefined when absent. */
export function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const want = Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .sort();
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = (m[2] ? m[2].split(/,(?=[a-zA-Z_]+=")/) : []).sort();
    if (have.length === want.length && have.every((l, i) => l === want[i])) return Number(m[3]);
  }
  return undefined;
}
