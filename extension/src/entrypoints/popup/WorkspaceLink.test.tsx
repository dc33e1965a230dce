import '@/ui/testing/setup';
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { WorkspaceLink } from './WorkspaceLink';

it('opens the workspace page in a new tab and closes the popup', async () => {
  const close = vi.spyOn(window, 'close').mockImplementation(() => undefined);
  render(<WorkspaceLink />);
  const link = screen.getByTestId('open-workspace') as HTMLAnchorElement;
  expect(link.href).toBe(fakeBrowser.runtime.getURL('/dashboard.html'));
  const before = (await fakeBrowser.tabs.query({})).length;
  fireEvent.click(link);
  await waitFor(async () => expect((await fakeBrowser.tabs.query({})).map((t) => t.url)).toContain(fakeBrowser.runtime.getURL('/dashboard.html')));
  expect((await fakeBrowser.tabs.query({})).length).toBe(before + 1);
  await waitFor(() => expect(close).toHaveBeenCalled());
});
