import { useEffect, useRef, useState } from 'preact/hooks';
import type { SessionUser } from '@/lib/messages';
import type { AccountCardData } from '@/lib/types';
import { Section } from '@/ui/components/Section';
import { isCreditRole } from '@/ui/format/labels';
import { formatMoney } from '@/ui/format/money';
import { formatDate } from '@/ui/format/dates';
import { nameFor } from '@/ui/format/people';
import { DisputeForm } from './DisputeForm';
import { DISPUTE_KIND_LABEL } from './labels';

interface Props {
  account: AccountCardData;
  user: SessionUser | null;
}

/**
 * Seed 001: a dispute or delivery problem holding up payment has an internal owner. The open ones, in words
 * (the amount only for those who may see figures — the server sends null otherwise), and a form to report one:
 * sales usually hears of them first.
 */
export function Disputes({ account, user }: Props) {
  const [formOpen, setFormOpen] = useState(false);
  const [saved, setSaved] = useState('');
  const openButton = useRef<HTMLButtonElement>(null);
  const disputes = account.disputes.edges.map((e) => e.node);
  const canWrite = user != null && user.role !== 'VIEWER';
  const returnFocus = useRef(false);
  const close = () => {
    returnFocus.current = true;
    setFormOpen(false);
  };
  // Back to the button that opened the form, once it is rendered again.
  useEffect(() => {
    if (!formOpen && returnFocus.current) {
      returnFocus.current = false;
      openButton.current?.focus();
    }
  }, [formOpen]);

  return (
    <Section title="Disputes" aside={disputes.length ? `${account.disputes.totalCount} open` : undefined} class="disputes">
      {disputes.length ? (
        <ul class="list" data-testid="dispute-list">
          {disputes.map((d) => (
            <li key={d.id} class="list__item dispute" data-testid="dispute" data-kind={d.kind}>
              <div class="list__main">
                <span>
                  <strong>{DISPUTE_KIND_LABEL[d.kind]}</strong>: {d.reason}
                  {d.amount != null ? (
                    <span class="dispute__amount" data-testid="dispute-amount">
                      {' '}
                      · {formatMoney(d.amount, d.currency)}
                    </span>
                  ) : null}
                </span>
                <span class="list__meta">
                  {d.summary}
                  {d.owner ? ` · handled by ${nameFor(d.owner, user)}` : ''}
                  {d.expectedBy ? ` · expected ${formatDate(d.expectedBy)}` : ''}
                </span>
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">No open disputes or delivery problems.</p>
      )}
      <p class="intel-announcement" role="status">
        {saved}
      </p>
      {canWrite ? (
        formOpen ? (
          <DisputeForm
            account={account}
            canPickInvoices={isCreditRole(user?.role)}
            onSaved={(summary) => {
              setSaved(`Reported: ${summary}`);
              close();
            }}
            onCancel={close}
          />
        ) : (
          <button ref={openButton} type="button" class="button" data-testid="report-dispute" aria-expanded="false" onClick={() => setFormOpen(true)}>
            Report a dispute / delivery problem
          </button>
        )
      ) : null}
    </Section>
  );
}
