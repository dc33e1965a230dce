import { describe, expect, it } from 'vitest';
import { buildQuestions, duplicateIds, readQuestions, templateQuestions } from './visit-questions.js';
import { ADD_DISCUSSED, composeFollowUp, linesOf, readableDay, uniqueLines } from './visit-follow-up.js';

const base = {
  contactNames: ['Mara Lind', 'Olu Ade'],
  heldAt: new Date('2026-03-10T10:00:00Z'),
  questions: [
    { id: 'a', template: null, text: 'How is trading?', asked: true, answer: 'Orders up 10%.' },
    { id: 'b', template: null, text: 'Bank facilities?', asked: false, answer: null },
    { id: 'c', template: null, text: 'Any new sites planned?', asked: true, answer: null },
    { id: 'd', template: null, text: 'How is  trading?', asked: true, answer: 'Orders up 10%' },
  ],
  actionItems: [{ title: 'Send the statement', ownerName: 'Sam Sales', dueOn: new Date('2026-03-17T00:00:00Z') }],
  senderName: 'Cora Credit',
};

describe('composeFollowUp', () => {
  it('greets the contacts, lists the questions asked with their answers once, the next steps with readable dates, signs', () => {
    const { subject, body } = composeFollowUp(base);
    expect(subject).toBe('Our meeting on Tuesday 10 March 2026: summary and next steps');
    expect(body.split('\n')[0]).toBe('Dear Mara Lind and Olu Ade,');
    expect(body).toContain('Thank you for meeting us on Tuesday 10 March 2026. Here is a summary of what we discussed, and the next steps we agreed.');
    expect(body).toContain('What we discussed\n- How is trading? Orders up 10%.\n- Any new sites planned?\n\nNext steps');
    expect(body).not.toContain('Bank facilities');
    expect(body).toContain('Next steps\n- Send the statement (Sam Sales, by Tuesday 17 March 2026)');
    expect(body).not.toMatch(/\d{4}-\d\d-\d\d/);
    expect(body.endsWith('Kind regards,\nCora Credit')).toBe(true);
  });

  it('leaves a line for the user to fill when no question was asked, and no next steps when there are none', () => {
    const { body } = composeFollowUp({ ...base, contactNames: [], questions: [], actionItems: [], heldAt: null });
    expect(body.startsWith('Hello,\n\nThank you for meeting us. Here is a summary of what we discussed.\n')).toBe(true);
    expect(body).toContain(`What we discussed\n- ${ADD_DISCUSSED}\n`);
    expect(body).not.toMatch(/next steps/i);
  });

  it('takes nothing but the questions, answers and action items (no goals, notes or figures of ours)', () => {
    const input = { ...base, goals: 'Find out why payments have slipped', notes: ['Internal: decide whether to cut the limit to 30k'] } as typeof base;
    const { body } = composeFollowUp(input);
    expect(body).not.toMatch(/slipped|Internal|30k/);
  });

  it('splits lines and drops bullets; dedupes lines without regard to case, spacing or a final stop', () => {
    expect(linesOf(' - one\r\n\n• two \n*three')).toEqual(['one', 'two', 'three']);
    expect(uniqueLines(['Send it.', 'send  it', 'Other'])).toEqual(['Send it.', 'Other']);
    expect(readableDay(new Date('2026-12-20T00:00:00Z'))).toBe('Sunday 20 December 2026');
  });
});

describe('visit questions', () => {
  it('starts from the purpose templates', () => {
    const qs = templateQuestions('CREDIT_TERMS_REVIEW');
    expect(qs[0]).toMatchObject({ id: 'terms-outlook', template: 'terms-outlook', asked: false, answer: null });
    expect(qs.length).toBeGreaterThan(3);
  });

  it('keeps ids, gives template keys, numbers the rest without collisions', () => {
    const qs = buildQuestions([{ id: 'q-1', text: 'Kept' }, { template: 'terms-bank', text: 'Bank?' }, { text: 'Mine' }, { template: 'terms-bank', text: 'Again' }]);
    expect(qs.map((q) => q.id)).toEqual(['q-1', 'terms-bank', 'q-2', 'q-3']);
    expect(duplicateIds([{ id: 'x', text: '' }, { id: 'x', text: '' }])).toEqual(['x']);
  });

  it('reads stored JSON, dropping malformed entries', () => {
    expect(readQuestions([{ id: 'a', text: 'T', asked: true }, { text: 'no id' }, 3])).toEqual([{ id: 'a', template: null, text: 'T', asked: true, answer: null }]);
    expect(readQuestions(null)).toEqual([]);
  });
});
