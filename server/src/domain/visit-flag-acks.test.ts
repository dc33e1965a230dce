import { describe, expect, it } from 'vitest';
import { flagContext, isAcknowledged, placeFlags, sentenceAround, splitFollowUpText } from './visit-flag-acks.js';

const at = (text: string, words: string) => [text.indexOf(words), text.indexOf(words) + words.length] as const;

describe('guardrail acknowledgements by sentence', () => {
  const text = 'Thanks for today. I promise to send the statement by Friday.\n- I promise the limit goes to 200k';

  it('finds the sentence around the flag, line breaks and sentence ends bounding it', () => {
    expect(sentenceAround(text, ...at(text, 'I promise'))).toBe(' I promise to send the statement by Friday.');
    const second = text.lastIndexOf('I promise');
    expect(sentenceAround(text, second, second + 9)).toBe('- I promise the limit goes to 200k');
    expect(sentenceAround('EUR 23,284.79 is due. Next.', 0, 3)).toBe('EUR 23,284.79 is due.');
  });

  it('tells the same words in another sentence apart, and keeps a re-wrapped or re-cased one', () => {
    const first = flagContext(text, ...at(text, 'I promise'));
    const second = text.lastIndexOf('I promise');
    expect(flagContext(text, second, second + 9)).not.toBe(first);
    const edited = 'Dear Mara,\n\n* i promise to send  the statement by Friday.';
    expect(flagContext(edited, ...at(edited, 'i promise'))).toBe(first);
  });

  it('marks a flag acknowledged only for the same kind, excerpt and sentence', () => {
    const [a, b] = placeFlags(text, 'body', [
      { kind: 'COMMITMENT', excerpt: 'I promise', reason: 'r', start: text.indexOf('I promise'), end: text.indexOf('I promise') + 9 },
      { kind: 'COMMITMENT', excerpt: 'I promise', reason: 'r', start: text.lastIndexOf('I promise'), end: text.lastIndexOf('I promise') + 9 },
    ]);
    expect(a!.field).toBe('body');
    expect(isAcknowledged(b!, [a!])).toBe(false);
    expect(isAcknowledged(a!, [{ ...a!, kind: 'OTHER_CUSTOMER' }])).toBe(false);
    expect(isAcknowledged(a!, [a!])).toBe(true);
  });

  it('splits the checked follow-up text into subject and body at the first blank line', () => {
    expect(splitFollowUpText('Our meeting\n\nDear Mara,\n\nThanks')).toEqual({ subject: 'Our meeting', body: 'Dear Mara,\n\nThanks' });
    expect(splitFollowUpText('Only a body')).toEqual({ subject: '', body: 'Only a body' });
  });
});
