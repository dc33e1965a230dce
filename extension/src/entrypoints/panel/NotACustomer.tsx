import type { PageContext } from '@earshot/shared';
import { useState } from 'preact/hooks';
import { send } from '@/lib/send';
import { StateMessage } from '@/ui/components/StateMessage';
import { creatableDomains, suggestedAccountName } from './page-company';

interface Props {
  context: PageContext;
  canCreate: boolean;
  onCreated: () => void;
}

/** A company on the page that Earshot does not know. Credit and admin users can add it from here. */
export function NotACustomer({ context, canCreate, onCreated }: Props) {
  const domains = creatableDomains(context);
  const [name, setName] = useState(suggestedAccountName(context));
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const create = async () => {
    if (!name.trim()) return setProblem('Give the account a name.');
    setBusy(true);
    setProblem(null);
    try {
      const res = await send('account/create', {
        name: name.trim(),
        domains,
        ...(context.crmRecord ? { crmRecord: context.crmRecord } : {}),
      });
      if (res.ok) onCreated();
      else setProblem(res.error);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  const who = domains.length ? domains.join(', ') : context.recordName ?? 'This record';
  return (
    <StateMessage title="Not a customer yet">
      <p>
        <strong>{who}</strong> {domains.length > 1 ? 'are' : 'is'} not linked to any account in Earshot.
      </p>
      {canCreate ? (
        <form
          class="create-account"
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          <label class="field">
            <span class="field__label">Account name</span>
            <input class="field__input" data-testid="create-account-name" value={name} onInput={(e) => setName(e.currentTarget.value)} />
          </label>
          {problem ? (
            <p class="capture__problem" role="alert">
              {problem}
            </p>
          ) : null}
          <button type="submit" class="button button--primary" data-testid="create-account" disabled={busy}>
            {busy ? 'Creating…' : 'Create account'}
          </button>
        </form>
      ) : (
        <p class="muted">Ask your credit team to add it if you are starting to trade with them.</p>
      )}
    </StateMessage>
  );
}
