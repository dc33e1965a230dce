/**
 * The lookup benchmark's raw baseline (issue 12): `node:http` + `pg`, no GraphQL, no ORM. It answers the extension's
 * `ResolveAccounts` and `AccountCard` operations (recognised by operationName) with the JSON shape Earshot gives a
 * CREDIT viewer, from hand-written SQL as named (prepared once per connection) statements: the session check, the
 * match, one statement per card. Fields Earshot derives in code (order headroom, credit actions, contact cadence,
 * factor order) use the same domain functions. It does not validate input beyond what the two operations need.
 *
 * Run: `node --import tsx bench/lookup-raw-server.ts` with DATABASE_URL and PORT; prints "listening <port>".
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import { canonicalCrmRecord, type CrmSystem, domainAndParents, domainOfEmail, normalizeDomain, normalizeEmail } from '@earshot/shared';
import pg from 'pg';
import { daysPastCadence } from '../src/domain/contact-cadence.js';
import { evidenceForReaders } from '../src/domain/alert-rules.js';
import { creditActions } from '../src/domain/credit-actions.js';
import { headroomCautionInput, orderHeadroom } from '../src/domain/order-headroom.js';
import { heaviestFirst } from '../src/domain/stored-status.js';
import { describeTrend, trendBasis } from '../src/domain/trend-sentence.js';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

/** SQL for a relay global id (base64 of "Type:id"; short enough that PostgreSQL adds no line breaks). */
const gid = (type: string, col: string) => `encode(convert_to('${type}:' || ${col}, 'UTF8'), 'base64')`;
const iso = (col: string) => `to_char(${col}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const money = (col: string) => `to_char(${col}, 'FM999999999999990.00')`;
const person = (alias: string, extra = '') => `CASE WHEN ${alias}.id IS NULL THEN NULL ELSE json_build_object('id', ${gid('User', `${alias}.id`)}, 'name', ${alias}.name${extra}) END`;

const AUTH = `SELECT u.id, u.role FROM "ApiToken" t JOIN "User" u ON u.id = t."userId"
  WHERE t."tokenHash" = $1 AND t."revokedAt" IS NULL AND (t."expiresAt" IS NULL OR t."expiresAt" > now()) AND u.active`;

const MATCH = `SELECT 0 AS rank, "accountId", "recordId" AS value FROM "CrmLink" WHERE system = $1::"CrmSystem" AND "objectType" = $2 AND "recordId" = $3
  UNION ALL SELECT 1, "accountId", email FROM "Contact" WHERE email = ANY($4::text[])
  UNION ALL SELECT 2, "accountId", domain FROM "AccountDomain" WHERE domain = ANY($5::text[])`;

/** The panel's card (PanelAccountCard) of the accounts $1; $2: the viewer sees CREDIT_ONLY notes. */
const PANEL_FIELDS = `'id', ${gid('Account', 'a.id')}, 'name', a.name,
  'domains', (SELECT coalesce(json_agg(d.domain ORDER BY d.domain), '[]') FROM "AccountDomain" d WHERE d."accountId" = a.id),
  'industry', a.industry, 'country', a.country, 'website', a.website, 'currency', a.currency, 'creditLimit', ${money('a."creditLimit"')},
  'paymentTermsDays', a."paymentTermsDays", 'onHold', a."onHold", 'description', a.description, 'whyTheyBuy', a."whyTheyBuy",
  'ourValue', a."ourValue", 'alternatives', a.alternatives, 'preferredChannel', a."preferredChannel", 'preferredTone', a."preferredTone",
  'contactFrequencyDays', a."contactFrequencyDays", 'keyAccount', a."keyAccount", 'lastContactAt', ${iso('a."lastContactAt"')},
  'nextReviewAt', ${iso('a."nextReviewAt"')}, 'createdAt', ${iso('a."createdAt"')},
  'accountManager', ${person('am', `, 'email', am.email, 'businessUnit', am."businessUnit"`)},
  'creditOwner', ${person('co', `, 'email', co.email, 'businessUnit', co."businessUnit"`)},
  'crmLinks', (SELECT coalesce(json_agg(json_build_object('system', l.system, 'objectType', l."objectType", 'recordId', l."recordId", 'url', l.url) ORDER BY l.id), '[]')
    FROM "CrmLink" l WHERE l."accountId" = a.id),
  'contacts', (SELECT coalesce(json_agg(json_build_object('id', ${gid('Contact', 'c.id')}, 'name', c.name, 'email', c.email, 'role', c.role, 'phone', c.phone,
    'preferredChannel', c."preferredChannel", 'preferredTone', c."preferredTone") ORDER BY c.name, c.id), '[]') FROM "Contact" c WHERE c."accountId" = a.id),
  'metrics', CASE WHEN m."accountId" IS NULL THEN NULL ELSE json_build_object('riskLevel', m."riskLevel", 'riskScore', m."riskScore", 'trend', m.trend,
    'behaviour', m.behaviour, 'factors', m.factors, 'computedAt', ${iso('m."computedAt"')}) END,
  'notes', json_build_object('edges', (SELECT coalesce(json_agg(json_build_object('node', json_build_object('id', ${gid('Note', 'n.id')}, 'body', n.body,
    'visibility', n.visibility, 'createdAt', ${iso('n."createdAt"')}, 'author', ${person('na')})) ORDER BY n."createdAt" DESC, n.id DESC), '[]')
    FROM (SELECT * FROM "Note" n WHERE n."accountId" = a.id AND (n.visibility = 'ALL' OR $2) ORDER BY n."createdAt" DESC, n.id DESC LIMIT 5) n
    LEFT JOIN "User" na ON na.id = n."authorId"))`;

/** The rest of AccountCard (AccountSignals, the standing alerts, AccountWork's lists, the inputs of creditActions). */
const CARD_FIELDS = `'signals', json_build_object('totalCount', (SELECT count(*) FROM "Signal" s WHERE s."accountId" = a.id),
    'edges', (SELECT coalesce(json_agg(json_build_object('node', json_build_object('id', ${gid('Signal', 's.id')}, 'type', s.type, 'severity', s.severity,
      'sentiment', s.sentiment, 'source', s.source, 'status', s.status, 'note', s.note, 'observedAt', ${iso('s."observedAt"')}, 'sourceUrl', s."sourceUrl",
      'author', ${person('sa')})) ORDER BY s."observedAt" DESC, s.id DESC), '[]')
      FROM (SELECT * FROM "Signal" s WHERE s."accountId" = a.id ORDER BY s."observedAt" DESC, s.id DESC LIMIT 10) s LEFT JOIN "User" sa ON sa.id = s."authorId")),
  'alerts', json_build_object('edges', (SELECT coalesce(json_agg(json_build_object('node', json_build_object('id', ${gid('Alert', 'al.id')}, 'rule', al.rule,
    'title', al.title, 'severity', al.severity, 'status', al.status, 'createdAt', ${iso('al."createdAt"')})) ORDER BY al."createdAt" DESC, al.id DESC), '[]')
    FROM (SELECT * FROM "Alert" al WHERE al."accountId" = a.id AND al.status IN ('OPEN', 'ACKNOWLEDGED') ORDER BY al."createdAt" DESC, al.id DESC LIMIT 5) al)),
  'standingAlerts', json_build_object('totalCount', (SELECT count(*) FROM "Alert" al WHERE al."accountId" = a.id AND al.status IN ('OPEN', 'ACKNOWLEDGED')),
    'edges', (SELECT coalesce(json_agg(json_build_object('node', json_build_object('id', ${gid('Alert', 'al.id')}, 'rule', al.rule, 'title', al.title,
      'detail', al.detail, 'evidence', al.evidence, 'severity', al.severity, 'status', al.status, 'createdAt', ${iso('al."createdAt"')},
      'owner', CASE WHEN al."ownerId" IS NULL THEN NULL ELSE json_build_object('id', ${gid('User', 'al."ownerId"')}) END)) ORDER BY al."createdAt" DESC, al.id DESC), '[]')
      FROM (SELECT * FROM "Alert" al WHERE al."accountId" = a.id AND al.status IN ('OPEN', 'ACKNOWLEDGED') ORDER BY al."createdAt" DESC, al.id DESC LIMIT 5) al)),
  'intelRequests', json_build_object('totalCount', (SELECT count(*) FROM "IntelRequest" r WHERE r."accountId" = a.id AND r.status = 'OPEN'),
    'edges', (SELECT coalesce(json_agg(json_build_object('node', json_build_object('id', ${gid('IntelRequest', 'r.id')}, 'message', r.message, 'status', r.status,
      'dueAt', ${iso('r."dueAt"')}, 'createdAt', ${iso('r."createdAt"')}, 'requestedBy', ${person('rb', ", 'email', rb.email")}, 'assignedTo', ${person('rt')},
      'questions', r.questions))), '[]')
      FROM (SELECT * FROM "IntelRequest" r WHERE r."accountId" = a.id AND r.status = 'OPEN' ORDER BY r."createdAt" DESC LIMIT 3) r
      LEFT JOIN "User" rb ON rb.id = r."requestedById" LEFT JOIN "User" rt ON rt.id = r."assignedToId")),
  'disputes', json_build_object('totalCount', (SELECT count(*) FROM "Dispute" x WHERE x."accountId" = a.id AND x.status = 'OPEN'),
    'edges', (SELECT coalesce(json_agg(json_build_object('node', json_build_object('id', ${gid('Dispute', 'x.id')}, 'kind', x.kind, 'reason', x.reason,
      'ownerTeam', x."ownerTeam", 'owner', ${person('xo')}, 'currency', x.currency, 'amount', ${money('x.amount')}, 'status', x.status,
      'openedAt', ${iso('x."openedAt"')}, 'expectedBy', ${iso('x."expectedBy"')},
      'invoiceCount', (SELECT count(*) FROM "DisputeInvoice" di WHERE di."disputeId" = x.id)))), '[]')
      FROM (SELECT * FROM "Dispute" x WHERE x."accountId" = a.id AND x.status = 'OPEN' ORDER BY x."openedAt" DESC LIMIT 5) x LEFT JOIN "User" xo ON xo.id = x."ownerId")),
  'holdReason', a."holdReason", 'collectionStatus', a."collectionStatus", 'collectionSince', a."collectionSince",
  'reviewsInProgress', (SELECT coalesce(json_agg(json_build_object('startedAt', h."startedAt")), '[]') FROM "HealthCheck" h WHERE h."accountId" = a.id AND h.status = 'IN_PROGRESS'),
  'openDisputes', (SELECT coalesce(json_agg(json_build_object('kind', x.kind, 'ownerTeam', x."ownerTeam", 'openedAt', x."openedAt") ORDER BY x."openedAt", x.id), '[]')
    FROM "Dispute" x WHERE x."accountId" = a.id AND x.status = 'OPEN')`;

const cardSql = (fields: string) => `SELECT json_build_object(${fields}) AS card FROM "Account" a
  LEFT JOIN "User" am ON am.id = a."accountManagerId" LEFT JOIN "User" co ON co.id = a."creditOwnerId"
  LEFT JOIN "AccountMetrics" m ON m."accountId" = a.id WHERE a.id = ANY($1::text[])`;
const STATEMENTS = {
  auth: AUTH,
  match: MATCH,
  panel: cardSql(PANEL_FIELDS),
  card: cardSql(`${PANEL_FIELDS}, ${CARD_FIELDS}`),
};
const query = (name: keyof typeof STATEMENTS, values: unknown[]) => pool.query({ name, text: STATEMENTS[name], values });

// biome-ignore lint/suspicious/noExplicitAny: JSON that PostgreSQL built, read field by field
type Row = Record<string, any>;

/** The card as the API shapes it: credit status from the stored metrics, derived fields from the domain functions. */
function shape(row: Row, full: boolean, now: Date, credit: boolean): Row {
  const { metrics, createdAt, holdReason, collectionStatus, collectionSince, reviewsInProgress, openDisputes, ...card } = row;
  card.contactOverdue = daysPastCadence({ keyAccount: card.keyAccount, contactFrequencyDays: card.contactFrequencyDays, lastContactAt: card.lastContactAt, createdAt }, now) !== null;
  if (!metrics) card.creditStatus = null;
  else {
    const b = metrics.behaviour;
    const s: Row = {
      riskLevel: metrics.riskLevel,
      riskScore: metrics.riskScore,
      trend: metrics.trend,
      trendBasis: trendBasis(metrics.trend, b.trendDetail),
      trendSentence: describeTrend(metrics.trend, b.trendDetail, credit),
      onHold: card.onHold,
      orderHeadroom: orderHeadroom({ onHold: card.onHold, available: b.available, currency: card.currency, riskLevel: metrics.riskLevel, ...headroomCautionInput({ trend: metrics.trend, behaviour: b, factors: metrics.factors }) }),
      exposure: b.exposure,
      available: b.available,
      overdue: b.overdue,
      disputed: b.disputed ?? '0.00',
      avgDaysToPay: b.avgDaysToPay,
      daysBeyondTerms: b.daysBeyondTerms,
      recentDaysBeyondTerms: credit ? (b.recentDaysBeyondTerms ?? null) : null,
      computedAt: metrics.computedAt,
      factors: heaviestFirst(metrics.factors as { code: string; label: string; weight: number | null; detail: string }[]).map(({ code, label, weight, detail }) => ({ code, label, weight, detail })),
      aging: b.aging,
      paymentSeries: b.paymentSeries,
    };
    const { state, roughAmount, caution } = s.orderHeadroom;
    s.orderHeadroom = { state, roughAmount: roughAmount ?? null, caution: caution ?? null };
    if (full) {
      Object.assign(s, {
        creditBalance: b.creditBalance ?? null,
        dso: b.dso ?? null,
        bestPossibleDso: b.bestPossibleDso ?? null,
        limitUtilisation: b.limitUtilisation ?? null,
        totalExposure: b.totalExposure ?? b.exposure,
        totalOverdue: b.totalOverdue ?? b.overdue,
        unconvertedCurrencies: b.unconvertedCurrencies ?? [],
        paidInvoices: b.paidInvoices ?? null,
        currencies: (b.currencies ?? []).map(({ currency, exposure, overdue, disputed, creditBalance, oldestOverdueDays, rateToAccountCurrency, aging }: Row) => ({
          currency, exposure, overdue, disputed, creditBalance, oldestOverdueDays, rateToAccountCurrency, aging,
        })),
      });
    }
    card.creditStatus = s;
  }
  if (full) {
    const input = { onHold: card.onHold, holdReason, collectionStatus, collectionSince, reviewsInProgress, openDisputes };
    for (const { node } of card.standingAlerts.edges) node.evidence = evidenceForReaders(node.evidence);
    card.creditActions = creditActions(input as unknown as Parameters<typeof creditActions>[0]).map(({ kind, text, since }) => ({ kind, text, since: since ?? null }));
  }
  return card;
}

async function cards(ids: string[], credit: boolean, full: boolean): Promise<Map<string, Row>> {
  const { rows } = await query(full ? 'card' : 'panel', [ids, credit]);
  const now = new Date();
  return new Map(rows.map((r) => [Buffer.from(r.card.id, 'base64').toString().slice('Account:'.length), shape(r.card, full, now, credit)]));
}

async function resolve(v: Row, credit: boolean): Promise<Row> {
  const ctx = v.context ?? {};
  const crm = ctx.crmRecord ? canonicalCrmRecord(ctx.crmRecord as { system: CrmSystem; objectType: string; recordId: string }) : null;
  const emails = [...new Set<string>((ctx.emails ?? []).map(normalizeEmail).filter(Boolean))];
  const domains = new Set<string>((ctx.domains ?? []).map(normalizeDomain).filter(Boolean));
  for (const e of emails) domains.add(domainOfEmail(e)!);
  const candidates = [...new Set([...domains].flatMap((d) => domainAndParents(d)))];
  const { rows } = await query('match', [crm?.system ?? null, crm?.objectType ?? null, crm?.recordId ?? null, emails, candidates]);
  rows.sort((x, y) => x.rank - y.rank || y.value.split('.').length - x.value.split('.').length);
  const matches: Row[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    if (seen.has(r.accountId) || matches.length === 10) continue;
    seen.add(r.accountId);
    matches.push({ matchedBy: ['CRM_RECORD', 'CONTACT_EMAIL', 'DOMAIN'][r.rank], matchedValue: r.rank === 0 ? `${crm!.system}:${r.value}` : r.value, accountId: r.accountId });
  }
  const byId = matches.length ? await cards(matches.map((m) => m.accountId), credit, false) : new Map();
  return { resolveAccounts: matches.map(({ accountId, ...m }) => ({ ...m, account: byId.get(accountId) ?? null })) };
}

async function answer(body: Row, token: string | undefined): Promise<[number, Row]> {
  const auth = token ? (await query('auth', [createHash('sha256').update(token).digest('hex')])).rows[0] : undefined;
  if (!auth) return [401, { errors: [{ message: 'Sign in first', extensions: { code: 'UNAUTHENTICATED' } }] }];
  const credit = auth.role === 'CREDIT' || auth.role === 'ADMIN';
  const v = body.variables ?? {};
  if (body.operationName === 'ResolveAccounts') return [200, { data: await resolve(v, credit) }];
  if (body.operationName === 'AccountCard') {
    const id = Buffer.from(String(v.id), 'base64').toString().split(':')[1] ?? '';
    return [200, { data: { account: (await cards([id], credit, true)).get(id) ?? null } }];
  }
  return [400, { errors: [{ message: 'Only ResolveAccounts and AccountCard' }] }];
}

const server = http.createServer((req, res) => {
  // Liveness, as Earshot's (the benchmark waits for it).
  if (req.method === 'GET' && req.url === '/healthz') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    answer(JSON.parse(Buffer.concat(chunks).toString() || '{}'), req.headers.authorization?.replace(/^Bearer /, ''))
      .then(([status, json]) => {
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
      })
      .catch((err) => {
        res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: String(err) }] }));
      });
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT ?? 4100), '127.0.0.1', () => console.log(`listening ${(server.address() as { port: number }).port}`));
process.once('SIGTERM', () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});
