import { RISK_LEVELS, type RiskLevel } from '@earshot/shared';
import { useEffect, useState } from 'preact/hooks';
import type { PortfolioAccount } from '@/lib/workspace-types';
import { TrafficLight } from '@/ui/components/TrafficLight';
import { formatMoney } from '@/ui/format/money';
import { isRiskLevel, riskLabel, TREND_TEXT } from '@/ui/format/risk';
import { useDebounced } from '@/ui/hooks/use-debounced';
import { runOp } from '../op';
import { count, Empty, Failure, LoadMore, Loading, ViewHeading } from '../parts';
import { href } from '../route';
import type { Abilities } from '../session';
import { replaceHash } from '../use-hash-route';
import { usePaged } from '../use-query';

export const PAGE_SIZE = 25;
export const SEARCH_DEBOUNCE_MS = 250;

type Sort = 'NAME' | 'EXPOSURE' | 'RISK_SCORE';
type Hold = '' | 'yes' | 'no';

interface Filters {
  q: string;
  mine: boolean;
  industry: string;
  country: string;
  level: RiskLevel | '';
  hold: Hold;
  sort: Sort;
}

/** Exposure and score orders would reveal the figures: the API refuses them to SALES and VIEWER, so they are not offered. */
function filtersFrom(query: URLSearchParams, can: Abilities): Filters {
  const level = query.get('level');
  const hold = query.get('hold');
  const sort = query.get('sort');
  const figureSort = sort === 'EXPOSURE' || sort === 'RISK_SCORE';
  return {
    q: query.get('q') ?? '',
    mine: query.has('mine') ? query.get('mine') === '1' : can.sales,
    industry: query.get('industry') ?? '',
    country: query.get('country') ?? '',
    level: isRiskLevel(level) ? level : '',
    hold: hold === 'yes' || hold === 'no' ? hold : '',
    sort: sort === 'NAME' || (figureSort && can.credit) ? (sort as Sort) : can.credit ? 'RISK_SCORE' : 'NAME',
  };
}

function queryFrom(f: Filters, can: Abilities): URLSearchParams {
  const q = new URLSearchParams();
  if (f.q) q.set('q', f.q);
  if (f.mine !== can.sales) q.set('mine', f.mine ? '1' : '0');
  if (f.industry) q.set('industry', f.industry);
  if (f.country) q.set('country', f.country);
  if (f.level) q.set('level', f.level);
  if (f.hold) q.set('hold', f.hold);
  if (f.sort !== (can.credit ? 'RISK_SCORE' : 'NAME')) q.set('sort', f.sort);
  return q;
}

