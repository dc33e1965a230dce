/**
 * The briefing folder of a customer visit (seed 004: "a complete and up-to-date folder that has all of the
 * account's relevant credit information"), as frozen by prepareVisitBriefing. The server assembles it
 * (server/src/domain/visit-briefing.ts) and stores two copies: CREDIT (everything) and SALES (what SALES may
 * see). The extension renders either one for screen and print (extension/src/ui/visits/BriefingDocument.tsx).
 *
 * Plain JSON: dates as ISO strings, money as decimal strings with their currency. A section SALES may not
 * see is null in the SALES copy and named in `omitted`.
 *
 * STUB — the briefing branch fills in every section; other code treats it as opaque.
 */
export type BriefingAudience = 'CREDIT' | 'SALES';

export interface Briefing {
  version: 1;
  audience: BriefingAudience;
  preparedAt: string;
  preparedBy: string | null;
  /** Sections left out of this copy, in words ("Ledger figures and aging", …). Empty for CREDIT. */
  omitted: string[];
  [section: string]: unknown;
}
