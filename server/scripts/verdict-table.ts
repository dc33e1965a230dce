/**
 * Prints the verdict table of the hand-made ledgers (issue 10) on the current model:
 *   pnpm exec tsx scripts/verdict-table.ts            the Markdown table
 *   pnpm exec tsx scripts/verdict-table.ts --check    plus, per ledger, where it differs from the expected verdict
 */
import { VERDICT_LEDGERS } from '../src/domain/verdict-ledgers.js';
import { compareVerdict, renderVerdictTable, verdictRow } from '../src/domain/verdict-table.js';

const rows = VERDICT_LEDGERS.map(verdictRow);
process.stdout.write(renderVerdictTable(rows));
if (process.argv.includes('--check')) {
  process.stdout.write('\n## Differences from the expected verdicts\n\n');
  for (const ledger of VERDICT_LEDGERS) {
    const diffs = compareVerdict(rows.find((r) => r.key === ledger.key)!, ledger.expected);
    process.stdout.write(`- ${ledger.key}: ${diffs.length === 0 ? 'as expected' : diffs.join('; ')}\n`);
  }
}
