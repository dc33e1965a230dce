import { render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { CaptureStatus } from './CaptureStatus';

describe('CaptureStatus', () => {
  it('ends the sentence once after a name that ends in a full stop', () => {
    render(<CaptureStatus outcome={{ status: 'sent', type: 'STAFF_CUTS', accountName: 'Río Claro Agro S.R.L.' } as never} />);
    expect(screen.getByTestId('capture-status').textContent).toBe('Sent: Staff cuts for Río Claro Agro S.R.L.');
  });
});
