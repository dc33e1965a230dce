import { INTEL_LIMITS, type IntelQuestion } from '@earshot/shared';
import { describe, expect, it } from 'vitest';
import { buildQuestions, choicesOf, dailyAction, expiresAt, isOverdue, NO_DUE_DATE_EXPIRY_DAYS, signalForAnswer, validateAnswers } from './intel-requests.js';

const at = (iso: string) => new Date(`${iso}T09:00:00.000Z`);
const questionsOf = (r: ReturnType<typeof buildQuestions>) => {
  if (!r.ok) throw new Error(r.problem.message);
  return r.value;
};

describe('buildQuestions', () => {
  it('takes templates by key and free questions, each with an id unique in the request', () => {
    const qs = questionsOf(buildQuestions([{ template: 'LET_GO' }, { text: '  Who  runs the site now? ' }, { template: 'ACTIVITY' }, { text: 'Any new owners?' }]));
    expect(qs).toEqual([
      { id: 'LET_GO', kind: 'CHOICE', template: 'LET_GO', text: 'Has the customer had to let anyone go recently?' },
      { id: 'text-1', kind: 'TEXT', text: 'Who runs the site now?' },
      { id: 'ACTIVITY', kind: 'CHOICE', template: 'ACTIVITY', text: 'Are they quiet or busy?' },
      { id: 'text-2', kind: 'TEXT', text: 'Any new owners?' },
    ]);
  });

  it.each([
    [[], 'questions', /at least one/],
    [[{ template: 'NOPE' }], 'questions.0.template', /unknown template "NOPE"/],
    [[{ template: 'HIRING' }, { template: 'HIRING' }], 'questions.1.template', /HIRING is asked twice/],
    [[{ text: 'Busy?' }, { text: 'busy? ' }], 'questions.1.text', /asked twice/],
    [[{ text: 'Are they hiring?' }, { template: 'HIRING' }], 'questions.1.template', /asked twice/],
    [[{ template: 'HIRING', text: 'Also this' }], 'questions.0', /either a template or a text/],
    [[{ text: '   ' }], 'questions.0', /either a template or a text/],
    [[{ text: 'x'.repeat(INTEL_LIMITS.questionText + 1) }], 'questions.0.text', /at most 300/],
    [Array.from({ length: INTEL_LIMITS.questions + 1 }, (_, i) => ({ text: `Q${i}` })), 'questions', /at most 20/],
  ])('refuses %j naming %s', (inputs, field, message) => {
    const r = buildQuestions(inputs);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem.field).toBe(field);
      expect(r.problem.message).toMatch(message);
    }
  });
});

describe('choicesOf', () => {
  it('fills choices from the template, the three sales views, none for free questions', () => {
    expect(choicesOf({ kind: 'CHOICE', template: 'PREMISES' }).map((c) => c.key)).toEqual(['WELL_KEPT', 'RUN_DOWN', 'NOT_SEEN']);
    expect(choicesOf({ kind: 'SALES_VIEW' })).toEqual([
      { key: 'BUSTLING', label: 'Bustling' },
      { key: 'QUIET', label: 'Quiet' },
      { key: 'SAME_AS_ALWAYS', label: 'Same as always' },
    ]);
    expect(choicesOf({ kind: 'TEXT' })).toEqual([]);
  });
});

describe('validateAnswers', () => {
  const qs: IntelQuestion[] = [
    { id: 'LET_GO', kind: 'CHOICE', template: 'LET_GO', text: 'Has the customer had to let anyone go recently?' },
    { id: 'text-1', kind: 'TEXT', text: 'Who runs the site now?' },
    { id: 'view', kind: 'SALES_VIEW', text: 'How does the customer seem to you?' },
  ];

  it('accepts a choice, a note, a sales view and "don\'t know", trimmed', () => {
    const r = validateAnswers(qs, [
      { questionId: 'LET_GO', choice: 'YES', note: ' two drivers ' },
      { questionId: 'text-1', dontKnow: true },
      { questionId: 'view', choice: 'QUIET', note: null },
    ]);
    expect(r).toEqual({
      ok: true,
      value: [
        { questionId: 'LET_GO', dontKnow: false, choice: 'YES', note: 'two drivers' },
        { questionId: 'text-1', dontKnow: true },
        { questionId: 'view', dontKnow: false, choice: 'QUIET' },
      ],
    });
  });

  const all = (overrides: Record<string, unknown>) => [
    { questionId: 'LET_GO', choice: 'NO' },
    { questionId: 'text-1', note: 'The founder' },
    { questionId: 'view', choice: 'BUSTLING' },
  ].map((a) => (a.questionId === overrides.questionId ? { ...a, ...overrides } : a));

  it.each([
    [[...all({}), { questionId: 'other', dontKnow: true }], 'answers.3.questionId', /no question "other"/],
    [[...all({}), { questionId: 'view', dontKnow: true }], 'answers.3.questionId', /answered twice/],
    [all({}).slice(0, 2), 'answers', /missing view/],
    [all({ questionId: 'LET_GO', choice: 'MAYBE' }), 'answers.0.choice', /one of YES, NO/],
    [all({ questionId: 'LET_GO', choice: null }), 'answers.0.choice', /pick a choice/],
    [all({ questionId: 'text-1', note: '  ' }), 'answers.1.note', /answer with a note/],
    [all({ questionId: 'text-1', choice: 'YES' }), 'answers.1.choice', /answered with a note/],
    [all({ questionId: 'view', choice: 'BUSY' }), 'answers.2.choice', /one of BUSTLING, QUIET, SAME_AS_ALWAYS/],
    [all({ questionId: 'view', choice: 'QUIET', dontKnow: true }), 'answers.2.choice', /leave the choice out/],
    [all({ questionId: 'text-1', note: 'x'.repeat(INTEL_LIMITS.answerNote + 1) }), 'answers.1.note', /at most 2000/],
  ])('refuses answers naming %s', (inputs, field, message) => {
    const r = validateAnswers(qs, inputs as never);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem.field).toBe(field);
      expect(r.problem.message).toMatch(message);
    }
  });
});

