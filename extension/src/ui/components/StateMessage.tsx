import type { ComponentChildren } from 'preact';

interface Props {
  title: string;
  children?: ComponentChildren;
  /** Buttons or links offered below the message. */
  actions?: ComponentChildren;
  tone?: 'neutral' | 'warning' | 'error';
}

/** The designed empty, error and signed-out states: a heading, a sentence, and what to do next. */
export function StateMessage({ title, children, actions, tone = 'neutral' }: Props) {
  return (
    <div class="state-message" data-tone={tone} role={tone === 'error' ? 'alert' : undefined}>
      <h2 class="state-message__title">{title}</h2>
      {children ? <div class="state-message__body">{children}</div> : null}
      {actions ? <div class="state-message__actions">{actions}</div> : null}
    </div>
  );
}
