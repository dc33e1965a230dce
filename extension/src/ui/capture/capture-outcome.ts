import type { SignalType } from '@earshot/shared';

/** What happened to a capture: delivered now, queued for later, or refused by the service worker. */
export type CaptureOutcome = { status: 'sent' | 'pending'; accountName: string; type: SignalType } | { status: 'failed'; message: string };
