/**
 * The sidebar lookup benchmark's data (issue 12), generated in SQL into its own PostgreSQL database and kept there:
 * a later run with the same scale and month reuses it (the `bench_marker` table says what is in it).
 *
 * Deterministic: every value is a function of the row numbers and of the month the data is anchored to (the ledger
 * runs over the 24 months before the first day of the current month, so the statuses stay meaningful). Per account
 * `a` of `accounts` (20,000 by default): 2 domains, 3 contacts, 1–2 CRM links (1.5 on average), 31–60 invoices and
 * ~97% of them paid (accounts 1–5: 20,000–21,600 invoices, 1,500 signals and 800 notes each), 5–14 signals, 3–7
 * notes. (The issue's big accounts reach 30,000 invoices; the server's recompute cannot write an account with more than
 * 21,845 — its outstanding-amount UPDATE then passes PostgreSQL's 65,535 bind parameters — so they stop below that.) At 20,000 accounts: 40k domains, 60k contacts, 30k links, ~1.02M invoices, ~0.99M payments, ~197k
 * signals, ~104k notes. Statuses (AccountMetrics, alerts, outstanding amounts) come from the server's own set-based
 * recompute (services/credit.ts recomputeAccounts), so the card shows real figures.
 */
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from '../src/db/client.js';
import { applyMigrations } from '../src/db/migrations.js';
import { recomputeAccounts } from '../src/services/credit.js';

/** Bump when the generator changes: a database with another marker is regenerated. */
const GENERATOR_VERSION = 2;
export const BIG_ACCOUNTS = 5;

/** Row ids are uuids (the API only accepts those): table kind in the first group, the row number in the last. */
const ID_FN = `CREATE OR REPLACE FUNCTION bench_id(kind int, n bigint) RETURNS text LANGUAGE sql IMMUTABLE AS
  $$ SELECT lpad(to_hex(kind), 8, '0') || '-0000-7000-8000-' || lpad(to_hex(n), 12, '0') $$`;
