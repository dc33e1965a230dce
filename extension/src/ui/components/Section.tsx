import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

interface Props {
  title: string;
  /** Right-aligned extra in the heading row (a count, a link). */
  aside?: ComponentChildren;
  children: ComponentChildren;
  class?: string;
}

/** A titled region: a real heading, and the region labelled by it so screen readers can jump between them. */
export function Section({ title, aside, children, class: className }: Props) {
  const id = useId();
  return (
    <section class={className ? `section ${className}` : 'section'} aria-labelledby={id}>
      <div class="section__head">
        <h3 id={id} class="section__title">
          {title}
        </h3>
        {aside ? <span class="section__aside">{aside}</span> : null}
      </div>
      {children}
    </section>
  );
}