describe('signalForAnswer', () => {
  const letGo: IntelQuestion = { id: 'LET_GO', kind: 'CHOICE', template: 'LET_GO', text: 'Has the customer had to let anyone go recently?' };
  const redundancies: IntelQuestion = { id: 'REDUNDANCIES', kind: 'CHOICE', template: 'REDUNDANCIES', text: 'Are they looking at redundancies?' };
  const free: IntelQuestion = { id: 'text-1', kind: 'TEXT', text: 'Who runs the site now?' };
  const view: IntelQuestion = { id: 'view', kind: 'SALES_VIEW', text: 'How do they seem?' };

  it("writes the template choice's signal type and severity, with the question and answer in the note", () => {
    expect(signalForAnswer(letGo, { questionId: 'LET_GO', choice: 'YES', note: 'Two drivers', dontKnow: false })).toEqual({
      type: 'STAFF_CUTS',
      severity: 2,
      note: 'Has the customer had to let anyone go recently? Yes. Two drivers',
    });
    expect(signalForAnswer(redundancies, { questionId: 'REDUNDANCIES', choice: 'YES', dontKnow: false })).toMatchObject({ type: 'STAFF_CUTS', severity: 3 });
  });

  it('writes nothing for a choice that says nothing, or for "don\'t know"', () => {
    expect(signalForAnswer(letGo, { questionId: 'LET_GO', choice: 'NO', note: 'All still there', dontKnow: false })).toBeNull();
    expect(signalForAnswer(letGo, { questionId: 'LET_GO', dontKnow: true, note: 'Ask logistics' })).toBeNull();
    expect(signalForAnswer(free, { questionId: 'text-1', dontKnow: true })).toBeNull();
    expect(signalForAnswer(view, { questionId: 'view', choice: 'SAME_AS_ALWAYS', dontKnow: false })).toBeNull();
  });

  it('writes a free answer as OTHER severity 1, and a sales view by SALES_VIEW_SIGNAL', () => {
    expect(signalForAnswer(free, { questionId: 'text-1', note: 'The founder’s daughter', dontKnow: false })).toEqual({
      type: 'OTHER',
      severity: 1,
      note: 'Who runs the site now? The founder’s daughter',
    });
    expect(signalForAnswer(view, { questionId: 'view', choice: 'QUIET', note: 'Empty car park', dontKnow: false })).toEqual({
      type: 'QUIET',
      severity: 1,
      note: 'How do they seem? Quiet. Empty car park',
    });
    expect(signalForAnswer(view, { questionId: 'view', choice: 'BUSTLING', dontKnow: false })).toMatchObject({ type: 'BUSY', severity: 1 });
  });
});

describe('reminders and expiry', () => {
  const settings = { intelReminderDays: 3, intelExpiryDays: 14 };
  const created = at('2026-12-01');

  it('reminds every reminderDays after creation or the last reminder', () => {
    const r = { createdAt: created, dueAt: at('2026-12-10'), remindedAt: null };
    expect(dailyAction(r, settings, at('2026-12-03'))).toBeNull();
    expect(dailyAction(r, settings, at('2026-12-04'))).toBe('REMIND');
    expect(dailyAction({ ...r, remindedAt: at('2026-12-04') }, settings, at('2026-12-06'))).toBeNull();
    expect(dailyAction({ ...r, remindedAt: at('2026-12-04') }, settings, at('2026-12-07'))).toBe('REMIND');
  });

  it('expires expiryDays after the due date, before any reminder', () => {
    const r = { createdAt: created, dueAt: at('2026-12-10'), remindedAt: at('2026-12-20') };
    expect(expiresAt(r, settings)).toEqual(at('2026-12-24'));
    expect(dailyAction(r, settings, at('2026-12-23'))).toBe('REMIND');
    expect(dailyAction(r, settings, at('2026-12-24'))).toBe('EXPIRE');
  });

  it(`expires a request without a due date ${NO_DUE_DATE_EXPIRY_DAYS} days after creation`, () => {
    const r = { createdAt: created, dueAt: null, remindedAt: at('2026-12-29') };
    expect(expiresAt(r, settings)).toEqual(at('2026-12-31'));
    expect(dailyAction(r, settings, at('2026-12-30'))).toBeNull();
    expect(dailyAction(r, settings, at('2026-12-31'))).toBe('EXPIRE');
  });

  it('calls a request overdue when OPEN and past its due date', () => {
    expect(isOverdue({ status: 'OPEN', dueAt: at('2026-12-10') }, at('2026-12-11'))).toBe(true);
    expect(isOverdue({ status: 'OPEN', dueAt: at('2026-12-10') }, at('2026-12-09'))).toBe(false);
    expect(isOverdue({ status: 'ANSWERED', dueAt: at('2026-12-10') }, at('2026-12-11'))).toBe(false);
    expect(isOverdue({ status: 'OPEN', dueAt: null }, at('2027-12-11'))).toBe(false);
  });
});
