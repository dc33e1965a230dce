/**
 * A GraphQL subscription over Server-Sent Events, as a browser would hold it: the stream is read continuously
 * (yoga starts listening for events only once the client reads), and `next()` waits for the next
 * `event: next` payload with a bounded timeout.
 */
export interface SseSubscription {
  /** The next `event: next` payload ({ data, errors }); rejects after `timeoutMs`. */
  next<T = Record<string, any>>(timeoutMs?: number): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }>;
  close(): Promise<void>;
}

type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export async function subscribeSse(fetchFn: FetchLike, url: string, query: string, variables: Record<string, unknown>, token: string | null): Promise<SseSubscription> {
  const abort = new AbortController();
  const res = await fetchFn(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
    signal: abort.signal,
  });
  if (!res.headers.get('content-type')?.includes('text/event-stream') || !res.body) {
    const text = await res.text();
    throw Object.assign(new Error(`not an event stream (${res.status}): ${text}`), { status: res.status, body: text });
  }
  const reader = res.body.getReader();
  const events: unknown[] = [];
  let ended: Error | null = null;
  // An object, not a `let`: TypeScript narrows a `let` across the immediately invoked pump below.
  const waiter: { wake: (() => void) | null } = { wake: null };

  const pump = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: ?(.*)$/m.exec(block)?.[1];
          if (event === 'next' && data) events.push(JSON.parse(data));
          if (event === 'complete') ended = new Error('subscription completed');
        }
        waiter.wake?.();
      }
      ended ??= new Error('stream ended');
    } catch (err) {
      ended = err as Error;
    }
    waiter.wake?.();
  })();

  return {
    async next(timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (events.length) return events.shift() as never;
        if (ended) throw ended;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no event within ${timeoutMs} ms`);
        let timer: NodeJS.Timeout | undefined;
        await new Promise<void>((resolve) => {
          waiter.wake = resolve;
          timer = setTimeout(resolve, left);
        });
        clearTimeout(timer);
        waiter.wake = null;
      }
    },
    async close() {
      abort.abort();
      await reader.cancel().catch(() => {});
      await pump;
    },
  };
}
