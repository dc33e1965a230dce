import { browser } from 'wxt/browser';
import { StateMessage } from './StateMessage';

/** Shown by the panel and the popup when the service worker holds no session. */
export function SignedOutPrompt() {
  return (
    <StateMessage
      title="Sign in to Earshot"
      actions={
        <button type="button" class="button button--primary" onClick={() => void browser.runtime.openOptionsPage()}>
          Open Earshot settings
        </button>
      }
    >
      <p>Connect to your Earshot server to see credit status and field notes for your customers.</p>
    </StateMessage>
  );
}
