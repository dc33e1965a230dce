import { GUARDRAIL_LABEL } from '@earshot/shared';
import type { ComponentChildren } from 'preact';
import type { GuardrailFlag } from '@/lib/workspace-visit-types';

/** The seed's "don'ts" found in a text: what kind, the words, and why; an action per flag when given. */
export function GuardrailFlags({ flags, action, testId = 'guardrail-flags' }: { flags: GuardrailFlag[]; action?: (flag: GuardrailFlag) => ComponentChildren; testId?: string }) {
  if (!flags.length) return null;
  return (
    <ul class="guardrail-flags" data-testid={testId} aria-label="Flagged">
      {flags.map((f) => (
        <li key={`${f.kind}:${f.field}:${f.start}:${f.excerpt}`} class="guardrail-flag" data-testid="guardrail-flag" data-kind={f.kind} data-acknowledged={f.acknowledged ? 'true' : undefined}>
          <span class="guardrail-flag__kind">
            <span aria-hidden="true">⚠ </span>
            {GUARDRAIL_LABEL[f.kind]}
            {f.acknowledged ? ' (kept: acknowledged)' : ''}
          </span>{' '}
          <q class="guardrail-flag__excerpt">{f.excerpt}</q> <span class="muted">{f.reason}</span>
          {action ? <span class="guardrail-flag__action">{action(f)}</span> : null}
        </li>
      ))}
    </ul>
  );
}
