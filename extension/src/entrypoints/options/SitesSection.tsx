/**
 * Where Earshot runs: the built-in sites (on by default, each can be switched off) and the user's own sites
 * (a CRM on its own domain, an intranet webmail). Adding a site asks the browser for access to exactly that
 * origin on the click, then the worker starts the content script there.
 */
import { useState } from 'preact/hooks';
import type { Settings } from '@/lib/messages';
import { send } from '@/lib/send';
import { normalizeSiteOrigin } from '@/lib/server-url';
import { BUILT_IN_SITES } from './built-in-sites';
import { requestOrigin } from './permissions';

interface Props {
  settings: Settings;
  onSettings: (settings: Settings) => void;
}

export function SitesSection({ settings, onSettings }: Props) {
  return (
    <section class="opt-section" aria-labelledby="sites-title">
      <h2 id="sites-title" class="opt-section__title">
        Sites
      </h2>
      <BuiltInSites settings={settings} onSettings={onSettings} />
      <CustomSites settings={settings} onSettings={onSettings} />
    </section>
  );
}

function BuiltInSites({ settings, onSettings }: Props) {
  const toggle = async (key: string, on: boolean) => {
    const disabledSites = on ? settings.disabledSites.filter((k) => k !== key) : [...settings.disabledSites, key];
    onSettings(await send('settings/set', { disabledSites }));
  };
  return (
    <fieldset class="opt-fieldset">
      <legend class="opt-subhead">Built-in sites</legend>
      <ul class="opt-list">
        {BUILT_IN_SITES.map((site) => (
          <li key={site.key} class="opt-list__item">
            <label class="opt-check">
              <input
                type="checkbox"
                data-testid="built-in-site"
                data-site={site.key}
                checked={!settings.disabledSites.includes(site.key)}
                onChange={(e) => toggle(site.key, e.currentTarget.checked)}
              />
              <span>
                {site.label} <span class="opt-muted">— {site.where}</span>
              </span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

function CustomSites({ settings, onSettings }: Props) {
  const [input, setInput] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const add = async (event: Event) => {
    event.preventDefault();
    setError(null);
    const parsed = normalizeSiteOrigin(input);
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    setBusy(true);
    try {
      // The permission prompt first, while the click still counts as a user gesture.
      if (!(await requestOrigin(parsed.origin))) {
        setError(`Access to ${parsed.origin} was not allowed, so Earshot cannot run there.`);
        return;
      }
      const result = await send('sites/enable', { origin: parsed.origin });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setInput('');
      onSettings(await send('settings/get'));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (origin: string) => {
    await send('sites/disable', { origin });
    onSettings(await send('settings/get'));
  };

  return (
    <div class="opt-custom">
      <h3 class="opt-subhead">Your own sites</h3>
      <p class="opt-muted">A CRM or webmail on your company's own domain. Earshot asks your browser for access to that site only.</p>
      {settings.customSites.length ? (
        <ul class="opt-list">
          {settings.customSites.map((origin) => (
            <li key={origin} class="opt-list__item opt-list__item--row" data-testid="custom-site-item">
              <code>{origin}</code>
              <button type="button" class="opt-button opt-button--small" onClick={() => remove(origin)} aria-label={`Remove ${origin}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <form class="opt-inline" onSubmit={add} noValidate>
        <input
          data-testid="custom-site-input"
          type="url"
          inputMode="url"
          spellcheck={false}
          aria-label="Site address"
          placeholder="crm.your-company.com"
          value={input}
          onInput={(e) => setInput(e.currentTarget.value)}
        />
        <button type="submit" class="opt-button" data-testid="custom-site-add" disabled={busy}>
          Add site
        </button>
      </form>
      {error ? (
        <p class="opt-note opt-note--error" role="alert" data-testid="custom-site-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
