import { describe, expect, it } from 'vitest';
import { TEST_REDIS_URL, waitFor } from '../test-support/delivery.js';
import { createLiveChannel, type LiveChannel } from './pubsub.js';

const alert = { id: 'a1', accountId: 'c1', rule: 'OVERDUE', severity: 2, title: 'Overdue', status: 'OPEN' };

async function firstEvent<T>(iterator: AsyncIterator<T>, timeoutMs = 3_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('no event')), timeoutMs);
  });
  try {
    return (await Promise.race([iterator.next(), timeout])).value as T;
  } finally {
    clearTimeout(timer);
  }
}

describe('live channel in memory', () => {
  it('publishes alertRaised and accountUpdated:<id>, and counts local listeners', async () => {
    const channel = createLiveChannel();
    await channel.connect();
    const alerts = channel.pubsub.subscribe('alertRaised')[Symbol.asyncIterator]();
    const updates = channel.pubsub.subscribe('accountUpdated', 'c1')[Symbol.asyncIterator]();
    const gotAlert = firstEvent(alerts);
    const gotUpdate = firstEvent(updates);
    expect(channel.localListeners('alertRaised')).toBe(1);
    expect(channel.localListeners('accountUpdated:c1')).toBe(1);
    channel.pubsub.publish('accountUpdated', 'c2', { accountId: 'c2' });
    channel.pubsub.publish('accountUpdated', 'c1', { accountId: 'c1' });
    channel.pubsub.publish('alertRaised', alert);
    expect(await gotAlert).toEqual(alert);
    expect(await gotUpdate).toEqual({ accountId: 'c1' });
    await alerts.return?.();
    await updates.return?.();
    expect(channel.localListeners('alertRaised')).toBe(0);
    await channel.close();
  });
});

describe('live channel on Redis', () => {
  it('fails fast at start when Redis is unreachable, without the password in the message', async () => {
    const channel = createLiveChannel({ redisUrl: 'redis://:hunter2@127.0.0.1:1', onError: () => {} });
    const started = Date.now();
    const err = await channel.connect().then(
      () => null,
      (e: Error) => e,
    );
    expect(err?.message).toContain('Cannot connect to Redis at redis://:***@127.0.0.1:1');
    expect(err?.message).not.toContain('hunter2');
    expect(Date.now() - started).toBeLessThan(6_000);
    await channel.close();
  });

  it.skipIf(!TEST_REDIS_URL)('crosses channels with the same prefix only', async () => {
    const prefix = `earshot-pubsub-test-${process.pid}-${Date.now()}:`;
    const open: LiveChannel[] = [];
    const make = async (p: string) => {
      const c = createLiveChannel({ redisUrl: TEST_REDIS_URL, channelPrefix: p });
      await c.connect();
      open.push(c);
      return c;
    };
    try {
      const publisher = await make(prefix);
      const same = await make(prefix);
      const other = await make(`${prefix}other:`);
      const sameIt = same.pubsub.subscribe('alertRaised')[Symbol.asyncIterator]();
      const otherIt = other.pubsub.subscribe('alertRaised')[Symbol.asyncIterator]();
      const gotSame = firstEvent(sameIt);
      const gotOther = firstEvent(otherIt, 1_000).catch((e: Error) => e.message);
      // SUBSCRIBE is sent without waiting for it: publish until the subscriber has it (bounded).
      await waitFor('event across Redis', async () => {
        publisher.pubsub.publish('alertRaised', alert);
        return Promise.race([gotSame, new Promise((r) => setTimeout(() => r(null), 100))]);
      });
      expect(await gotSame).toEqual(alert);
      expect(await gotOther).toBe('no event');
      await sameIt.return?.();
      await otherIt.return?.();
    } finally {
      await Promise.all(open.map((c) => c.close()));
    }
  });
});
