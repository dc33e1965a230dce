import '@/ui/testing/setup';
import { CAPTURABLE_SIGNAL_TYPES, SIGNAL_TYPE_INFO, type SignalType } from '@earshot/shared';
import { act, fireEvent, render, screen } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { describe, expect, it, vi } from 'vitest';
import { FILTER_RESET_MS, SignalChips } from './SignalChips';

function Harness({ initial = null }: { initial?: SignalType | null }) {
  const [value, setValue] = useState<SignalType | null>(initial);
  return <SignalChips value={value} onChange={setValue} />;
}

const chip = (type: SignalType) => screen.getByRole('radio', { name: SIGNAL_TYPE_INFO[type].label }) as HTMLInputElement;
const checked = () => (screen.getAllByRole('radio') as HTMLInputElement[]).find((r) => r.checked)?.value;

describe('SignalChips', () => {
  it('offers every capturable type with its label and question', () => {
    render(<Harness />);
    const chips = screen.getAllByTestId('signal-chip');
    expect(chips.map((c) => c.dataset.type)).toEqual([...CAPTURABLE_SIGNAL_TYPES]);
    expect(chips.some((c) => c.dataset.type === 'PAYMENT_SLIPPING')).toBe(false);
    expect(chips[0]?.getAttribute('title')).toBe(SIGNAL_TYPE_INFO.STAFF_CUTS.question);
  });

  it('has one tab stop and shows the chosen type’s question as the hint', () => {
    render(<Harness initial="QUIET" />);
    const stops = (screen.getAllByRole('radio') as HTMLInputElement[]).filter((r) => r.tabIndex === 0);
    expect(stops.map((r) => r.value)).toEqual(['QUIET']);
    expect(screen.getByText(SIGNAL_TYPE_INFO.QUIET.question)).toBeTruthy();
  });

  it('moves with the arrow keys, Home and End', () => {
    render(<Harness initial="STAFF_CUTS" />);
    fireEvent.keyDown(chip('STAFF_CUTS'), { key: 'ArrowRight' });
    expect(checked()).toBe('KEY_PERSON_LEFT');
    expect(document.activeElement).toBe(chip('KEY_PERSON_LEFT'));
    fireEvent.keyDown(chip('KEY_PERSON_LEFT'), { key: 'ArrowLeft' });
    fireEvent.keyDown(chip('STAFF_CUTS'), { key: 'ArrowLeft' });
    expect(checked()).toBe(CAPTURABLE_SIGNAL_TYPES[CAPTURABLE_SIGNAL_TYPES.length - 1]);
    fireEvent.keyDown(document.activeElement as Element, { key: 'Home' });
    expect(checked()).toBe('STAFF_CUTS');
    fireEvent.keyDown(document.activeElement as Element, { key: 'End' });
    expect(checked()).toBe('OTHER');
  });

  it('filters as you type, and forgets the filter after a pause or on Escape', () => {
    vi.useFakeTimers();
    render(<Harness initial="STAFF_CUTS" />);
    fireEvent.keyDown(chip('STAFF_CUTS'), { key: 'k' });
    fireEvent.keyDown(document.activeElement as Element, { key: 'e' });
    expect(checked()).toBe('KEY_PERSON_LEFT');
    expect(screen.getByText(/Filter “ke”/)).toBeTruthy();
    const undimmed = screen.getAllByTestId('signal-chip').filter((c) => !c.dataset.dim);
    expect(undimmed.map((c) => c.dataset.type)).toEqual(['KEY_PERSON_LEFT', 'PREMISES_WELL_KEPT']);
    // Arrows now move among the matches only ("Key person left", "Premises well kept").
    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowRight' });
    expect(checked()).toBe('PREMISES_WELL_KEPT');
    fireEvent.keyDown(document.activeElement as Element, { key: 'Escape' });
    expect(screen.queryByText(/Filter “/)).toBeNull();
    fireEvent.keyDown(document.activeElement as Element, { key: 'q' });
    expect(checked()).toBe('QUIET');
    act(() => {
      vi.advanceTimersByTime(FILTER_RESET_MS + 10);
    });
    expect(screen.queryByText(/Filter “/)).toBeNull();
  });

  it('selects on click', () => {
    render(<Harness />);
    fireEvent.click(screen.getByText('Hiring'));
    expect(checked()).toBe('HIRING');
  });
});
