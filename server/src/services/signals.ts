/** Field signals and notes. A signal's idempotency key makes a retried capture create one signal, never two. */
import { NOTE_VISIBILITIES, SIGNAL_STATUSES, SIGNAL_TYPE_INFO, SIGNAL_TYPES, type SignalSource } from '@earshot/shared';
import { z } from 'zod';
import { isCreditViewer, seesCreditFigures, type Viewer } from '../auth/tokens.js';
import type { Prisma } from '../db/client.js';
import { Prisma as P } from '../generated/prisma/client.js';
import { badInput, forbidden, notFound } from '../graphql/errors.js';
import { audit } from './audit.js';
import { LIMITS, optionalText, urlSchema, validate } from './validation.js';

const MAX_FUTURE_MS = 24 * 3600_000;

export const createSignalSchema = z.object({
  type: z.enum(SIGNAL_TYPES).refine((t) => SIGNAL_TYPE_INFO[t].capturable, {
    message: 'is computed from the ledger and cannot be captured by hand',
  }),
  severity: z.number().int().min(1, 'must be 1, 2 or 3').max(3, 'must be 1, 2 or 3').nullish(),
  note: optionalText(LIMITS.note),
  observedAt: z
    .date()
    .refine((d) => d.getTime() <= Date.now() + MAX_FUTURE_MS, 'must not be in the future')
    .refine((d) => d.getFullYear() >= 2000, 'must be after 2000')
    .nullish(),
  sourceUrl: urlSchema.nullish(),
  idempotencyKey: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._:-]{8,100}$/, 'must be 8–100 characters of letters, digits and ._:-')
    .nullish(),
});

export function sourceFor(viewer: Viewer | null): SignalSource {
  if (viewer?.tokenKind === 'API') return 'IMPORT';
  return viewer?.role === 'SALES' ? 'SALES' : 'CREDIT';
}

export async function createSignal(prisma: Prisma, viewer: Viewer | null, accountId: string, raw: unknown) {
  const input = validate(createSignalSchema, raw);
  if (input.idempotencyKey) {
    const existing = await prisma.signal.findUnique({ where: { idempotencyKey: input.idempotencyKey } });
    if (existing) return { signal: existing, created: false };
  }
  const account = await prisma.account.findUnique({ where: { id: accountId }, select: { id: true } });
  if (!account) throw notFound('Account');
  const info = SIGNAL_TYPE_INFO[input.type];
  try {
    const signal = await prisma.$transaction(async (tx) => {
      const s = await tx.signal.create({
        data: {
          accountId,
          type: input.type,
          severity: input.severity ?? info.defaultSeverity,
          sentiment: info.sentiment,
          source: sourceFor(viewer),
          authorId: viewer?.userId ?? null,
          observedAt: input.observedAt ?? new Date(),
          note: input.note,
          sourceUrl: input.sourceUrl ?? null,
          idempotencyKey: input.idempotencyKey ?? null,
        },
      });
      await audit(tx, viewer, 'signal.create', 'Signal', s.id, { accountId, type: s.type, severity: s.severity });
      return s;
    });
    return { signal, created: true };
  } catch (e) {
    // Two deliveries of the same capture racing: the loser returns the winner's signal.
    if (e instanceof P.PrismaClientKnownRequestError && e.code === 'P2002' && input.idempotencyKey) {
      const existing = await prisma.signal.findUnique({ where: { idempotencyKey: input.idempotencyKey } });
      if (existing) return { signal: existing, created: false };
    }
    throw e;
  }
}

export const signalStatusSchema = z.enum(SIGNAL_STATUSES);

export async function updateSignalStatus(prisma: Prisma, viewer: Viewer | null, id: string, rawStatus: unknown) {
  const status = validate(signalStatusSchema, rawStatus, 'input.status');
  const signal = await prisma.signal.findUnique({ where: { id } });
  if (!signal) throw notFound('Signal');
  // The credit team triages every signal; a salesperson may update their own.
  if (!isCreditViewer(viewer) && signal.authorId !== viewer?.userId) throw forbidden('Only the credit team or the author can change this signal');
  return prisma.$transaction(async (tx) => {
    const s = await tx.signal.update({ where: { id }, data: { status } });
    await audit(tx, viewer, 'signal.updateStatus', 'Signal', id, { from: signal.status, to: status });
    return s;
  });
}

export const addNoteSchema = z.object({
  body: z.string().trim().min(1, 'must not be empty').max(LIMITS.note, `must be at most ${LIMITS.note} characters`),
  visibility: z.enum(NOTE_VISIBILITIES).default('ALL'),
});

export async function addNote(prisma: Prisma, viewer: Viewer | null, accountId: string, raw: unknown) {
  const input = validate(addNoteSchema, raw);
  // Whoever writes a CREDIT_ONLY note must be able to read it back (a CREDIT token without ledger:read may not).
  if (input.visibility === 'CREDIT_ONLY' && !seesCreditFigures(viewer)) {
    throw badInput('input.visibility: only the credit team can write CREDIT_ONLY notes', 'input.visibility');
  }
  const account = await prisma.account.findUnique({ where: { id: accountId }, select: { id: true } });
  if (!account) throw notFound('Account');
  return prisma.$transaction(async (tx) => {
    const note = await tx.note.create({ data: { accountId, body: input.body, visibility: input.visibility, authorId: viewer?.userId ?? null } });
    await audit(tx, viewer, 'note.create', 'Note', note.id, { accountId, visibility: note.visibility });
    return note;
  });
}
