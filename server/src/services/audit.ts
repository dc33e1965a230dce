import type { Prisma as Db } from '../db/client.js';
import type { Prisma } from '../generated/prisma/client.js';

type Tx = Pick<Db, 'auditEvent'>;

/** Records who did what, when. Call inside the mutation's transaction so the change and its record commit together. */
export async function audit(
  tx: Tx,
  /** The viewer, or who it is about to be (signIn). */
  viewer: { userId: string; tokenId?: string | null } | null,
  action: string,
  entityType: string,
  entityId: string | null,
  data: Record<string, unknown> = {},
): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: viewer?.userId ?? null,
      tokenId: viewer?.tokenId ?? null,
      action,
      entityType,
      entityId,
      data: JSON.parse(JSON.stringify(data)) as Prisma.InputJsonValue,
    },
  });
}
