/**
 * Intel requests (seed 000): credit asks the account manager what they see. Pure rules: which questions a request
 * holds, which answers are valid, what each answer writes as a signal, and when a request is reminded or expires.
 *
 * Decisions:
 * - Every question must be answered in one go; "don't know" counts as an answer (it writes no signal). A partial
 *   answer would leave the request neither open nor answered, and credit could not tell what is still missing.
 * - A CHOICE answer whose choice means nothing ("No", "As usual") writes no signal either, even with a note: the
 *   note stays on the answer, where credit reads it with the request.
 * - Expiry: an OPEN request expires `expiryDays` after its due date; one without a due date expires
 *   NO_DUE_DATE_EXPIRY_DAYS after it was created. Reminders come every `reminderDays` after creation or after the
 *   last reminder, until then.
 */
import {
  INTEL_LIMITS,
  type IntelAnswer,
  type IntelChoice,
  type IntelQuestion,
  intelQuestionChoices,
  intelTemplate,
  SALES_VIEW_LABEL,
  SALES_VIEW_SIGNAL,
  SALES_VIEWS,
  type SalesView,
  type Severity,
  type SignalType,
} from '@earshot/shared';

const DAY_MS = 86_400_000;

/** An OPEN request with no due date expires this many days after it was created. */
export const NO_DUE_DATE_EXPIRY_DAYS = 30;

/** A problem with the input, naming the field relative to the input (`questions.1.template`). */
export interface Problem {
  field: string;
  message: string;
}
export type Result<T> = { ok: true; value: T } | { ok: false; problem: Problem };
const fail = (field: string, message: string): { ok: false; problem: Problem } => ({ ok: false, problem: { field, message } });

export interface QuestionInput {
  template?: string | null;
  text?: string | null;
}

/** The request's questions: templates by key (id = the key) and free TEXT questions (ids text-1, text-2…). */
export function buildQuestions(inputs: readonly QuestionInput[]): Result<IntelQuestion[]> {
  if (inputs.length === 0) return fail('questions', 'ask at least one question');
  if (inputs.length > INTEL_LIMITS.questions) return fail('questions', `at most ${INTEL_LIMITS.questions} questions`);
  const questions: IntelQuestion[] = [];
  const seenText = new Set<string>();
  let free = 0;
  for (const [i, q] of inputs.entries()) {
    const template = q.template?.trim() || null;
    const text = q.text?.replace(/\s+/g, ' ').trim() || null;
    if ((template === null) === (text === null)) return fail(`questions.${i}`, 'give either a template or a text, not both or neither');
    if (template !== null) {
      const t = intelTemplate(template);
      if (!t) return fail(`questions.${i}.template`, `unknown template "${template.slice(0, 40)}"`);
      if (questions.some((x) => x.template === t.key) || seenText.has(t.text.toLowerCase())) return fail(`questions.${i}.template`, `${t.key} is asked twice`);
      seenText.add(t.text.toLowerCase());
      questions.push({ id: t.key, kind: 'CHOICE', template: t.key, text: t.text });
      continue;
    }
    const freeText = text!;
    if (freeText.length > INTEL_LIMITS.questionText) return fail(`questions.${i}.text`, `must be at most ${INTEL_LIMITS.questionText} characters`);
    if (seenText.has(freeText.toLowerCase())) return fail(`questions.${i}.text`, 'this question is asked twice');
    seenText.add(freeText.toLowerCase());
    free++;
    questions.push({ id: `text-${free}`, kind: 'TEXT', text: freeText });
  }
  return { ok: true, value: questions };
}

/** The choices a question offers: a template's, the three sales views, none for a free question. */
export function choicesOf(question: Pick<IntelQuestion, 'kind' | 'template'>): { key: string; label: string }[] {
  return intelQuestionChoices(question);
}

function templateChoice(question: IntelQuestion, key: string): IntelChoice | undefined {
  return question.template ? intelTemplate(question.template)?.choices.find((c) => c.key === key) : undefined;
}

export interface AnswerInput {
  questionId: string;
  choice?: string | null;
  note?: string | null;
  dontKnow?: boolean | null;
}

