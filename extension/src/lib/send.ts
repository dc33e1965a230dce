/**
 * The one way pages (panel, popup, options) and the content script talk to the service worker: a typed request
 * from `Protocol`, answered with that message's response type, or a thrown `EarshotRequestError`.
 *
 * On the wire every answer is wrapped (`{ earshot: 'ok', value }` / `{ earshot: 'error', error }`), so an answer
 * whose own shape is `{ ok: false, … }` is never mistaken for a refused request.
 */
import { browser } from 'wxt/browser';
import type { Broadcast, Message, MessageType, Protocol, Response } from './messages.js';

export type WireAnswer<T = unknown> = { earshot: 'ok'; value: T } | { earshot: 'error'; error: string };

/** The service worker refused or failed the request (unknown type, bad shape, wrong sender, internal error). */
export class EarshotRequestError extends Error {
  override name = 'EarshotRequestError';
}

/** Sends `{ type, req }` and resolves with the typed answer. */
export async function send<K extends MessageType>(
  type: K,
  // The request may be left out when all its fields are optional: `send('auth/status')`, `send('tab/state')`.
  ...args: Record<never, never> extends Protocol[K]['req'] ? [req?: Protocol[K]['req']] : [req: Protocol[K]['req']]
): Promise<Response<K>> {
  const message = { type, req: args[0] ?? {} } as Message;
  let answer: unknown;
  try {
    answer = await browser.runtime.sendMessage(message);
  } catch (error) {
    // Chrome: "Could not establish connection" while the worker restarts after an extension update.
    throw new EarshotRequestError(`Earshot background is not reachable: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isWireAnswer(answer)) throw new EarshotRequestError(`No answer to ${type}`);
  if (answer.earshot === 'error') throw new EarshotRequestError(answer.error);
  return answer.value as Response<K>;
}

export function isWireAnswer(value: unknown): value is WireAnswer {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { earshot?: unknown };
  return v.earshot === 'ok' || v.earshot === 'error';
}

const BROADCAST_TYPES: ReadonlySet<string> = new Set<Broadcast['type']>([
  'broadcast/tab-changed',
  'broadcast/queue-changed',
  'broadcast/auth-changed',
  'broadcast/account-changed',
  'broadcast/panel-toggled',
]);

export function isBroadcast(message: unknown): message is Broadcast {
  return typeof message === 'object' && message !== null && BROADCAST_TYPES.has((message as { type?: string }).type ?? '');
}

/**
 * Extension pages: call `listener` for every broadcast from the service worker. Returns the unsubscribe function.
 * The listener never answers (returns nothing), so it cannot shadow the service worker's answer to a request.
 */
export function onBroadcast(listener: (message: Broadcast) => void): () => void {
  const handler = (message: unknown): undefined => {
    if (isBroadcast(message)) listener(message);
    return undefined;
  };
  browser.runtime.onMessage.addListener(handler);
  return () => browser.runtime.onMessage.removeListener(handler);
}
