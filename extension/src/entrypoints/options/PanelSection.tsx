/** Panel defaults: which side of the page it opens on, and forgetting per-site open/closed choices. */
import type { Settings } from '@/lib/messages';
import { send } from '@/lib/send';

interface Props {
  settings: Settings;
  onSettings: (settings: Settings) => void;
}

export function PanelSection({ settings, onSettings }: Props) {
  const setSide = async (panelSide: Settings['panelSide']) => onSettings(await send('settings/set', { panelSide }));
  const remembered = Object.keys(settings.panelOpen).length;
  const forget = async () => onSettings(await send('settings/set', { panelOpen: {} }));
  return (
    <section class="opt-section" aria-labelledby="panel-title">
      <h2 id="panel-title" class="opt-section__title">
        Panel
      </h2>
      <fieldset class="opt-fieldset">
        <legend class="opt-subhead">Open the panel on the</legend>
        <div class="opt-inline">
          {(['right', 'left'] as const).map((side) => (
            <label key={side} class="opt-check">
              <input type="radio" name="panel-side" data-testid={`panel-side-${side}`} checked={settings.panelSide === side} onChange={() => setSide(side)} />
              <span>{side === 'right' ? 'Right' : 'Left'}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <p class="opt-muted">
        Earshot remembers whether you left the panel open on each site{remembered ? ` (${remembered} remembered)` : ''}.{' '}
        {remembered ? (
          <button type="button" class="opt-link" onClick={forget}>
            Forget these choices
          </button>
        ) : null}
      </p>
    </section>
  );
}
