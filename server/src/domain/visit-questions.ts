/**
 * A visit's questions (stored as JSON on the visit): started from the purpose's templates, edited by the user,
 * ticked off during the meeting. Ids are stable: a template's key, or `q-<n>` for the user's own. Pure.
 */
import { VISIT_QUESTION_TEMPLATES, type VisitPurpose, type VisitQuestion } from '@earshot/shared';

export interface QuestionInput {
  id?: string | null;
  template?: string | null;
  text: string;
  asked?: boolean | null;
  answer?: string | null;
}

export function templateQuestions(purpose: VisitPurpose): VisitQuestion[] {
  return VISIT_QUESTION_TEMPLATES[purpose].map((t) => ({ id: t.key, template: t.key, text: t.text, asked: false, answer: null }));
}

/** The stored JSON read back (anything malformed dropped). */
export function readQuestions(json: unknown): VisitQuestion[] {
  if (!Array.isArray(json)) return [];
  return json
    .filter((q): q is Record<string, unknown> => !!q && typeof q === 'object' && typeof (q as { id?: unknown }).id === 'string' && typeof (q as { text?: unknown }).text === 'string')
    .map((q) => ({
      id: q.id as string,
      template: typeof q.template === 'string' ? q.template : null,
      text: q.text as string,
      asked: q.asked === true,
      answer: typeof q.answer === 'string' ? q.answer : null,
    }));
}

/**
 * The new list from the user's edit: a question keeps its id when sent with one; a template question without
 * an id takes the template key when free; others get `q-<n>`, never reused within the list.
 */
export function buildQuestions(inputs: readonly QuestionInput[]): VisitQuestion[] {
  const used = new Set(inputs.map((q) => q.id).filter((id): id is string => !!id));
  let n = 0;
  const fresh = () => {
    let id: string;
    do id = `q-${++n}`;
    while (used.has(id));
    used.add(id);
    return id;
  };
  return inputs.map((q) => {
    let id = q.id ?? null;
    if (!id && q.template && !used.has(q.template)) {
      id = q.template;
      used.add(id);
    }
    return { id: id ?? fresh(), template: q.template ?? null, text: q.text, asked: q.asked ?? false, answer: q.answer ?? null };
  });
}

/** Duplicate ids in the input (the user's list must name each question once). */
export function duplicateIds(inputs: readonly QuestionInput[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const q of inputs) if (q.id) (seen.has(q.id) ? dup : seen).add(q.id);
  return [...dup];
}