/** Every account the user may read, by risk (credit) or by name, with the filters of the portfolio review. */
export function Portfolio({ can, query }: { can: Abilities; query: URLSearchParams }) {
  const [filters, setFilters] = useState(() => filtersFrom(query, can));
  const search = useDebounced(filters.q.trim(), SEARCH_DEBOUNCE_MS);
  const industry = useDebounced(filters.industry.trim(), SEARCH_DEBOUNCE_MS);
  const country = useDebounced(filters.country.trim().toUpperCase(), SEARCH_DEBOUNCE_MS);
  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));

  // The filters live in the address too (replaced, not pushed: Back leaves the portfolio instead of undoing a filter).
  useEffect(() => {
    replaceHash(href.portfolio(queryFrom({ ...filters, q: search, industry, country }, can)));
  }, [search, industry, country, filters.mine, filters.level, filters.hold, filters.sort]);

  const filter = {
    ...(search ? { search } : {}),
    ...(filters.mine ? { mine: true } : {}),
    ...(industry ? { industry } : {}),
    ...(country ? { country } : {}),
    ...(filters.level ? { riskLevel: [filters.level] } : {}),
    ...(filters.hold ? { onHold: filters.hold === 'yes' } : {}),
  };
  const orderBy = { field: filters.sort, direction: filters.sort === 'NAME' ? 'ASC' : 'DESC' };
  const variables = { filter, orderBy };
  const paged = usePaged(
    async (after) => (await runOp('WorkspacePortfolio', { first: PAGE_SIZE, after, ...variables })).accounts,
    JSON.stringify(variables),
  );

  const title = can.sales && filters.mine ? 'My accounts' : 'Portfolio';
  const grouped = filters.sort === 'RISK_SCORE';
  return (
    <section class="view" aria-labelledby="portfolio-title">
      <ViewHeading aside={paged.phase === 'ready' ? <span class="muted">{count(paged.totalCount, 'account')}</span> : null}>
        <span id="portfolio-title">{title}</span>
      </ViewHeading>
      <form class="filters" onSubmit={(e) => e.preventDefault()} aria-label="Filter accounts">
        <label class="field">
          <span class="field__label">Search</span>
          <input class="field__input" type="search" value={filters.q} onInput={(e) => set({ q: e.currentTarget.value })} placeholder="Name, domain or ERP id" data-testid="filter-search" />
        </label>
        <label class="field">
          <span class="field__label">Risk level</span>
          <select class="field__input" value={filters.level} onChange={(e) => set({ level: e.currentTarget.value as RiskLevel | '' })} data-testid="filter-level">
            <option value="">Any level</option>
            {[...RISK_LEVELS].reverse().map((level) => (
              <option key={level} value={level}>
                {riskLabel(level)}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span class="field__label">Industry</span>
          <input class="field__input" value={filters.industry} onInput={(e) => set({ industry: e.currentTarget.value })} data-testid="filter-industry" />
        </label>
        <label class="field field--narrow">
          <span class="field__label">Country</span>
          <input class="field__input" value={filters.country} maxLength={2} placeholder="GB" onInput={(e) => set({ country: e.currentTarget.value })} data-testid="filter-country" />
        </label>
        <label class="field">
          <span class="field__label">On hold</span>
          <select class="field__input" value={filters.hold} onChange={(e) => set({ hold: e.currentTarget.value as Hold })} data-testid="filter-hold">
            <option value="">Either</option>
            <option value="yes">On hold</option>
            <option value="no">Not on hold</option>
          </select>
        </label>
        <label class="field">
          <span class="field__label">Sort by</span>
          <select class="field__input" value={filters.sort} onChange={(e) => set({ sort: e.currentTarget.value as Sort })} data-testid="filter-sort">
            {can.credit ? <option value="RISK_SCORE">Risk score, highest first</option> : null}
            {can.credit ? <option value="EXPOSURE">Exposure, largest first</option> : null}
            <option value="NAME">Name</option>
          </select>
        </label>
        <label class="filters__check">
          <input type="checkbox" checked={filters.mine} onChange={(e) => set({ mine: e.currentTarget.checked })} data-testid="filter-mine" /> Only mine
        </label>
      </form>
      {paged.phase === 'loading' ? <Loading what="accounts" /> : null}
      {paged.phase === 'failed' ? <Failure error={paged.error} onRetry={paged.reload} title="Could not load the accounts" /> : null}
      {paged.phase === 'ready' && paged.items.length === 0 ? (
        <Empty title={Object.keys(filter).length ? 'No account matches these filters' : 'No accounts yet'}>
          <p>{Object.keys(filter).length ? 'Clear a filter or search for another name.' : 'Accounts appear here once they are created from the ledger import or the panel.'}</p>
        </Empty>
      ) : null}
      {paged.phase === 'ready' && paged.items.length > 0 ? (
        <>
          <table class="grid" data-testid="portfolio">
            <caption class="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">Risk</th>
                <th scope="col">Account</th>
                <th scope="col">Industry · country</th>
                <th scope="col">Payment trend</th>
                {can.credit ? (
                  <>
                    <th scope="col" class="grid__num">
                      Exposure
                    </th>
                    <th scope="col" class="grid__num">
                      Score
                    </th>
                  </>
                ) : null}
                <th scope="col">Account manager</th>
                <th scope="col">Credit owner</th>
              </tr>
            </thead>
            <tbody>
              {paged.items.map((a, i) => {
                const level = a.creditStatus?.riskLevel ?? null;
                const previous = paged.items[i - 1]?.creditStatus?.riskLevel ?? null;
                return [
                  grouped && (i === 0 || level !== previous) ? (
                    <tr key={`group-${level ?? 'none'}-${i}`} class="grid__group">
                      <th scope="colgroup" colSpan={can.credit ? 8 : 6}>
                        {level ? riskLabel(level) : 'Not scored yet'}
                      </th>
                    </tr>
                  ) : null,
                  <PortfolioRow key={a.id} account={a} can={can} />,
                ];
              })}
            </tbody>
          </table>
          <LoadMore paged={paged} noun="accounts" />
        </>
      ) : null}
    </section>
  );
}

function PortfolioRow({ account: a, can }: { account: PortfolioAccount; can: Abilities }) {
  const status = a.creditStatus;
  const onHold = a.onHold || status?.onHold === true;
  return (
    <tr data-testid="portfolio-row" data-account-id={a.id}>
      <td>
        {status ? (
          <span class="grid__risk">
            <TrafficLight level={status.riskLevel} />
            <span>{riskLabel(status.riskLevel)}</span>
          </span>
        ) : (
          <span class="muted">Not scored</span>
        )}
      </td>
      <td>
        <a href={href.account(a.id)}>{a.name}</a>
        {onHold ? <span class="tag tag--hold">On hold</span> : null}
      </td>
      <td class="muted">{[a.industry, a.country].filter(Boolean).join(' · ')}</td>
      <td data-testid="portfolio-trend" data-trend={status?.trend}>
        {status ? TREND_TEXT[status.trend].label : ''}
      </td>
      {can.credit ? (
        <>
          <td class="grid__num" data-testid="exposure">
            {status?.exposure != null ? formatMoney(status.exposure, a.currency, { compact: true }) : ''}
          </td>
          <td class="grid__num">{status?.riskScore ?? ''}</td>
        </>
      ) : null}
      <td>{a.accountManager?.name ?? <span class="muted">None</span>}</td>
      <td>{a.creditOwner?.name ?? <span class="muted">None</span>}</td>
    </tr>
  );
}
