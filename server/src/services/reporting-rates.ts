/**
 * The exchange rates a credit recompute converts other currencies with: the ExchangeRate rows of the reporting
 * currency (workspace settings), read in one statement so a recompute costs at most one query more, and once per
 * batch when many accounts are recomputed together (`sharedReportingRates`).
 */
import type { Prisma } from '../db/client.js';
import { normalizeCurrency } from '../domain/currency.js';
import { DEFAULT_WORKSPACE_SETTINGS } from './workspace-settings.js';

/** 1 unit of a currency = `rates[currency]` units of `base` (decimal strings as stored); the base itself is 1. */
export interface ReportingRates {
  base: string;
  rates: Readonly<Record<string, string>>;
}

export async function readReportingRates(prisma: Pick<Prisma, '$queryRaw' | 'exchangeRate'>): Promise<ReportingRates> {
  const fallback = DEFAULT_WORKSPACE_SETTINGS.reportingCurrency;
  // The setting and its rates together; a workspace without the setting uses the default (readWorkspaceSettings).
  const rows = await prisma.$queryRaw<{ base: string | null; currency: string | null; rate: string | null }[]>`
    SELECT s.base, r.currency, r.rate::text AS rate
    FROM (SELECT COALESCE((SELECT w.value #>> '{}' FROM "WorkspaceSetting" w WHERE w.key = 'reportingCurrency'), ${fallback}) AS base) s
    LEFT JOIN "ExchangeRate" r ON r.base = s.base`;
  const base = normalizeCurrency(rows[0]?.base ?? '');
  if (base === null || base !== rows[0]?.base) {
    // A stored value that is not a currency code reads as the default, as readWorkspaceSettings does (never written
    // by the API, which validates it): one more query in that broken case only.
    const rates = await prisma.exchangeRate.findMany({ where: { base: fallback } });
    return { base: fallback, rates: Object.fromEntries(rates.map((r) => [r.currency, r.rate.toString()])) };
  }
  return { base, rates: Object.fromEntries(rows.filter((r) => r.currency !== null && r.rate !== null).map((r) => [r.currency!, r.rate!])) };
}

/** One read for a whole batch of recomputes, made when the first account with another currency needs it. */
export function sharedReportingRates(prisma: Pick<Prisma, '$queryRaw' | 'exchangeRate'>): () => Promise<ReportingRates> {
  let once: Promise<ReportingRates> | null = null;
  return () => {
    once ??= readReportingRates(prisma).catch((err: unknown) => {
      once = null; // a failed read is not remembered: the next account tries again
      throw err;
    });
    return once;
  };
}
