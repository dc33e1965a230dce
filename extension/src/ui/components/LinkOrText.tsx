import type { ComponentChildren } from 'preact';

interface Props {
  /** From ui/format/links (mailtoHref, telHref, webHref): null renders the children as plain text. */
  href: string | null;
  class?: string;
  'aria-label'?: string;
  children: ComponentChildren;
}

/** A link only for a value ui/format/links validated; otherwise the same text, not clickable. */
export function LinkOrText({ href, class: className, 'aria-label': label, children }: Props) {
  if (href === null) return <span class={className}>{children}</span>;
  return (
    <a href={href} class={className} aria-label={label}>
      {children}
    </a>
  );
}
