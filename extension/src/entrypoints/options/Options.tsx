/**
 * The options page: account, sites, panel defaults, adapter health. Everything is read from and written
 * through the service worker (`send`); the page keeps no state of its own beyond the form fields.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { HealthEntry, Settings } from '@/lib/messages';
import { onBroadcast, send } from '@/lib/send';
import { AccountSection, type AuthInfo } from './AccountSection';
import { HealthSection } from './HealthSection';
import { PanelSection } from './PanelSection';
import { SitesSection } from './SitesSection';

interface Loaded {
  auth: AuthInfo;
  settings: Settings;
  health: HealthEntry[];
}

export function Options() {
  const [data, setData] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const [auth, settings, health] = await Promise.all([send('auth/status'), send('settings/get'), send('health/list')]);
      setData({ auth, settings, health: health.entries });
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, []);

  useEffect(() => {
    void load().then(async () => {
      // The own domains shown may be up to 15 minutes old: read them again, and show them if they changed.
      const fresh = await send('ownDomains/refresh').catch(() => null);
      if (fresh?.changed) setData((d) => (d ? { ...d, settings: fresh.settings } : d));
    });
    return onBroadcast((message) => {
      if (message.type === 'broadcast/auth-changed') void load();
    });
  }, [load]);

  const onSettings = (settings: Settings) => setData((d) => (d ? { ...d, settings } : d));

  return (
    <main class="opt-page">
      <header class="opt-header">
        <span class="opt-brand" aria-hidden="true" />
        <h1>Earshot settings</h1>
      </header>
      {error ? (
        <p class="opt-note opt-note--error" role="alert">
          {error}
        </p>
      ) : null}
      {data ? (
        <>
          <AccountSection auth={data.auth} ownDomains={data.settings.ownDomains} onChanged={load} />
          <SitesSection settings={data.settings} onSettings={onSettings} />
          <PanelSection settings={data.settings} onSettings={onSettings} />
          <HealthSection entries={data.health} />
        </>
      ) : error ? null : (
        <p class="opt-muted" aria-busy="true">
          Loading…
        </p>
      )}
    </main>
  );
}
