/**
 * Notes taken during a visit, and field signals raised from them with one click (seed 004). addVisitNotes is
 * idempotent by the client's key: the extension's offline capture queue may deliver the same notes twice (or
 * twice at once); one note is kept and both deliveries get it. The first notes mean the meeting took place:
 * PLANNED or BRIEFED becomes HELD.
 */
import { SIGNAL_TYPE_INFO, SIGNAL_TYPES } from '@earshot/shared';
import { z } from 'zod';
import type { Viewer } from '../auth/tokens.js';
import type { Prisma } from '../db/client.js';
import { Prisma as P } from '../generated/prisma/client.js';
import { statusAfterNotes, visitActionRefusal } from '../domain/visit-status.js';
import { badInput, forbidden, notFound } from '../graphql/errors.js';
import { audit } from './audit.js';
import { sourceFor } from './signals.js';
import { CLOCK_SKEW_MS, canChangeVisit, dateSchema, visitAccessSelect, visitForChange } from './visits.js';
import { LIMITS, nonEmpty, validate } from './validation.js';

/** Notes taken offline are delivered late, but not this late. */
export const MAX_NOTE_AGE_DAYS = 30;
const DAY_MS = 86_400_000;

const idempotencyKeySchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._:-]{8,100}$/, 'must be 8–100 characters of letters, digits and ._:-');

export const addVisitNotesSchema = z.object({
  notes: nonEmpty(LIMITS.note),
  idempotencyKey: idempotencyKeySchema.nullish(),
  takenAt: dateSchema
    .refine((d) => d.getTime() <= Date.now() + CLOCK_SKEW_MS, 'must not be in the future')
    .refine((d) => d.getTime() >= Date.now() - MAX_NOTE_AGE_DAYS * DAY_MS, `must be within the last ${MAX_NOTE_AGE_DAYS} days`)
    .nullish(),
});

export const raiseSignalSchema = z.object({
  type: z.enum(SIGNAL_TYPES).refine((t) => SIGNAL_TYPE_INFO[t].capturable, { message: 'is computed from the ledger and cannot be captured by hand' }),
  severity: z.number().int().min(1, 'must be 1, 2 or 3').max(3, 'must be 1, 2 or 3').nullish(),
  excerpt: nonEmpty(LIMITS.note),
  idempotencyKey: idempotencyKeySchema.nullish(),
});

async function noteByKey(prisma: Prisma, visitId: string, key: string) {
  const note = await prisma.visitNote.findUnique({ where: { idempotencyKey: key } });
  if (note && note.visitId !== visitId) throw badInput('input.idempotencyKey: the key was used for notes of another visit', 'input.idempotencyKey');
  return note;
}

export async function addVisitNotes(prisma: Prisma, viewer: Viewer | null, visitId: string, raw: unknown) {
  const input = validate(addVisitNotesSchema, raw);
  const visit = await prisma.visit.findUnique({ where: { id: visitId }, select: visitAccessSelect });
  if (!visit) throw notFound('Visit');
  if (!canChangeVisit(viewer, visit)) throw forbidden('Only the credit team, the visit’s organizer or its attendees can add notes to this visit');
  // A replay answers with the first delivery's note, whatever happened to the visit since.
  const replay = input.idempotencyKey ? await noteByKey(prisma, visitId, input.idempotencyKey) : null;
  if (replay) return { note: replay, accountId: visit.accountId, created: false };
  const refusal = visitActionRefusal(visit.status, 'edit');
  if (refusal) throw badInput(`input.visitId: ${refusal}`, 'input.visitId');
  const takenAt = input.takenAt ?? new Date();
  try {
    const note = await prisma.$transaction(async (tx) => {
      const n = await tx.visitNote.create({
        data: { visitId, authorId: viewer?.userId ?? null, body: input.notes, takenAt, idempotencyKey: input.idempotencyKey ?? null },
      });
      const next = statusAfterNotes(visit.status);
      if (next !== visit.status) await tx.visit.updateMany({ where: { id: visitId, status: { in: ['PLANNED', 'BRIEFED'] } }, data: { status: next, heldAt: takenAt } });
      await audit(tx, viewer, 'visit.addNotes', 'VisitNote', n.id, { accountId: visit.accountId, visitId, length: n.body.length, held: next !== visit.status });
      return n;
    });
    return { note, accountId: visit.accountId, created: true };
  } catch (e) {
    // Two deliveries of the same notes racing: the loser answers with the winner's note.
    if (e instanceof P.PrismaClientKnownRequestError && e.code === 'P2002' && input.idempotencyKey) {
      const existing = await noteByKey(prisma, visitId, input.idempotencyKey);
      if (existing) return { note: existing, accountId: visit.accountId, created: false };
    }
    throw e;
  }
}

/**
 * A field signal from words of a note: the excerpt must be in the note; observed when the note was taken;
 * SALES for a SALES author's note, else CREDIT. Idempotent by key like createSignal.
 */
export async function raiseSignalFromVisitNote(prisma: Prisma, viewer: Viewer | null, visitNoteId: string, raw: unknown) {
  const input = validate(raiseSignalSchema, raw);
  const note = await prisma.visitNote.findUnique({
    where: { id: visitNoteId },
    include: { author: { select: { role: true } }, visit: { select: visitAccessSelect } },
  });
  if (!note) throw notFound('VisitNote');
  // Who may, first: a replay answers only those who could have made the signal.
  if (!canChangeVisit(viewer, note.visit)) throw forbidden('Only the credit team, the visit’s organizer or its attendees can raise signals from its notes');
  if (input.idempotencyKey) {
    const existing = await prisma.signal.findUnique({ where: { idempotencyKey: input.idempotencyKey } });
    if (existing) {
      if (existing.visitNoteId !== visitNoteId) throw badInput('input.idempotencyKey: the key was used for another signal', 'input.idempotencyKey');
      return { signal: existing, created: false };
    }
  }
  const visit = await visitForChange(prisma, viewer, note.visitId, 'edit', 'input.visitNoteId');
  if (!note.body.includes(input.excerpt)) throw badInput('input.excerpt: must be words of the note, as written', 'input.excerpt');
  const info = SIGNAL_TYPE_INFO[input.type];
  const source = note.author ? (note.author.role === 'SALES' ? 'SALES' : 'CREDIT') : sourceFor(viewer) === 'SALES' ? 'SALES' : 'CREDIT';
  try {
    const signal = await prisma.$transaction(async (tx) => {
      const s = await tx.signal.create({
        data: {
          accountId: visit.accountId,
          type: input.type,
          severity: input.severity ?? info.defaultSeverity,
          sentiment: info.sentiment,
          source,
          authorId: viewer?.userId ?? null,
          observedAt: note.takenAt,
          note: input.excerpt,
          idempotencyKey: input.idempotencyKey ?? null,
          visitId: visit.id,
          visitNoteId: note.id,
        },
      });
      await audit(tx, viewer, 'signal.create', 'Signal', s.id, { accountId: visit.accountId, type: s.type, severity: s.severity, visitId: visit.id, visitNoteId: note.id });
      return s;
    });
    return { signal, created: true };
  } catch (e) {
    if (e instanceof P.PrismaClientKnownRequestError && e.code === 'P2002' && input.idempotencyKey) {
      const existing = await prisma.signal.findUnique({ where: { idempotencyKey: input.idempotencyKey } });
      if (existing) return { signal: existing, created: false };
    }
    throw e;
  }
}
