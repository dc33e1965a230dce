import { SIGNAL_TYPE_INFO } from '@earshot/shared';
import { endsSentence } from '../format/labels';
import type { CaptureOutcome } from './capture-outcome';

/** The live line under the capture form: sent, saved for later, or not saved. */
export function CaptureStatus({ outcome }: { outcome: CaptureOutcome | null }) {
  let text = '';
  if (outcome?.status === 'sent') text = `Sent: ${SIGNAL_TYPE_INFO[outcome.type].label} for ${outcome.accountName}${endsSentence(outcome.accountName) ? '' : '.'}`;
  if (outcome?.status === 'pending')
    text = `Saved: ${SIGNAL_TYPE_INFO[outcome.type].label} for ${outcome.accountName}, will send when the server is back.`;
  if (outcome?.status === 'failed') text = `Not saved: ${outcome.message}`;
  return (
    <p class="capture__status" data-testid="capture-status" data-status={outcome?.status ?? 'idle'} role="status">
      {text}
    </p>
  );
}
