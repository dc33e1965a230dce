import { CONTACT_CHANNELS, CONTACT_TONES, type ContactChannel, type ContactTone } from '@earshot/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { runOp } from '@/lib/run-op';
import type { AccountCardData } from '@/lib/types';
import { CHANNEL_LABEL, TONE_LABEL } from '@/ui/format/labels';
import { cardChanges, type CardValues, cardValuesOf } from './card-values';
import { formKeys } from '@/ui/hooks/form-keys';

interface Props {
  account: AccountCardData;
  onSaved: () => void;
  onCancel: () => void;
}

/** Seed 001's customer card, edited where it is read: only the fields changed go to `updateCustomerCard`. */
export function CustomerCardForm({ account, onSaved, onCancel }: Props) {
  const initial = useRef(cardValuesOf(account));
  const [values, setValues] = useState<CardValues>(initial.current);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const first = useRef<HTMLTextAreaElement>(null);
  useEffect(() => first.current?.focus(), []);

  const set = (patch: Partial<CardValues>) => setValues((v) => ({ ...v, ...patch }));

  const save = async () => {
    if (busy) return;
    const changes = cardChanges(initial.current, values);
    if (!changes.ok) {
      setProblem(changes.problem);
      return;
    }
    if (!Object.keys(changes.input).length) {
      onCancel();
      return;
    }
    setBusy(true);
    setProblem(null);
    const outcome = await runOp('PanelUpdateCustomerCard', { input: { accountId: account.id, ...changes.input } }, account.id);
    setBusy(false);
    if (outcome.ok) onSaved();
    else setProblem(`Not saved: ${outcome.error}`);
  };

  return (
    <form
      class="card-form"
      data-testid="card-form"
      aria-label={`Edit the customer card of ${account.name}`}
      {...formKeys(save, onCancel)}
    >
      <label class="field">
        <span class="field__label">What they do</span>
        <textarea
          ref={first}
          class="field__input"
          rows={2}
          maxLength={2000}
          value={values.description}
          data-testid="card-description"
          onInput={(e) => set({ description: e.currentTarget.value })}
        />
      </label>
      <fieldset class="card-form__reasons">
        <legend class="field__label">Why they buy from us (three reasons)</legend>
        {values.whyTheyBuy.map((reason, i) => (
          <input
            key={`reason-${i + 1}`}
            class="field__input"
            aria-label={`Reason ${i + 1}`}
            maxLength={200}
            value={reason}
            data-testid="card-reason"
            onInput={(e) => {
              const next = [...values.whyTheyBuy];
              next[i] = e.currentTarget.value;
              set({ whyTheyBuy: next });
            }}
          />
        ))}
      </fieldset>
      <label class="field">
        <span class="field__label">Our value to them</span>
        <textarea class="field__input" rows={2} maxLength={2000} value={values.ourValue} onInput={(e) => set({ ourValue: e.currentTarget.value })} />
      </label>
      <label class="field">
        <span class="field__label">Their alternatives</span>
        <textarea
          class="field__input"
          rows={2}
          maxLength={2000}
          value={values.alternatives}
          onInput={(e) => set({ alternatives: e.currentTarget.value })}
        />
      </label>
      <div class="card-form__row">
        <label class="field">
          <span class="field__label">Preferred channel</span>
          <select
            class="field__input"
            value={values.preferredChannel}
            data-testid="card-channel"
            onChange={(e) => set({ preferredChannel: e.currentTarget.value as ContactChannel | '' })}
          >
            <option value="">Not set</option>
            {CONTACT_CHANNELS.map((c) => (
              <option key={c} value={c}>
                {CHANNEL_LABEL[c]}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span class="field__label">Tone</span>
          <select
            class="field__input"
            value={values.preferredTone}
            onChange={(e) => set({ preferredTone: e.currentTarget.value as ContactTone | '' })}
          >
            <option value="">Not set</option>
            {CONTACT_TONES.map((t) => (
              <option key={t} value={t}>
                {TONE_LABEL[t]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div class="card-form__row">
        <label class="field">
          <span class="field__label">Contact at least every … days</span>
          <input
            class="field__input"
            type="number"
            min={1}
            max={3650}
            inputMode="numeric"
            value={values.contactFrequencyDays}
            data-testid="card-cadence"
            onInput={(e) => set({ contactFrequencyDays: e.currentTarget.value })}
          />
        </label>
        <label class="card-form__check">
          <input type="checkbox" checked={values.keyAccount} data-testid="card-key-account" onChange={(e) => set({ keyAccount: e.currentTarget.checked })} /> Key
          account
        </label>
      </div>
      {problem ? (
        <p class="capture__problem" role="alert">
          {problem}
        </p>
      ) : null}
      <div class="capture__actions">
        <button type="submit" class="button button--primary" data-testid="card-save" disabled={busy}>
          {busy ? 'Saving…' : 'Save card'}
        </button>
        <button type="button" class="button button--quiet" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