/** Checks the answers against the questions: one per question, every question answered, each valid for its kind. */
export function validateAnswers(questions: readonly IntelQuestion[], inputs: readonly AnswerInput[]): Result<IntelAnswer[]> {
  const answers: IntelAnswer[] = [];
  const seen = new Set<string>();
  for (const [i, a] of inputs.entries()) {
    const q = questions.find((x) => x.id === a.questionId);
    if (!q) return fail(`answers.${i}.questionId`, `no question "${String(a.questionId).slice(0, 40)}" in this request`);
    if (seen.has(q.id)) return fail(`answers.${i}.questionId`, `${q.id} is answered twice`);
    seen.add(q.id);
    const note = a.note?.trim() || undefined;
    if (note && note.length > INTEL_LIMITS.answerNote) return fail(`answers.${i}.note`, `must be at most ${INTEL_LIMITS.answerNote} characters`);
    const choice = a.choice?.trim() || undefined;
    const dontKnow = a.dontKnow === true;
    if (dontKnow) {
      if (choice) return fail(`answers.${i}.choice`, 'leave the choice out when answering "don\'t know"');
      answers.push({ questionId: q.id, dontKnow: true, ...(note ? { note } : {}) });
      continue;
    }
    if (q.kind === 'TEXT') {
      if (choice) return fail(`answers.${i}.choice`, 'a free question is answered with a note');
      if (!note) return fail(`answers.${i}.note`, 'answer with a note, or "don\'t know"');
    } else if (!choice) {
      return fail(`answers.${i}.choice`, 'pick a choice, or "don\'t know"');
    } else if (q.kind === 'CHOICE' && !templateChoice(q, choice)) {
      return fail(`answers.${i}.choice`, `must be one of ${choicesOf(q).map((c) => c.key).join(', ')}`);
    } else if (q.kind === 'SALES_VIEW' && !(SALES_VIEWS as readonly string[]).includes(choice)) {
      return fail(`answers.${i}.choice`, `must be one of ${SALES_VIEWS.join(', ')}`);
    }
    answers.push({ questionId: q.id, dontKnow: false, ...(choice ? { choice } : {}), ...(note ? { note } : {}) });
  }
  const missing = questions.filter((q) => !seen.has(q.id)).map((q) => q.id);
  if (missing.length) return fail('answers', `answer every question ("don't know" counts): missing ${missing.join(', ')}`);
  return { ok: true, value: answers };
}

export interface SignalDraft {
  type: SignalType;
  severity: Severity;
  note: string;
}

/** The signal an answer writes, or null when it says nothing (don't know, "no", "as usual", same as always). */
export function signalForAnswer(question: IntelQuestion, answer: IntelAnswer): SignalDraft | null {
  if (answer.dontKnow) return null;
  const withNote = (head: string) => (answer.note ? `${head} ${answer.note}` : head);
  if (question.kind === 'TEXT') return answer.note ? { type: 'OTHER', severity: 1, note: `${question.text} ${answer.note}` } : null;
  if (!answer.choice) return null;
  if (question.kind === 'SALES_VIEW') {
    const s = SALES_VIEW_SIGNAL[answer.choice as SalesView];
    return s ? { ...s, note: withNote(`${question.text} ${SALES_VIEW_LABEL[answer.choice as SalesView]}.`) } : null;
  }
  const c = templateChoice(question, answer.choice);
  return c?.signal ? { ...c.signal, note: withNote(`${question.text} ${c.label}.`) } : null;
}

// ---- reminders and expiry ----------------------------------------------------------------------------------------

export interface ScheduleSettings {
  intelReminderDays: number;
  intelExpiryDays: number;
}

export interface OpenRequestTimes {
  createdAt: Date;
  dueAt: Date | null;
  remindedAt: Date | null;
}

/** When an OPEN request expires. */
export function expiresAt(r: Pick<OpenRequestTimes, 'createdAt' | 'dueAt'>, s: Pick<ScheduleSettings, 'intelExpiryDays'>): Date {
  return r.dueAt ? new Date(r.dueAt.getTime() + s.intelExpiryDays * DAY_MS) : new Date(r.createdAt.getTime() + NO_DUE_DATE_EXPIRY_DAYS * DAY_MS);
}

/** When an OPEN request is next reminded: reminderDays after creation or the last reminder. */
export function nextReminderAt(r: Pick<OpenRequestTimes, 'createdAt' | 'remindedAt'>, s: Pick<ScheduleSettings, 'intelReminderDays'>): Date {
  return new Date((r.remindedAt ?? r.createdAt).getTime() + s.intelReminderDays * DAY_MS);
}

/** What the daily run does with an OPEN request: expire it (first), remind the assignee, or nothing. */
export function dailyAction(r: OpenRequestTimes, s: ScheduleSettings, now: Date): 'EXPIRE' | 'REMIND' | null {
  if (now.getTime() >= expiresAt(r, s).getTime()) return 'EXPIRE';
  if (now.getTime() >= nextReminderAt(r, s).getTime()) return 'REMIND';
  return null;
}

/** OPEN and past its due date. */
export function isOverdue(r: { status: string; dueAt: Date | null }, now: Date): boolean {
  return r.status === 'OPEN' && r.dueAt !== null && r.dueAt.getTime() < now.getTime();
}
