/**
 * A stand-in for the service worker in component tests: `answer({...})` routes each `send(type, req)` to a
 * handler, and records every call. Use with `vi.mock('@/lib/send', mockSendModule)` at the top of a test file.
 */
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Broadcast, MessageType, Protocol, Response } from '@/lib/messages';
import { send } from '@/lib/send';

type Handler<K extends MessageType> = (req: Protocol[K]['req']) => Response<K> | Promise<Response<K>>;
export type Handlers = { [K in MessageType]?: Handler<K> };

/** The module factory: the real `onBroadcast` (it runs on the fake browser), a mocked `send`. */
export async function mockSendModule(importOriginal: () => Promise<unknown>) {
  const real = (await importOriginal()) as typeof import('@/lib/send');
  return { ...real, send: vi.fn() };
}

export function answer(handlers: Handlers) {
  const mocked = vi.mocked(send);
  mocked.mockReset();
  mocked.mockImplementation(((type: MessageType, req?: unknown) => {
    const handler = handlers[type] as ((req: unknown) => unknown) | undefined;
    if (!handler) return Promise.reject(new Error(`unexpected ${type}`));
    try {
      return Promise.resolve(handler(req ?? {}));
    } catch (error) {
      return Promise.reject(error);
    }
  }) as typeof send);
  return mocked;
}

/** The requests sent of one type, in order. */
export function calls<K extends MessageType>(type: K): Protocol[K]['req'][] {
  return vi
    .mocked(send)
    .mock.calls.filter((c) => c[0] === type)
    .map((c) => (c[1] ?? {}) as Protocol[K]['req']);
}

/** A promise that never settles: the state while the service worker has not answered yet. */
export function never<T>(): Promise<T> {
  return new Promise<T>(() => undefined);
}

/** The service worker's broadcast, as extension pages receive it. */
export async function broadcast(message: Broadcast): Promise<void> {
  await fakeBrowser.runtime.onMessage.trigger(message, { id: fakeBrowser.runtime.id }, () => undefined);
}
