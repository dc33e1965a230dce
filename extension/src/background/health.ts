/**
 * Adapter health: a site adapter that recognises its page but cannot read it reports which selectors found
 * nothing and the censored DOM structure around them. Kept in `storage.local` (count, last seen) for the options
 * page, and forwarded to the server (`ReportAdapterHealth`) best effort, at most once per entry per hour, so a
 * broken selector on a busy inbox is one report, not thousands.
 */
import type { AdapterHealthReport } from '@earshot/shared';
import { browser } from 'wxt/browser';
import type { HealthEntry } from '../lib/messages.js';
import { serial } from './serial.js';

const KEY = 'adapterHealth';
const MAX_ENTRIES = 50;
const MAX_STRUCTURE = 8_000;
export const FORWARD_INTERVAL_MS = 60 * 60 * 1000;

interface StoredEntry extends HealthEntry {
  /** `count` when last forwarded to the server, and when. */
  forwardedCount?: number;
  forwardedAt?: number;
}

type Forward = (report: AdapterHealthReport) => Promise<boolean>;

/** One entry per site, page type, set of broken selectors and host. */
export function healthKey(report: AdapterHealthReport): string {
  return [report.site, report.pageType, [...report.missing].sort().join(','), hostOf(report.url)].join('|');
}

export class AdapterHealth {
  private forwarding: Promise<void> | null = null;
  private readonly exclusive = serial();

  constructor(private readonly now: () => number = Date.now) {}

  record(report: AdapterHealthReport): Promise<void> {
    return this.exclusive(() => this.add(report));
  }

  private async add(report: AdapterHealthReport): Promise<void> {
    const entries = await this.read();
    const key = healthKey(report);
    const cleaned: AdapterHealthReport = {
      ...report,
      url: withoutQuery(report.url),
      structure: report.structure.slice(0, MAX_STRUCTURE),
    };
    const previous = entries[key];
    entries[key] = { ...previous, ...cleaned, count: (previous?.count ?? 0) + 1 };
    await this.write(prune(entries));
  }

  async list(): Promise<HealthEntry[]> {
    return Object.values(await this.read())
      .map(({ forwardedAt: _a, forwardedCount: _c, ...entry }) => entry)
      .sort((a, b) => b.seenAt.localeCompare(a.seenAt));
  }

  /** Sends the entries that changed since they were last sent, if that was more than an hour ago. Never throws. */
  forward(send: Forward): Promise<void> {
    this.forwarding ??= this.forwardDue(send).finally(() => (this.forwarding = null));
    return this.forwarding;
  }

  private async forwardDue(send: Forward): Promise<void> {
    const entries = await this.read();
    const now = this.now();
    const due = Object.entries(entries).filter(
      ([, e]) => e.count !== e.forwardedCount && (e.forwardedAt === undefined || now - e.forwardedAt >= FORWARD_INTERVAL_MS),
    );
    if (due.length === 0) return;
    const sent: Record<string, number> = {};
    for (const [key, entry] of due) {
      const { count: _count, forwardedAt: _a, forwardedCount: _c, ...report } = entry;
      let ok = false;
      try {
        ok = await send(report);
      } catch {
        ok = false;
      }
      if (!ok) break; // server away or signed out: the rest waits for the next chance
      sent[key] = entry.count;
    }
    if (Object.keys(sent).length === 0) return;
    await this.exclusive(async () => {
      const latest = await this.read();
      for (const [key, count] of Object.entries(sent)) {
        const entry = latest[key];
        if (entry) latest[key] = { ...entry, forwardedCount: count, forwardedAt: now };
      }
      await this.write(latest);
    });
  }

  private async read(): Promise<Record<string, StoredEntry>> {
    return ((await browser.storage.local.get(KEY))[KEY] as Record<string, StoredEntry> | undefined) ?? {};
  }

  private async write(entries: Record<string, StoredEntry>): Promise<void> {
    await browser.storage.local.set({ [KEY]: entries });
  }
}

/** Keeps the most recently seen entries. */
function prune(entries: Record<string, StoredEntry>): Record<string, StoredEntry> {
  const list = Object.entries(entries);
  if (list.length <= MAX_ENTRIES) return entries;
  list.sort(([, a], [, b]) => b.seenAt.localeCompare(a.seenAt));
  return Object.fromEntries(list.slice(0, MAX_ENTRIES));
}

/** Query strings and fragments carry thread ids and search terms: the path tells enough about the page type. */
function withoutQuery(url: string): string {
  try {
    const u = new URL(url);
    return u.origin + u.pathname;
  } catch {
    return '';
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}
