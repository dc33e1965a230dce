/**
 * What a CLI command talks to: its output, its user's terminal (password prompts, Ctrl-C) and the folder it
 * was run from. `processIO()` is this process's own; the admin socket (cli/admin-socket.ts) builds one that
 * streams to the `pnpm earshot` process on the other end, so a command prints the same wherever it runs.
 */
import type { ProgressSink } from '../ledger/progress.js';

export interface CliIO {
  /** One line on standard output. */
  out(line: string): void;
  /** One line on standard error. */
  err(line: string): void;
  /** Standard error as a stream, for progress bars (redrawn on a terminal). */
  progress: ProgressSink;
  /** The folder the user ran the command from: relative paths in arguments are resolved against it. */
  cwd: string;
  /**
   * A secret (a password): typed on the terminal without echo, else one line of standard input. null when
   * there is nothing (empty input, end of input).
   */
  readSecret(prompt: string, opts?: { confirm?: boolean }): Promise<string | null>;
  /** Ctrl-C on the user's terminal; returns a function that stops listening. */
  onInterrupt(cb: () => void): () => void;
}

/** pnpm runs package scripts in the package's folder (server/) and says where it was called from in INIT_CWD. */
export function userCwd(env: NodeJS.ProcessEnv = process.env): string {
  return env.INIT_CWD || process.cwd();
}

let stdinLines: AsyncIterator<string> | null = null;
let stdinBuffer = '';
let stdinEnded = false;

/** One line of standard input (without the line end), or null at its end. */
async function readStdinLine(): Promise<string | null> {
  for (;;) {
    const nl = stdinBuffer.indexOf('\n');
    if (nl >= 0) {
      const line = stdinBuffer.slice(0, nl).replace(/\r$/, '');
      stdinBuffer = stdinBuffer.slice(nl + 1);
      return line;
    }
    if (stdinEnded) {
      const rest = stdinBuffer;
      stdinBuffer = '';
      return rest ? rest : null;
    }
    stdinLines ??= (process.stdin.setEncoding('utf8') as AsyncIterable<string>)[Symbol.asyncIterator]();
    const next = await stdinLines.next();
    if (next.done) stdinEnded = true;
    else stdinBuffer += next.value;
  }
}

/** Reads a line on the terminal without echoing it (raw mode); Ctrl-C aborts. */
function readHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let value = '';
    stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    stdin.resume();
    const done = (err?: Error) => {
      stdin.removeListener('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done();
        if (ch === '\u0003') return done(Object.assign(new Error('interrupted'), { exitCode: 130 }));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** The secret reader of the process the user typed the command in (also used by the socket client). */
export async function readSecretHere(prompt: string, opts: { confirm?: boolean } = {}): Promise<string | null> {
  if (!process.stdin.isTTY) return (await readStdinLine()) || null;
  const first = await readHidden(prompt);
  if (!first) return null;
  if (opts.confirm && (await readHidden('Again, to confirm: ')) !== first) throw Object.assign(new Error('the two entries differ; nothing was changed'), { usage: true });
  return first;
}

export function processIO(): CliIO {
  return {
    out: (line) => void process.stdout.write(`${line}\n`),
    err: (line) => void process.stderr.write(`${line}\n`),
    progress: process.stderr,
    cwd: userCwd(),
    readSecret: readSecretHere,
    onInterrupt(cb) {
      process.on('SIGINT', cb);
      return () => void process.removeListener('SIGINT', cb);
    },
  };
}
