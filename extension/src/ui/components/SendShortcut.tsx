const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** "Ctrl+Enter" (⌘+Enter on a Mac) beside a form's send button: the key every capture form sends with. */
export function SendShortcut() {
  return (
    <span class="capture__shortcut">
      <kbd>{isMac ? '⌘' : 'Ctrl'}</kbd>+<kbd>Enter</kbd>
    </span>
  );
}
