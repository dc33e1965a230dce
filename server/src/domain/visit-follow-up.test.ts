import { describe, expect, it } from 'vitest';
import { buildQuestions, duplicateIds, readQuestions, templateQuestions } from './visit-questions.js';
import { composeFollowUp, linesOf } from './visit-follow-up.js';

const base = {
  contactNames: ['Mara Lind', 'Olu Ade'],
  heldAt: new Date('2026-03-10T10:00:00Z'),
  goals: '- Review the credit terms\n- Agree invoice references',
  questions: [
    { id: 'a', template: null, text: 'How is trading?', asked: true, answer: 'Orders up 10%.' },
    { id: 'b', template: null, text: 'Bank facilities?', asked: false, answer: null },
  ],
  notes: ['New warehouse opens in May.\n\n* Purchase orders on every invoice'],
  actionItems: [{ title: 'Send the statement', ownerName: 'Sam Sales', dueOn: new Date('2026-03-17T00:00:00Z') }],
  senderName: 'Cora Credit',
};

describe('composeFollowUp', () => {
  it('greets the contacts by name, thanks them, lists what was discussed and the next steps, signs with the sender', () => {
    const { subject, body } = composeFollowUp(base);
    expect(subject).toBe('Our meeting on 2026-03-10: summary and next steps');
    expect(body.split('\n')[0]).toBe('Dear Mara Lind and Olu Ade,');
    expect(body).toContain('Thank you for meeting us on 2026-03-10.');
    expect(body).toContain('What we discussed\n- Review the credit terms\n- Agree invoice references\n- How is trading? Orders up 10%.\n- New warehouse opens in May.\n- Purchase orders on every invoice');
    expect(body).not.toContain('Bank facilities');
    expect(body).toContain('Next steps\n- Send the statement (Sam Sales, by 2026-03-17)');
    expect(body.endsWith('Kind regards,\nCora Credit')).toBe(true);
  });

  it('says hello without contacts and leaves out empty sections', () => {
    const { body } = composeFollowUp({ ...base, contactNames: [], goals: '', questions: [], notes: [], actionItems: [], heldAt: null });
    expect(body.startsWith('Hello,\n\nThank you for meeting us. ')).toBe(true);
    expect(body).not.toContain('What we discussed');
    expect(body).not.toContain('Next steps');
  });

  it('splits lines and drops bullets', () => {
    expect(linesOf(' - one\r\n\n• two \n*three')).toEqual(['one', 'two', 'three']);
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
