/**
 * The visit briefing folder, for screen and print. STUB — the briefing branch implements it.
 */
import type { Briefing } from '@earshot/shared';

export function BriefingDocument({ briefing }: { briefing: Briefing }) {
  return (
    <article class="briefing">
      <h1>Visit briefing</h1>
      <p>Prepared {briefing.preparedAt}</p>
    </article>
  );
}
