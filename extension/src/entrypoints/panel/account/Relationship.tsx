import { useRef, useState } from 'preact/hooks';
import { runOp } from '@/lib/run-op';
import type { SessionUser } from '@/lib/messages';
import type { AccountCardData } from '@/lib/types';
import { RelativeTime } from '@/ui/components/RelativeTime';
import { Section } from '@/ui/components/Section';
import { CHANNEL_LABEL, TONE_LABEL } from '@/ui/format/labels';
import { CustomerCardForm } from '../card/CustomerCardForm';
import { formatDate } from '@/ui/format/dates';

interface Props {
  account: AccountCardData;
  /** Who is looking: writers (not VIEWER) may edit the card. Left out: the card is shown read-only. */
  user?: SessionUser | null;
}

/**
 * Seed 001's customer card: what they do, why they buy from us, what we are to them, where else they could go,
 * how they like to be reached and how often — editable here by anyone who may write (not VIEWER). "I spoke to
 * them today" records the contact; a key account quiet for longer than its cadence says so.
 */
export function Relationship({ account, user = null }: Props) {
  const [editing, setEditing] = useState(false);
  const [status, setStatus] = useState<{ busy: boolean; message: string; failed?: boolean }>({ busy: false, message: '' });
  const editButton = useRef<HTMLButtonElement>(null);
  const canWrite = user != null && user.role !== 'VIEWER';
  const { description, whyTheyBuy, ourValue, alternatives, lastContactAt, preferredChannel, preferredTone, contactFrequencyDays } = account;
  const empty = !description && !whyTheyBuy.length && !ourValue && !alternatives && !preferredChannel && !preferredTone && !contactFrequencyDays;

  const recordContact = async () => {
    setStatus({ busy: true, message: '' });
    const outcome = await runOp('PanelRecordContact', { input: { accountId: account.id } }, account.id);
    setStatus(outcome.ok ? { busy: false, message: 'Contact recorded for today.' } : { busy: false, message: `Not recorded: ${outcome.error}`, failed: true });
  };

  const closeForm = () => {
    setEditing(false);
    queueMicrotask(() => editButton.current?.focus());
  };

  if (editing) {
    return (
      <Section title="Know the customer">
        <CustomerCardForm
          account={account}
          onSaved={() => {
            setStatus({ busy: false, message: 'Customer card saved.' });
            closeForm();
          }}
          onCancel={closeForm}
        />
      </Section>
    );
  }

  return (
    <Section
      title="Know the customer"
      aside={account.keyAccount ? <span class="tag" data-testid="key-account">Key account</span> : undefined}
      class="relationship"
    >
      {account.contactOverdue ? (
        <p class="banner banner--quiet" data-testid="gone-quiet">
          <strong>Gone quiet.</strong> No contact{' '}
          {lastContactAt ? (
            <>
              since {formatDate(lastContactAt)} (<RelativeTime iso={lastContactAt} />)
            </>
          ) : (
            'recorded'
          )}
          {contactFrequencyDays ? `; this key account should hear from us every ${contactFrequencyDays} days.` : '.'}
        </p>
      ) : null}
      {description ? (
        <>
          <h4 class="subhead">What they do</h4>
          <p data-testid="card-what-they-do">{description}</p>
        </>
      ) : null}
      {whyTheyBuy.length ? (
        <>
          <h4 class="subhead">Why they buy from us</h4>
          <ol class="reasons">
            {whyTheyBuy.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ol>
        </>
      ) : null}
      {ourValue ? (
        <>
          <h4 class="subhead">Our value to them</h4>
          <p>{ourValue}</p>
        </>
      ) : null}
      {alternatives ? (
        <>
          <h4 class="subhead">Their alternatives</h4>
          <p>{alternatives}</p>
        </>
      ) : null}
      {preferredChannel || preferredTone || contactFrequencyDays ? (
        <p class="muted" data-testid="card-reach">
          {preferredChannel ? `Prefers ${CHANNEL_LABEL[preferredChannel].toLowerCase()}` : 'Reach them'}
          {preferredTone ? `, ${TONE_LABEL[preferredTone]}` : ''}
          {contactFrequencyDays ? `, at least every ${contactFrequencyDays} days` : ''}.
        </p>
      ) : null}
      {empty ? <p class="muted">Nothing on the card yet{canWrite ? ': what do they do, and why do they buy from us?' : '.'}</p> : null}
      <p class="muted">
        {lastContactAt ? (
          <>
            Last contact <RelativeTime iso={lastContactAt} withDate />
          </>
        ) : (
          'No contact recorded'
        )}
      </p>
      <p class="intel-announcement" role="status" data-failed={status.failed ? 'true' : undefined}>
        {status.message}
      </p>
      {canWrite ? (
        <div class="actions__buttons">
          <button type="button" class="button" data-testid="record-contact" disabled={status.busy} onClick={() => void recordContact()}>
            {status.busy ? 'Recording…' : 'I spoke to them today'}
          </button>
          <button ref={editButton} type="button" class="button button--quiet" data-testid="edit-card" onClick={() => setEditing(true)}>
            Edit card
          </button>
        </div>
      ) : null}
    </Section>
  );
}
