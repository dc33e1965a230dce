/**
 * The questions credit asks an account manager (seed 000: "Has the customer had to let anyone go recently? How
 * does the business look inside and out? Have they mentioned a decline in sales? Are they quiet? Busy? Have any
 * key personnel left? Are they hiring? Are they looking at redundancies?"), and what each answer means as a
 * signal. The server validates requests and answers against these; the extension shows them.
 *
 * Three kinds of question:
 * - CHOICE: a template with fixed choices; each choice that says something maps to a signal type.
 * - TEXT: a free question credit writes; the answer is a note (written as an OTHER signal when it says something).
 * - SALES_VIEW: the account manager's view for a health-check review (BUSTLING, QUIET, SAME_AS_ALWAYS + comment).
 * Every question can be answered "don't know", which writes no signal.
 */
import { SALES_VIEW_LABEL, SALES_VIEWS, type SalesView } from './enums.js';
import type { Severity, SignalType } from './signals.js';

export const INTEL_QUESTION_KINDS = ['CHOICE', 'TEXT', 'SALES_VIEW'] as const;
export type IntelQuestionKind = (typeof INTEL_QUESTION_KINDS)[number];

export interface IntelChoice {
  /** Stable key stored in the answer. */
  key: string;
  label: string;
  /** The signal this answer writes; null = nothing worth a signal ("no", "same as usual"). */
  signal: { type: SignalType; severity: Severity } | null;
}

export interface IntelQuestionTemplate {
  key: string;
  text: string;
  kind: 'CHOICE';
  choices: readonly IntelChoice[];
}

const NOTHING = null;
const yesNo = (type: SignalType, severity: Severity): IntelChoice[] => [
  { key: 'YES', label: 'Yes', signal: { type, severity } },
  { key: 'NO', label: 'No', signal: NOTHING },
];

export const INTEL_QUESTION_TEMPLATES: readonly IntelQuestionTemplate[] = [
  { key: 'LET_GO', text: 'Has the customer had to let anyone go recently?', kind: 'CHOICE', choices: yesNo('STAFF_CUTS', 2) },
  {
    key: 'PREMISES',
    text: 'How does the business look inside and out: well kept or run down?',
    kind: 'CHOICE',
    choices: [
      { key: 'WELL_KEPT', label: 'Well kept', signal: { type: 'PREMISES_WELL_KEPT', severity: 1 } },
      { key: 'RUN_DOWN', label: 'Run down', signal: { type: 'PREMISES_RUNDOWN', severity: 2 } },
      { key: 'NOT_SEEN', label: 'Have not been there', signal: NOTHING },
    ],
  },
  { key: 'SALES_DECLINE', text: 'Have they mentioned a decline in sales?', kind: 'CHOICE', choices: yesNo('SALES_DECLINE', 2) },
  {
    key: 'ACTIVITY',
    text: 'Are they quiet or busy?',
    kind: 'CHOICE',
    choices: [
      { key: 'BUSY', label: 'Busy', signal: { type: 'BUSY', severity: 1 } },
      { key: 'QUIET', label: 'Quiet', signal: { type: 'QUIET', severity: 1 } },
      { key: 'USUAL', label: 'As usual', signal: NOTHING },
    ],
  },
  { key: 'KEY_PEOPLE_LEFT', text: 'Have any key people left?', kind: 'CHOICE', choices: yesNo('KEY_PERSON_LEFT', 2) },
  { key: 'HIRING', text: 'Are they hiring?', kind: 'CHOICE', choices: yesNo('HIRING', 1) },
  { key: 'REDUNDANCIES', text: 'Are they looking at redundancies?', kind: 'CHOICE', choices: yesNo('STAFF_CUTS', 3) },
  { key: 'ORDER_DECLINE', text: 'Are they ordering less from us than usual?', kind: 'CHOICE', choices: yesNo('ORDER_DROP', 2) },
];

export const SALES_VIEW_QUESTION_TEXT = 'How does the customer seem to you: bustling, quiet, or the same as always?';

/** What a SALES_VIEW answer writes as a signal (QUIET is worth knowing; the others are not signals). */
export const SALES_VIEW_SIGNAL: Readonly<Record<SalesView, { type: SignalType; severity: Severity } | null>> = {
  BUSTLING: { type: 'BUSY', severity: 1 },
  QUIET: { type: 'QUIET', severity: 1 },
  SAME_AS_ALWAYS: null,
};

/** A question as stored on a request (`IntelRequest.questions`). `id` is unique within the request. */
export interface IntelQuestion {
  id: string;
  kind: IntelQuestionKind;
  /** The template key for CHOICE questions. */
  template?: string;
  text: string;
}

/** An answer as stored on a request (`IntelRequest.answers`). */
export interface IntelAnswer {
  questionId: string;
  /** A choice key (CHOICE), a SalesView (SALES_VIEW); absent for TEXT or "don't know". */
  choice?: string;
  note?: string;
  dontKnow: boolean;
  /** The signal this answer wrote, if any. */
  signalId?: string;
}

export function intelTemplate(key: string): IntelQuestionTemplate | undefined {
  return INTEL_QUESTION_TEMPLATES.find((t) => t.key === key);
}

/**
 * The choices of a stored question (without "don't know"): its template's for CHOICE, the sales views for
 * SALES_VIEW, none for TEXT. Pages work them out here rather than asking the server for them on every row.
 */
export function intelQuestionChoices(question: { kind: IntelQuestionKind; template?: string | null }): { key: string; label: string }[] {
  if (question.kind === 'SALES_VIEW') return SALES_VIEWS.map((v) => ({ key: v, label: SALES_VIEW_LABEL[v] }));
  if (question.kind === 'CHOICE' && question.template) return (intelTemplate(question.template)?.choices ?? []).map(({ key, label }) => ({ key, label }));
  return [];
}

/** Limits shared by the server's validation and the extension's forms. */
export const INTEL_LIMITS = { questions: 20, questionText: 300, message: 2000, answerNote: 2000 } as const;
