import { describe, expect, it } from 'vitest';
import { askedWords, isViewer, nameFor, namesFor } from './people';

const clara = { id: 'U1', name: 'Clara Brandt' };
const sam = { id: 'U2', name: 'Sam Okafor' };
const cleo = { id: 'U3', name: 'Cleo Other' };

describe('people as the reader reads them', () => {
  it('calls the viewer “you”, everyone else by name', () => {
    expect(nameFor(clara, clara)).toBe('you');
    expect(nameFor(clara, clara, { start: true })).toBe('You');
    expect(nameFor(sam, clara)).toBe('Sam Okafor');
    expect(nameFor(null, clara, { fallback: 'Credit' })).toBe('Credit');
    expect(nameFor(sam, null)).toBe('Sam Okafor');
    expect(isViewer(clara, null)).toBe(false);
  });

  it('says who asked whom from where the viewer stands', () => {
    expect(askedWords(clara, sam, clara)).toBe('You asked Sam Okafor');
    expect(askedWords(clara, sam, sam)).toBe('Clara Brandt asked you');
    expect(askedWords(clara, sam, cleo)).toBe('Clara Brandt asked Sam Okafor');
    expect(askedWords(null, sam, clara)).toBe('Credit asked Sam Okafor');
    expect(askedWords(clara, null, clara)).toBe('You asked');
    expect(askedWords(clara, clara, clara)).toBe('You asked yourself');
  });

  it('puts “you” first in a list of names', () => {
    expect(namesFor([clara, sam], sam)).toEqual(['you', 'Clara Brandt']);
    expect(namesFor([clara, sam], cleo)).toEqual(['Clara Brandt', 'Sam Okafor']);
  });
});
