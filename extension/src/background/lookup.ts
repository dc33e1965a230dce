/**
 * One lookup of a page context, as the tab tracker asks it (`TabTrackerOptions.resolve`): `ResolveAccounts` for the
 * context as viewed (without the company's own people, with the record's remembered accounts), then the open
 * workflows of the matched accounts (`PanelAccountWork`), and beside them, when a tab showing the context has its
 * panel open, the detail of the first match (account-detail.ts `prime`).
 */
import type { PageContext } from '@earshot/shared';
import type { AccountMatchData } from '../lib/messages.js';
import type { AccountWorkData } from '../lib/types.js';
import type { OperationOutcome } from './graphql.js';
import type { OperationData } from './operation-types.js';
import type { ResolveOutcome } from './tabs.js';

export interface LookupDeps {
  run: <N extends 'ResolveAccounts' | 'PanelAccountWork'>(name: N, variables: Record<string, unknown>) => Promise<OperationOutcome<OperationData[N]>>;
  /** The reported context as looked up (null: nobody left). */
  view: (reported: PageContext) => Promise<PageContext | null>;
  /** Reads the own domains again if a minute old; true when they changed. */
  recheckOwnDomains: () => Promise<boolean>;
  /** The own domains changed: every tab is viewed again. */
  ownDomainsChanged: () => void;
  /** Asks the detail of the account an open panel will show first. */
  prime: (accountId: string) => void;
}

export function lookup(deps: LookupDeps): (reported: PageContext, panelOpen: () => boolean) => Promise<ResolveOutcome> {
  return async (reported, panelOpen) => {
    // Again here: the own domains may have changed since the page reported.
    let context = await deps.view(reported);
    if (!context) return { ok: true, matches: [] };
    let outcome = await deps.run('ResolveAccounts', { context: contextInput(context) });
    if (!outcome.ok) return outcome;
    if (!outcome.data.resolveAccounts.length && (await deps.recheckOwnDomains())) {
      // Nobody matched: the own domains may have changed on the server (a colleague-only thread would show "Not a
      // customer yet"). They did: this context is filtered again and looked up again, the other tabs likewise.
      deps.ownDomainsChanged();
      context = await deps.view(reported);
      if (!context) return { ok: true, matches: [] };
      outcome = await deps.run('ResolveAccounts', { context: contextInput(context) });
      if (!outcome.ok) return outcome;
    }
    const matches = outcome.data.resolveAccounts;
    if (!matches.length) return { ok: true, matches };
    // The detail of the account an open panel shows first, beside the workflows: the panel takes it from the worker.
    // A closed panel's document asks it itself; no tab with an open panel, no request competing with the lookup.
    if (panelOpen()) deps.prime((matches[0] as AccountMatchData).account.id);
    // The open workflows of the matched accounts, in one more request (see ACCOUNT_WORK_FIELDS for why apart).
    const work = await deps.run('PanelAccountWork', { ids: matches.map((m) => m.account.id) });
    if (!work.ok) return work;
    return { ok: true, matches: withWork(matches, work.data.nodes) };
  };
}
/** Each match's card with its account's workflows (none when the server answered null for it). */
function withWork(matches: AccountMatchData[], nodes: (AccountWorkData | null)[]): AccountMatchData[] {
  const byId = new Map(nodes.flatMap((n) => (n ? [[n.id, n] as const] : [])));
  return matches.map((m) => {
    const work = byId.get(m.account.id);
    const none = { creditActions: [], intelRequests: { totalCount: 0, edges: [] }, disputes: { totalCount: 0, edges: [] } };
    const { creditActions, intelRequests, disputes } = work ?? none;
    const standingAlerts = work?.standingAlerts;
    // The lookup's card has no alerts of its own (PanelAccountCard): the panel shows the standing ones in their place.
    const alerts = standingAlerts ?? { totalCount: 0, edges: [] };
    return { ...m, account: { ...m.account, alerts, creditActions, intelRequests, disputes, ...(standingAlerts ? { standingAlerts } : {}) } };
  });
}


/** `PageContextInput` (server/schema.graphql): the identifiers only; site, page type and record name stay local. */
function contextInput(context: PageContext): Record<string, unknown> {
  const input: Record<string, unknown> = { emails: context.emails, domains: context.domains, url: context.url };
  if (context.crmRecord) {
    const { system, objectType, recordId } = context.crmRecord;
    input.crmRecord = { system, objectType, recordId };
  }
  if (context.linkedRecords?.length) {
    input.linkedRecords = context.linkedRecords.map(({ system, objectType, recordId }) => ({ system, objectType, recordId }));
  }
  return input;
}

