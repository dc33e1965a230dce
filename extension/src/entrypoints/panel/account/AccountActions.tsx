import { useRef, useState } from 'preact/hooks';
import type { SessionUser } from '@/lib/messages';
import type { AccountCardData } from '@/lib/types';
import { CaptureForm } from '@/ui/capture/CaptureForm';
import { isCreditRole } from '@/ui/format/labels';
import { NoteForm } from './NoteForm';

interface Props {
  account: AccountCardData;
  user: SessionUser | null;
  sourceUrl: string | undefined;
  onChanged: () => void;
}

type Open = 'none' | 'signal' | 'note';

/** "Add signal" opens the capture form inline for this account; "Add note" a note form. One at a time. */
export function AccountActions({ account, user, sourceUrl, onChanged }: Props) {
  const [open, setOpen] = useState<Open>('none');
  const signalButton = useRef<HTMLButtonElement>(null);
  const noteButton = useRef<HTMLButtonElement>(null);
  const close = (from: Open) => {
    setOpen('none');
    (from === 'signal' ? signalButton : noteButton).current?.focus();
  };
  return (
    <div class="actions">
      <div class="actions__buttons">
        <button
          ref={signalButton}
          type="button"
          class="button"
          data-testid="add-signal"
          aria-expanded={open === 'signal'}
          onClick={() => setOpen(open === 'signal' ? 'none' : 'signal')}
        >
          + Signal
        </button>
        <button
          ref={noteButton}
          type="button"
          class="button"
          data-testid="add-note"
          aria-expanded={open === 'note'}
          onClick={() => setOpen(open === 'note' ? 'none' : 'note')}
        >
          + Note
        </button>
      </div>
      {open === 'signal' ? (
        <CaptureForm
          account={{ id: account.id, name: account.name }}
          sourceUrl={sourceUrl}
          focusChipsKey={account.id}
          onDone={(outcome) => {
            if (outcome.status !== 'failed') onChanged();
          }}
          onCancel={() => close('signal')}
        />
      ) : null}
      {open === 'note' ? (
        <NoteForm
          accountId={account.id}
          canRestrict={isCreditRole(user?.role)}
          onSaved={() => {
            close('note');
            onChanged();
          }}
          onCancel={() => close('note')}
        />
      ) : null}
    </div>
  );
}
