import '@/ui/testing/setup';
import { render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { OnHoldBanner } from './OnHoldBanner';

describe('the on-hold banner', () => {
  it('is plain text when the account loads on hold: read in its place, not an interruption on every load', () => {
    render(<OnHoldBanner creditOwner={null} reason="On hold: over the limit" />);
    expect(screen.getByTestId('on-hold-banner').getAttribute('role')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('is an alert when the hold newly came in while the account was on view', () => {
    render(<OnHoldBanner creditOwner={null} reason="On hold: over the limit" newlyOnHold />);
    expect(screen.getByRole('alert').textContent).toContain('On credit hold.');
  });
});
