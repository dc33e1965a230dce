import type { HealthCheckOutcome, HealthCheckStatus } from '@earshot/shared';

export const STATUS_LABEL: Readonly<Record<HealthCheckStatus, string>> = {
  PLANNED: 'Planned',
  IN_PROGRESS: 'In progress',
  DONE: 'Done',
  CANCELLED: 'Cancelled',
};

export const OUTCOME_LABEL: Readonly<Record<HealthCheckOutcome, string>> = {
  OK: 'OK',
  FOLLOW_UP: 'Follow up',
  ESCALATE: 'Escalate',
};
