/**
 * How the capture queue sends one item: a signal through `CreateSignal`, visit notes through `PanelAddVisitNotes`
 * (worker-only operations), each with the item's idempotency key so a second attempt makes nothing twice.
 */
import type { OperationName } from '@earshot/shared';
import type { DeliveryResult, QueuedCapture } from './capture-queue.js';
import type { FailureKind, OperationOutcome } from './graphql.js';
import type { OperationData } from './operation-types.js';

export type RunOperation = <N extends OperationName>(name: N, variables: Record<string, unknown>) => Promise<OperationOutcome<OperationData[N]>>;

export function captureDelivery(run: RunOperation): (capture: QueuedCapture) => Promise<DeliveryResult> {
  return async (capture) => {
    if (capture.kind === 'visitNotes') {
      const { visitId, notes, idempotencyKey, takenAt } = capture;
      const outcome = await run('PanelAddVisitNotes', { input: { visitId, notes, idempotencyKey, takenAt } });
      return outcome.ok ? { ok: true, flags: outcome.data.addVisitNotes.flags } : failure(outcome);
    }
    const input: Record<string, unknown> = {
      accountId: capture.accountId,
      type: capture.type,
      severity: capture.severity,
      observedAt: capture.observedAt,
      idempotencyKey: capture.idempotencyKey,
    };
    if (capture.note.trim()) input.note = capture.note;
    if (capture.sourceUrl) input.sourceUrl = capture.sourceUrl;
    const outcome = await run('CreateSignal', { input });
    return outcome.ok ? { ok: true } : failure(outcome);
  };
}

function failure(outcome: { kind: FailureKind; message: string }): DeliveryResult {
  return { ok: false, kind: outcome.kind, message: outcome.message };
}
