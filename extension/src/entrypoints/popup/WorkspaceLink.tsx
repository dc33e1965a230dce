import { browser } from 'wxt/browser';

/** Opens the workspace page in a tab (a popup closes when it loses focus, so it closes itself first-hand). */
export function WorkspaceLink() {
  const url = browser.runtime.getURL('/dashboard.html');
  return (
    <a
      class="button button--quiet popup__workspace"
      href={url}
      target="_blank"
      rel="noopener"
      data-testid="open-workspace"
      onClick={(e) => {
        e.preventDefault();
        void browser.tabs.create({ url }).then(() => window.close());
      }}
    >
      Open the workspace: accounts, alerts, reviews, requests
    </a>
  );
}
