/**
 * The answer form's model, kept pure: which choices a question offers, what the user has picked, and the
 * `answers` of `answerIntelRequest` (or the first question still unanswered).
 */
import { intelQuestionChoices } from '@earshot/shared';
import type { IntelQuestionData } from '@/lib/types';

/** "Don't know" is offered as the last choice of every question; this key is never sent. */
export const DONT_KNOW = '__dont_know__';

export interface Choice {
  key: string;
  label: string;
}

export interface Draft {
  /** A choice key, `DONT_KNOW`, or null while unanswered. */
  choice: string | null;
  note: string;
}

export type Drafts = Record<string, Draft>;

/** A review's question asks the account manager's view (seed 002): said in sales's words, not credit's. */
export const SALES_VIEW_PROMPT = 'Credit is reviewing this account: how do they seem?';

export function questionPrompt(question: IntelQuestionData): string {
  return question.kind === 'SALES_VIEW' ? SALES_VIEW_PROMPT : question.text;
}

/**
 * The choices shown for a question, "Don't know" last: a review's view (Bustling / Quiet / Same as always), or
 * the template's (shared/src/intel-questions.ts, which the server answers against). A free (TEXT) question is
 * answered by its note.
 */
export function choicesOf(question: Pick<IntelQuestionData, 'kind' | 'template'>): Choice[] {
  return [...intelQuestionChoices(question), { key: DONT_KNOW, label: 'Don’t know' }];
}

export function emptyDrafts(questions: readonly IntelQuestionData[]): Drafts {
  return Object.fromEntries(questions.map((q) => [q.id, { choice: null, note: '' }]));
}

export type BuiltAnswers =
  | { ok: true; answers: { questionId: string; choice?: string; note?: string; dontKnow?: boolean }[] }
  | { ok: false; questionId: string; problem: string };

/** Every question needs a choice (a free question: a note), or "Don't know". */
export function buildAnswers(questions: readonly IntelQuestionData[], drafts: Drafts): BuiltAnswers {
  const answers: { questionId: string; choice?: string; note?: string; dontKnow?: boolean }[] = [];
  for (const [index, q] of questions.entries()) {
    const draft = drafts[q.id] ?? { choice: null, note: '' };
    const note = draft.note.trim();
    if (draft.choice === DONT_KNOW) {
      answers.push({ questionId: q.id, dontKnow: true, ...(note ? { note } : {}) });
    } else if (draft.choice) {
      answers.push({ questionId: q.id, choice: draft.choice, ...(note ? { note } : {}) });
    } else if (q.kind === 'TEXT' && note) {
      answers.push({ questionId: q.id, note });
    } else {
      const what = q.kind === 'TEXT' ? 'Write an answer to' : 'Pick an answer for';
      return { ok: false, questionId: q.id, problem: `${what} question ${index + 1}, or choose “Don’t know”.` };
    }
  }
  return { ok: true, answers };
}
