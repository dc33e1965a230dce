import type { PageContext } from '@earshot/shared';
import { useState } from 'preact/hooks';
import type { AccountDomainResult } from '@/lib/messages';
import { send } from '@/lib/send';
import type { CaptureAccount } from '@/ui/capture/CaptureForm';
import { StateMessage } from '@/ui/components/StateMessage';
import { AccountSearch } from '../popup/AccountSearch';
import { creatableDomains, suggestedAccountName } from './page-company';
import { listAnd } from '@/ui/format/lists';

interface Props {
  context: PageContext;
  canCreate: boolean;
  onCreated: () => void;
}

/**
 * A company on the page that Earshot does not know. Credit and admin users can create an account for it here, or add
 * its domains to an account that already exists (a new domain, a subsidiary's mail); the server allows both only to
 * them (addAccountDomains: CREDIT and ADMIN), so everyone else is told to ask the credit team for either.
 */
export function NotACustomer({ context, canCreate, onCreated }: Props) {
  const domains = creatableDomains(context);
  const [name, setName] = useState(suggestedAccountName(context));
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const create = async () => {
    if (busy) return;
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

  const who = domains.length ? listAnd(domains) : context.recordName ?? 'This record';
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
          {/* Busy but still focusable (aria-disabled, not disabled): the keyboard user keeps their place (issue 14). */}
          <button type="submit" class="button button--primary" data-testid="create-account" aria-disabled={busy || undefined}>
            {busy ? 'Creating…' : 'Create account'}
          </button>
        </form>
      ) : (
        <p class="muted">
          Ask your credit team to add it if you are starting to trade with them
          {domains.length ? `, or to add ${listAnd(domains)} to the customer’s existing account if it is one already` : ''}.
        </p>
      )}
      {canCreate && domains.length ? <AddToExisting domains={domains} onAdded={onCreated} /> : null}
    </StateMessage>
  );
}

const REFUSAL_WORDS: Record<NonNullable<AccountDomainResult['refusal']>, string> = {
  INVALID: 'not a domain',
  OWN_DOMAIN: 'one of your company’s own domains',
  OTHER_ACCOUNT: 'belongs to another account',
  ACCOUNT_FULL: 'the account has the most domains an account may have (50)',
};

const list = listAnd;

/**
 * What became of the domains, in one sentence: "Added acme.example to Acme Tools; not added: acme-group.example
 * (belongs to Acme Group Ltd)". The other account is named only when the server showed it to this viewer.
 */
export function domainOutcomeText(account: string, results: AccountDomainResult[]): string {
  const added = results.filter((r) => r.outcome === 'ADDED').map((r) => r.domain);
  const already = results.filter((r) => r.outcome === 'ALREADY_ON_ACCOUNT').map((r) => r.domain);
  const refused = results
    .filter((r) => r.outcome === 'REFUSED')
    .map((r) => `${r.domain} (${r.refusal === 'OTHER_ACCOUNT' && r.otherAccount ? `belongs to ${r.otherAccount.name}` : REFUSAL_WORDS[r.refusal ?? 'INVALID']})`);
  const parts = [
    added.length ? `Added ${list(added)} to ${account}` : `Nothing added to ${account}`,
    already.length ? `${list(already)} ${already.length > 1 ? 'were' : 'was'} on it already` : null,
    refused.length ? `not added: ${listAnd(refused)}` : null,
  ];
  return `${parts.filter(Boolean).join('; ')}.`;
}

/** "Add this domain to an existing account": search by name, pick, confirm. */
function AddToExisting({ domains, onAdded }: { domains: string[]; onAdded: () => void }) {
  const [open, setOpen] = useState(false);
  const [picked, setPicked] = useState<CaptureAccount | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  /** Some domains were refused: what happened, and whether any went on the account (then the page matches it). */
  const [partial, setPartial] = useState<{ text: string; added: boolean } | null>(null);
  const what = domains.length === 1 ? 'this domain' : 'these domains';

  const add = async () => {
    if (!picked) return;
    setBusy(true);
    setProblem(null);
    setPartial(null);
    try {
      const res = await send('account/addDomains', { accountId: picked.id, domains });
      if (!res.ok) setProblem(res.error);
      else if (res.results.every((r) => r.outcome !== 'REFUSED')) onAdded();
      else setPartial({ text: domainOutcomeText(res.name, res.results), added: res.results.some((r) => r.outcome !== 'REFUSED') });
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  if (partial?.added) {
    // Part of it went on the account: say what, then move on to the account when the user has read it.
    return (
      <div class="add-domain" data-testid="add-domain-form">
        <p role="status" data-testid="add-domain-outcome">
          {partial.text}
        </p>
        <button type="button" class="button button--primary" data-testid="add-domain-done" onClick={onAdded}>
          Show {picked?.name ?? 'the account'}
        </button>
      </div>
    );
  }

  if (!open) {
    return (
      <button type="button" class="button button--quiet" data-testid="add-domain-open" onClick={() => setOpen(true)}>
        Add {what} to an existing account
      </button>
    );
  }
  return (
    <div class="add-domain" data-testid="add-domain-form">
      <p class="field__label">Add {listAnd(domains)} to an existing account</p>
      {picked ? (
        <div class="add-domain__confirm">
          <p>
            Add <strong>{listAnd(domains)}</strong> to <strong data-testid="add-domain-account">{picked.name}</strong>?
          </p>
          {problem || partial ? (
            <p class="capture__problem" role="alert" data-testid="add-domain-outcome">
              {problem ?? partial?.text}
            </p>
          ) : null}
          <button type="button" class="button button--primary" data-testid="add-domain" aria-disabled={busy || undefined} onClick={() => void (busy || add())}>
            {busy ? 'Adding…' : `Add to ${picked.name}`}
          </button>{' '}
          <button
            type="button"
            class="button button--quiet"
            onClick={() => {
              setPicked(null);
              setProblem(null);
              setPartial(null);
            }}
          >
            Choose another
          </button>
        </div>
      ) : (
        <AccountSearch onPick={setPicked} autoFocus />
      )}
    </div>
  );
}
