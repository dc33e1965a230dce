/** A CliIO that records what a command prints and answers its password prompts from a list. */
import type { CliIO } from '../cli/io.js';

export interface CapturedIO extends CliIO {
  stdout: string[];
  stderr: string[];
  /** Prompts the command asked (answered from `secrets`, in order; null when the list is exhausted). */
  prompts: string[];
  secrets: (string | null)[];
  reset(): void;
}

export function captureIO(opts: { cwd?: string; secrets?: (string | null)[] } = {}): CapturedIO {
  const io: CapturedIO = {
    stdout: [],
    stderr: [],
    prompts: [],
    secrets: [...(opts.secrets ?? [])],
    out: (line) => void io.stdout.push(line),
    err: (line) => void io.stderr.push(line),
    progress: { isTTY: false, write: (s: string) => void io.stderr.push(s.replace(/\n$/, '')) },
    cwd: opts.cwd ?? process.cwd(),
    readSecret: async (prompt) => {
      io.prompts.push(prompt);
      return io.secrets.length ? (io.secrets.shift() ?? null) : null;
    },
    onInterrupt: () => () => {},
    reset() {
      io.stdout = [];
      io.stderr = [];
      io.prompts = [];
    },
  };
  return io;
}
