/** Creating and deleting webhooks (ADMIN only; the GraphQL layer checks the role). Audited. */
import type { Viewer } from '../auth/tokens.js';
import type { Prisma } from '../db/client.js';
import { audit } from '../services/audit.js';
import { WEBHOOK_EVENTS, type WebhookEventName } from './payload.js';
import { newWebhookSecret } from './signature.js';
import { checkWebhookUrl, WebhookUrlError, type WebhookUrlPolicy } from './url-policy.js';

export { WebhookUrlError };

export async function createWebhook(
  prisma: Prisma,
  viewer: Viewer | null,
  input: { url: string; events: WebhookEventName[] },
  policy: WebhookUrlPolicy,
): Promise<{ id: string; secret: string }> {
  const events = [...new Set(input.events)].filter((e) => (WEBHOOK_EVENTS as readonly string[]).includes(e));
  if (!events.length) throw new WebhookUrlError('Choose at least one event');
  const url = await checkWebhookUrl(input.url, policy);
  const secret = newWebhookSecret();
  const hook = await prisma.$transaction(async (tx) => {
    const created = await tx.webhook.create({ data: { url, events, secret, createdById: viewer?.userId ?? null }, select: { id: true } });
    // The host only: webhook URLs often carry a token in the path or query.
    await audit(tx, viewer, 'webhook.create', 'Webhook', created.id, { host: new URL(url).host, events });
    return created;
  });
  return { id: hook.id, secret };
}

/** Deletes the webhook and its delivery log; pending deliveries find nothing and stop. False when unknown. */
export async function deleteWebhook(prisma: Prisma, viewer: Viewer | null, id: string): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.webhook.deleteMany({ where: { id } });
    if (count) await audit(tx, viewer, 'webhook.delete', 'Webhook', id);
    return count > 0;
  });
}
