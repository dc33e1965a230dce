/**
 * The keys every short form of the panel shares: submitting (the button or Ctrl/⌘+Enter, also from a textarea)
 * runs `submit`, Escape runs `cancel`. Spread onto the `<form>`: `<form {...formKeys(save, onCancel)}>`.
 */
export function formKeys(submit: () => unknown, cancel: () => void) {
  return {
    onSubmit: (e: Event) => {
      e.preventDefault();
      void submit();
    },
    onKeyDown: (e: KeyboardEvent) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        void submit();
      } else if (e.key === 'Escape') {
        e.preventDefault();
        cancel();
      }
    },
  };
}
