/** Builders for the workspace's visit data, for its component tests only. */
import type { ActionItem, GuardrailFlag, VisitDetail, VisitReport, VisitRow } from '@/lib/workspace-visit-types';

export function visitRow(overrides: Partial<VisitRow> = {}): VisitRow {
  return {
    id: 'V1',
    purpose: 'CREDIT_TERMS_REVIEW',
    status: 'PLANNED',
    scheduledAt: '2026-12-10T10:00:00.000Z',
    place: 'Their offices, Leeds',
    heldAt: null,
    followedUpAt: null,
    cancelledAt: null,
    viewerCanEdit: true,
    account: { id: 'A1', name: 'Brightwell Cycles Ltd' },
    organizer: { id: 'U1', name: 'Carla Credit' },
    attendees: [{ id: 'U2', name: 'Sam Sales' }],
    ...overrides,
  };
}

export function actionItem(overrides: Partial<ActionItem> = {}): ActionItem {
  return {
    id: 'AI1',
    title: 'Send the revised payment plan',
    ownerName: 'Carla Credit',
    dueOn: '2026-12-15T12:00:00.000Z',
    status: 'OPEN',
    overdue: false,
    completedAt: null,
    createdAt: '2026-12-10T12:00:00.000Z',
    ownerUser: { id: 'U1', name: 'Carla Credit' },
    ownerContact: null,
    createdBy: { id: 'U1', name: 'Carla Credit' },
    account: { id: 'A1', name: 'Brightwell Cycles Ltd' },
    visit: { id: 'V1', purpose: 'CREDIT_TERMS_REVIEW', scheduledAt: '2026-12-10T10:00:00.000Z' },
    ...overrides,
  };
}

export function flag(overrides: Partial<GuardrailFlag> = {}): GuardrailFlag {
  return {
    kind: 'COMMITMENT',
    excerpt: 'we will extend your limit',
    reason: 'A promise needs the team’s agreement first.',
    field: 'body',
    start: 10,
    end: 35,
    acknowledged: false,
    ...overrides,
  };
}

export function visitReport(overrides: Partial<VisitReport> = {}): VisitReport {
  return {
    id: 'VR1',
    recipients: ['exec@ourco.example'],
    groups: [],
    subject: 'Visit report: Brightwell Cycles Ltd, credit terms review',
    body: 'Purpose: credit terms review',
    emailStatus: 'SENT',
    attempts: 1,
    lastError: null,
    emailedAt: '2026-12-10T15:00:00.000Z',
    createdAt: '2026-12-10T14:59:00.000Z',
    sentBy: { id: 'U1', name: 'Carla Credit' },
    ...overrides,
  };
}

export function visit(overrides: Partial<VisitDetail> = {}): VisitDetail {
  const row = visitRow();
  return {
    ...row,
    goals: 'Agree a payment plan for the overdue invoices.',
    decisions: null,
    createdAt: '2026-12-01T09:00:00.000Z',
    cancelReason: null,
    briefingCount: 0,
    account: {
      id: 'A1',
      name: 'Brightwell Cycles Ltd',
      accountManager: { id: 'U2', name: 'Sam Sales' },
      contacts: [
        { id: 'C1', name: 'Ana Finance', email: 'ana@brightwell.example', role: 'Finance director' },
        { id: 'C2', name: 'Joe Buyer', email: 'joe@brightwell.example', role: 'Purchasing' },
      ],
    },
    organizer: { id: 'U1', name: 'Carla Credit', email: 'carla@ourco.example' },
    attendees: [{ id: 'U2', name: 'Sam Sales', email: 'sam@ourco.example' }],
    contacts: [{ id: 'C1', name: 'Ana Finance', email: 'ana@brightwell.example', role: 'Finance director' }],
    preMeetingNote: null,
    preMeetingNoteAt: null,
    questions: [
      { id: 'q1', template: 'terms-outlook', text: 'How do you see trading over the next twelve months?', asked: false, answer: null },
      { id: 'q2', template: null, text: 'Who signs off payments now?', asked: false, answer: null },
    ],
    notes: [],
    briefing: null,
    actionItems: [],
    signals: [],
    followUp: null,
    acknowledgedFlags: [],
    reports: [],
    ...overrides,
  };
}

/** The same visit after the meeting: held, with a note flagged by the guardrails. */
export function heldVisit(overrides: Partial<VisitDetail> = {}): VisitDetail {
  return visit({
    status: 'HELD',
    heldAt: '2026-12-10T12:00:00.000Z',
    notes: [
      {
        id: 'N1',
        body: 'They are hiring two drivers. I said we will extend your limit next month.',
        takenAt: '2026-12-10T11:00:00.000Z',
        createdAt: '2026-12-10T11:00:00.000Z',
        author: { id: 'U1', name: 'Carla Credit' },
        flags: [flag({ start: 45, end: 70 })],
        signals: [],
      },
    ],
    ...overrides,
  });
}