export const benchId = (kind: number, n: number) => `${kind.toString(16).padStart(8, '0')}-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;
export const KIND = { user: 1, account: 2 } as const;
/** The signed-in user of the benchmark (CREDIT: sees every figure, the costliest card). */
export const VIEWER_USER = 151;

/** What a request of the benchmark looks for: account `a` by a domain, a contact's e-mail or its CRM record. */
export const lookupKeys = (a: number) => ({
  domain: `www.c${a}-bench.com`,
  email: `p1@c${a}-bench.com`,
  crmRecord: { system: 'HUBSPOT', objectType: 'company', recordId: String(a * 10 + 1) },
});

const STEPS: [string, string][] = [
  [
    'users',
    `INSERT INTO "User" (id, email, name, role, "businessUnit", "updatedAt")
     SELECT bench_id(1, u), 'user' || u || '@earshot-bench.example', 'Bench user ' || u,
            (CASE WHEN u <= 100 THEN 'SALES' ELSE 'CREDIT' END)::"Role", 'BU ' || (u % 4), now()
     FROM generate_series(1, 151) u`,
  ],
  [
    'accounts',
    `INSERT INTO "Account" (id, name, "externalId", description, industry, country, website, "businessUnit", "accountManagerId", "creditOwnerId",
       "creditLimit", currency, "paymentTermsDays", "whyTheyBuy", "ourValue", alternatives, "contactFrequencyDays", "keyAccount",
       "preferredChannel", "preferredTone", "anticipatedMonthlyPurchases", "lastContactAt", "nextReviewAt", "createdAt", "updatedAt")
     SELECT bench_id(2, a), 'Customer ' || a || ' GmbH', 'CUST-' || a, 'Distributor of parts, customer ' || a,
            (ARRAY['Manufacturing', 'Retail', 'Construction', 'Logistics', 'Software'])[1 + a % 5], (ARRAY['DE', 'FR', 'NL', 'GB', 'IT'])[1 + a % 5],
            'https://c' || a || '-bench.com', 'BU ' || (a % 4), bench_id(1, 1 + a % 100), bench_id(1, 101 + a % 50),
            CASE WHEN a <= $2 THEN 5000000 ELSE 20000 + (a * 7919) % 200000 END, 'EUR', CASE WHEN a % 4 = 0 THEN 45 ELSE 30 END,
            ARRAY['Price', 'Delivery times', 'Quality'], 'Main supplier for fasteners', 'Two regional wholesalers',
            CASE WHEN a % 10 = 0 THEN 30 END, a % 10 = 0, (ARRAY['EMAIL', 'PHONE', 'VIDEO'])[1 + a % 3]::"ContactChannel",
            (ARRAY['FORMAL', 'FRIENDLY', 'BRIEF'])[1 + a % 3]::"ContactTone", 2000 + (a::bigint * 104729) % 40000,
            $3::date - (a % 60), $3::date + (a % 90), $3::date - 800, now()
     FROM generate_series(1, $1::int) a`,
  ],
  [
    'domains',
    `INSERT INTO "AccountDomain" (id, domain, "accountId")
     SELECT bench_id(3, a * 2 + j), 'c' || a || '-bench.' || (ARRAY['com', 'de'])[j + 1], bench_id(2, a)
     FROM generate_series(1, $1::int) a, generate_series(0, 1) j`,
  ],
  [
    'contacts',
    `INSERT INTO "Contact" (id, "accountId", name, email, role, phone, "preferredChannel", "updatedAt")
     SELECT bench_id(5, a * 3 + j), bench_id(2, a), 'Person ' || j || ' of ' || a, 'p' || j || '@c' || a || '-bench.com',
            (ARRAY['Buyer', 'CFO', 'Accounts payable'])[j], '+49 30 ' || (1000000 + a * 3 + j), 'EMAIL', now()
     FROM generate_series(1, $1::int) a, generate_series(1, 3) j`,
  ],
  [
    'CRM links',
    `INSERT INTO "CrmLink" (id, "accountId", system, "objectType", "recordId", url)
     SELECT bench_id(4, a * 10 + j), bench_id(2, a), 'HUBSPOT', 'company', (a * 10 + j)::text, 'https://app.hubspot.com/contacts/1/company/' || (a * 10 + j)
     FROM generate_series(1, $1::int) a, generate_series(1, 1 + a % 2) j`,
  ],
  [
    'invoices',
    // n invoices per account over 730 days; 1% credit notes; amounts from a hash of (a, k).
    `INSERT INTO "Invoice" (id, "externalId", "accountId", number, currency, amount, "issuedAt", "dueAt", "createdAt", "updatedAt")
     SELECT bench_id(6, a::bigint * 100000 + k), 'INV-' || a || '-' || k, bench_id(2, a), 'R' || a || '-' || k, 'EUR',
            CASE WHEN h % 100 = 0 THEN -1 ELSE 1 END * (100 + h % 20000 + (h % 100) / 100.0), iss, iss + terms, '2000-01-01', '2000-01-01'
     FROM (SELECT a, k, (a::bigint * 7919 + k::bigint * 104729) % 1000003 AS h, CASE WHEN a % 4 = 0 THEN 45 ELSE 30 END AS terms,
                  $3::date - 735 + ((k - 1) * 730) / n + a % 5 AS iss
           FROM generate_series(1, $1::int) a,
                LATERAL (SELECT CASE WHEN a <= $2 THEN 20000 + (a - 1) * 400 ELSE 31 + (a * 7) % 30 END AS n) c,
                LATERAL generate_series(1, c.n) k) x`,
  ],
  [
    'payments',
    // Paid: invoices older than 25 days (except ~0.5%, and 2% of accounts with 95 days unpaid), two thirds of the newer ones.
    // Days to pay: the terms ± the account's habit; one account in ten pays later and later (a SLIPPING trend).
    `INSERT INTO "Payment" (id, "externalId", "invoiceId", amount, "receivedAt", "createdAt", "updatedAt")
     SELECT bench_id(7, a::bigint * 100000 + k), 'PAY-' || a || '-' || k, i.id, i.amount,
            least(i."dueAt" + ((a % 11) * 2 - 8 + h % 15)::int + CASE WHEN a % 10 = 3 THEN (i."issuedAt" - ($3::date - 735)) * 25 / 730 ELSE 0 END, $3::date - 1),
            '2000-01-01', '2000-01-01'
     FROM "Invoice" i,
          LATERAL (SELECT split_part(i."externalId", '-', 2)::int AS a, split_part(i."externalId", '-', 3)::int AS k) ak,
          LATERAL (SELECT (a::bigint * 7919 + k::bigint * 104729) % 1000003 AS h) x
     WHERE h % 100 <> 0
       AND CASE WHEN i."issuedAt" < $3::date - 25 THEN h % 199 <> 0 AND NOT (a % 50 = 0 AND i."issuedAt" > $3::date - 120) ELSE h % 3 <> 0 END`,
  ],
  [
    'signals',
    `INSERT INTO "Signal" (id, "accountId", type, severity, sentiment, source, "authorId", "observedAt", note, status, "createdAt", "updatedAt")
     SELECT bench_id(8, a * 10000 + j), bench_id(2, a),
            (ARRAY['BUSY', 'HIRING', 'QUIET', 'DELIVERY_PROBLEM', 'POSITIVE_NEWS', 'ORDER_DROP', 'PREMISES_WELL_KEPT'])[1 + (a + j) % 7]::"SignalType",
            1 + (a + j) % 2, (ARRAY['POSITIVE', 'POSITIVE', 'NEUTRAL', 'NEGATIVE', 'POSITIVE', 'NEGATIVE', 'POSITIVE'])[1 + (a + j) % 7]::"Sentiment",
            'SALES', bench_id(1, 1 + a % 100), $3::date - ((j * 37 + a) % 700), 'Seen at the customer, visit ' || j,
            (CASE WHEN j % 4 = 0 THEN 'OPEN' ELSE 'RESOLVED' END)::"SignalStatus", $3::date - ((j * 37 + a) % 700), now()
     FROM generate_series(1, $1::int) a, generate_series(1, CASE WHEN a <= $2 THEN 1500 ELSE 5 + (a * 3) % 10 END) j`,
  ],
  [
    'notes',
    `INSERT INTO "Note" (id, "accountId", "authorId", body, visibility, "createdAt", "updatedAt")
     SELECT bench_id(9, a * 1000 + j), bench_id(2, a), bench_id(1, 1 + (a + j) % 150), 'Call with the buyer about order ' || j || ' of customer ' || a,
            (CASE WHEN j % 5 = 0 THEN 'CREDIT_ONLY' ELSE 'ALL' END)::"NoteVisibility", $3::date - ((j * 13 + a) % 700), now()
     FROM generate_series(1, $1::int) a, generate_series(1, CASE WHEN a <= $2 THEN 800 ELSE 3 + a % 5 END) j`,
  ],
];

export interface LookupData {
  url: string;
  accounts: number;
  /** A session token of the benchmark's CREDIT user, valid for a day. */
  token: string;
  counts: Record<string, number>;
  /** Seconds spent generating (0 when the database was reused). */
  generateSeconds: number;
  recomputeSeconds: number;
}

const anchorMonth = () => `${new Date().toISOString().slice(0, 7)}-01`;

/** Creates (or reuses) `earshot_bench_<accounts>` on the server of `baseUrl` and returns it with a fresh token. */
export async function ensureLookupData(
  baseUrl: string,
  accounts: number,
  { log = console.log, name = `earshot_bench_${accounts}`, bigAccounts = Math.min(BIG_ACCOUNTS, accounts) }: { log?: (line: string) => void; name?: string; bigAccounts?: number } = {},
): Promise<LookupData> {
  const anchor = anchorMonth();
  const marker = `v${GENERATOR_VERSION} accounts=${accounts}${bigAccounts === Math.min(BIG_ACCOUNTS, accounts) ? '' : ` big=${bigAccounts}`} anchor=${anchor}`;
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  let db = exists ? new pg.Client({ connectionString: url.toString() }) : null;
  let reuse = false;
  if (db) {
    await db.connect();
    const r = await db.query(`SELECT (SELECT value FROM bench_marker) AS v`).catch(() => ({ rows: [{ v: null }] }));
    reuse = r.rows[0]?.v === marker;
    if (!reuse) {
      await db.end();
      db = null;
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
    }
  }
  let generateSeconds = 0;
  let recomputeSeconds = 0;
  if (!reuse) {
    await admin.query(`CREATE DATABASE ${name}`);
    await applyMigrations({ databaseUrl: url.toString() });
    db = new pg.Client({ connectionString: url.toString() });
    await db.connect();
    await db.query(ID_FN);
    const started = performance.now();
    log(`generating ${accounts.toLocaleString('en-US')} accounts into ${name} (anchor ${anchor})`);
    for (const [step, sql] of STEPS) {
      const t = performance.now();
      // $1 accounts, $2 big accounts, $3 the anchor date: numbers and a date we made, written in as literals.
      const r = await db.query(sql.replaceAll('$1', String(accounts)).replaceAll('$2', String(bigAccounts)).replaceAll('$3', `'${anchor}'`));
      log(`  ${step.padEnd(10)} ${r.rowCount?.toLocaleString('en-US').padStart(10)} rows ${((performance.now() - t) / 1000).toFixed(1).padStart(6)} s`);
    }
    await db.query('ANALYZE');
    generateSeconds = (performance.now() - started) / 1000;
    const t = performance.now();
    const earshot = await openDatabase({ databaseUrl: url.toString() });
    try {
      const ids = Array.from({ length: accounts }, (_, i) => benchId(KIND.account, i + 1));
      const { failed } = await recomputeAccounts(earshot.prisma, ids, { chunk: 200 });
      // An account without a status would be recomputed by the server's stale sweep during the benchmark.
      if (failed.size) throw new Error(`recompute failed for ${failed.size} accounts (${[...failed.keys()].join(', ')}): ${String([...failed.values()][0]).split('\n').filter(Boolean).pop()}`);
    } finally {
      await earshot.close();
    }
    await db.query('VACUUM ANALYZE');
    recomputeSeconds = (performance.now() - t) / 1000;
    log(`  generated in ${generateSeconds.toFixed(1)} s, statuses recomputed (recomputeAccounts) and vacuumed in ${recomputeSeconds.toFixed(1)} s`);
    await db.query('CREATE TABLE bench_marker (value text NOT NULL)');
    await db.query('INSERT INTO bench_marker VALUES ($1)', [marker]);
  }
  await admin.end();
  const client = db!;
  const token = `esk_${randomBytes(32).toString('base64url')}`;
  await client.query(
    `INSERT INTO "ApiToken" (id, kind, name, "tokenHash", prefix, scopes, "userId", "expiresAt")
     VALUES (gen_random_uuid()::text, 'SESSION', 'lookup bench', $1, $2, '{}', $3, now() + interval '1 day')`,
    [createHash('sha256').update(token).digest('hex'), token.slice(0, 10), benchId(KIND.user, VIEWER_USER)],
  );
  const { rows } = await client.query<Record<string, number>>(
    `SELECT ${['Account', 'AccountDomain', 'Contact', 'CrmLink', 'Invoice', 'Payment', 'Signal', 'Note', 'Alert', 'AccountMetrics']
      .map((t) => `(SELECT count(*)::int FROM "${t}") AS "${t}"`)
      .join(', ')}`,
  );
  await client.end();
  return { url: url.toString(), accounts, token, counts: rows[0]!, generateSeconds, recomputeSeconds };
}
