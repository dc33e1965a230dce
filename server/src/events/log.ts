/** Where background parts (jobs, live events, webhooks) report what went wrong; they never throw at the caller. */
export type Log = (message: string, err?: unknown) => void;

export const consoleLog: Log = (message, err) => {
  console.error(err === undefined ? message : `${message}: ${err instanceof Error ? err.message : String(err)}`);
};
