/**
 * The services' EventBus: publishes to live subscribers (this instance, or all of them through Redis) and turns
 * the event into webhook deliveries. Both are fire-and-record: a failure is logged, never thrown at the
 * mutation or job that raised the event (its change is already committed).
 */
import type { PgBoss } from 'pg-boss';
import type { Prisma } from '../db/client.js';
import type { EventBus } from '../services/index.js';
import { enqueueWebhookDeliveries } from '../webhooks/enqueue.js';
import { accountUpdatedData, alertRaisedData } from '../webhooks/payload.js';
import type { Log } from './log.js';
import type { LiveChannel } from './pubsub.js';

export function createEventBus(prisma: Prisma, channel: LiveChannel, boss: PgBoss, log: Log): EventBus {
  const publish = (what: string, fn: () => void) => {
    try {
      fn();
    } catch (err) {
      log(`live event ${what} not published`, err);
    }
  };
  const webhooks = async (what: string, fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch (err) {
      log(`webhooks for ${what} not enqueued`, err);
    }
  };
  return {
    async alertRaised(alert) {
      publish('alertRaised', () => channel.pubsub.publish('alertRaised', alert));
      await webhooks('alert.raised', () => enqueueWebhookDeliveries(prisma, boss, 'alert.raised', () => alertRaisedData(prisma, alert)));
    },
    async authRevoked(event) {
      publish('authRevoked', () => channel.pubsub.publish('authRevoked', event));
    },
    async accountUpdated(accountId) {
      publish('accountUpdated', () => channel.pubsub.publish('accountUpdated', accountId, { accountId }));
      await webhooks('account.updated', () => enqueueWebhookDeliveries(prisma, boss, 'account.updated', () => accountUpdatedData(prisma, accountId)));
    },
  };
}
