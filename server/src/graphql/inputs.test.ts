/** Text, amounts, dates, e-mails and adapter-health reports that cannot be stored are BAD_USER_INPUT, never internal errors. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  type GraphQLInputType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type IntrospectionQuery,
} from 'graphql';
import { decodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateLedgerFile } from '../ledger/file-import.js';
import { createAccount } from '../ledger/test-helpers.js';
import { errorCodes, ok, startTestServer, type TestServer } from '../test-support/server.js';

let s: TestServer;
let accountId: string;
beforeAll(async () => {
  s = await startTestServer('pglite');
  accountId = (await createAccount(s, { name: 'Acme Tools', externalId: 'CUST-1', domains: ['acme.example'] })).id;
});
afterAll(() => s.close());

const BAD_TEXTS = ['nul \u0000 byte', 'bell \u0007', 'escape \u001b[31m', 'lone \ud800 surrogate', 'lone \udc00 low'];

describe('every String input position, found by introspection', () => {
  it('refuses NUL and other control characters and lone surrogates in each, BAD_USER_INPUT', async () => {
    const introspection = ok(await s.as('ADMIN')<IntrospectionQuery>(getIntrospectionQuery()));
    const schema = buildClientSchema(introspection);
    const sample = (type: GraphQLInputType, target: string | null, here: string, depth: number): unknown => {
      if (isNonNullType(type)) return sample(type.ofType, target, here, depth);
      if (isListType(type)) return [sample(type.ofType, target, `${here}[0]`, depth)];
      if (isInputObjectType(type)) {
        if (depth > 3) return undefined;
        return Object.fromEntries(Object.values(type.getFields()).map((f) => [f.name, sample(f.type, target, `${here}.${f.name}`, depth + 1)]));
      }
      if (isEnumType(type)) return type.getValues()[0]!.name;
      if (isScalarType(type)) {
        switch (type.name) {
          case 'String':
          case 'ID':
            return here === target ? '\u0000' : 'ok';
          case 'Int':
          case 'Float':
            return 1;
          case 'Boolean':
            return false;
          case 'Decimal':
            return '1.00';
          case 'DateTime':
            return '2026-01-01T00:00:00.000Z';
          default:
            return {};
        }
      }
      return undefined;
    };
    const stringPositions = (type: GraphQLInputType, here: string, depth: number): string[] => {
      if (isNonNullType(type)) return stringPositions(type.ofType, here, depth);
      if (isListType(type)) return stringPositions(type.ofType, `${here}[0]`, depth);
      if (isInputObjectType(type)) return depth > 3 ? [] : Object.values(type.getFields()).flatMap((f) => stringPositions(f.type, `${here}.${f.name}`, depth + 1));
      const named = getNamedType(type);
      return isScalarType(named) && (named.name === 'String' || named.name === 'ID') ? [here] : [];
    };
    let requests = 0;
    const covered = new Set<string>();
    for (const root of [schema.getQueryType()!, schema.getMutationType()!]) {
      for (const field of Object.values(root.getFields())) {
        for (const arg of field.args) {
          for (const position of stringPositions(arg.type, arg.name, 0)) {
            const variables = Object.fromEntries(field.args.map((a) => [a.name, sample(a.type, position, a.name, 0)]));
            const defs = field.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
            const call = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
            const op = root === schema.getQueryType() ? 'query' : 'mutation';
            const result = await s.as('ADMIN')(`${op}(${defs}) { ${field.name}(${call}) { __typename } }`, variables);
            requests++;
            const codes = errorCodes(result);
            expect(codes, `${field.name} ${position}`).toContain('BAD_USER_INPUT');
            expect(codes, `${field.name} ${position}`).not.toContain('INTERNAL_SERVER_ERROR');
            covered.add(`${root.name}.${field.name}`);
          }
        }
      }
    }
    console.log(`String input positions checked: ${requests} in ${covered.size} root fields`);
    expect(requests).toBeGreaterThan(50);
  });

  it.each(BAD_TEXTS)('refuses %j in a contact name, a search, the sign-in e-mail and an inline literal', async (text) => {
    const contact = await s.as('CREDIT')('mutation($i: CreateContactInput!) { createContact(input: $i) { contact { id } } }', { i: { accountId, name: text } });
    expect(errorCodes(contact)).toEqual(['BAD_USER_INPUT']);
    const search = await s.as('SALES')('query($q: String!) { accounts(first: 5, filter: { search: $q }) { edges { node { id } } } }', { q: text });
    expect(errorCodes(search)).toEqual(['BAD_USER_INPUT']);
    const signIn = await s.gql('mutation($i: SignInInput!) { signIn(input: $i) { token } }', { i: { email: `a${text}@test.earshot.test`, password: 'x' } });
    expect(errorCodes(signIn)).toEqual(['BAD_USER_INPUT']);
    const escaped = JSON.stringify(text).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    const literal = await s.as('SALES')(`{ accounts(first: 5, filter: { search: ${escaped} }) { edges { node { id } } } }`);
    // graphql's lexer already refuses a lone surrogate escape in a literal; control characters reach our rule.
    expect(errorCodes(literal)).toEqual([/\\ud[89abcdef]/i.test(escaped) ? 'GRAPHQL_PARSE_FAILED' : 'BAD_USER_INPUT']);
  });

  it('still takes tabs, line breaks and any well-formed Unicode', async () => {
    const note = ok(await s.as('CREDIT')('mutation($i: AddNoteInput!) { addNote(input: $i) { note { body } } }', { i: { accountId, body: 'Line one\r\n\tLine two — ümlaut, 日本, 😀' } }));
    expect(note.addNote.note.body).toBe('Line one\r\n\tLine two — ümlaut, 日本, 😀');
  });
});

describe('required ids', () => {
  it('refuses an empty ID! (variables, nested input fields and literals) instead of querying with a null id', async () => {
    for (const [q, v] of [
      ['mutation($i: AlertActionInput!) { resolveAlert(input: $i) { alert { id } } }', { i: { id: '' } }],
      ['mutation($i: UpdateSignalStatusInput!) { updateSignalStatus(input: $i) { signal { id } } }', { i: { id: '', status: 'OPEN' } }],
      ['mutation { resolveAlert(input: { id: "" }) { alert { id } } }', {}],
    ] as const) {
      expect(errorCodes(await s.as('ADMIN')(q, v)), q).toEqual(['BAD_USER_INPUT']);
    }
  });
});

describe('amounts', () => {
  it('refuses a credit limit beyond 10,000,000,000.00 through the Decimal scalar (variables and literals)', async () => {
    const update = 'mutation($i: UpdateAccountInput!) { updateAccount(input: $i) { account { creditLimit } } }';
    for (const limit of ['90071992547410.00', '10000000000.01', '-10000000000.01', '9999999999999999']) {
      const r = await s.as('CREDIT')(update, { i: { id: accountId, creditLimit: limit } });
      expect(errorCodes(r), limit).toEqual(['BAD_USER_INPUT']);
      expect(r.errors?.[0]?.message).toMatch(/largest amount accepted/);
    }
    const literal = await s.as('CREDIT')(`mutation { updateAccount(input: { id: "${accountId}", creditLimit: "90071992547410.00" }) { account { id } } }`);
    expect(errorCodes(literal)).toEqual(['BAD_USER_INPUT']);
    const max = ok(await s.as('CREDIT')(update, { i: { id: accountId, creditLimit: '10000000000.00' } }));
    expect(max.updateAccount.account.creditLimit).toBe('10000000000.00');
    // The account still answers afterwards (it froze before).
    ok(await s.as('CREDIT')(update, { i: { id: accountId, creditLimit: '5000.00' } }));
  });

  it('refuses an invoice of 60,000,000,000,000.00 through importLedger, naming the row', async () => {
    const r = ok(
      await s.as('CREDIT')('mutation($i: ImportLedgerInput!) { importLedger(input: $i) { errorCount errors { index field message } } }', {
        i: { invoices: [{ externalId: 'INV-HUGE', account: { externalId: 'CUST-1' }, number: 'N-1', currency: 'EUR', amount: '60000000000000.00', issuedAt: '2026-01-05', dueAt: '2026-02-04' }] },
      }),
    );
    expect(r.importLedger.errors).toEqual([{ index: 0, field: 'amount', message: expect.stringMatching(/60000000000000\.00" is larger than 10000000000\.00/) }]);
    const status = ok(await s.as('CREDIT')('query($id: ID!) { account(id: $id) { creditStatus { exposure } } }', { id: accountId }));
    expect(status.account).toBeTruthy();
  });

  it('refuses it in a CSV file too, naming the line', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'earshot-csv-'));
    const file = path.join(dir, 'invoices.csv');
    fs.writeFileSync(file, 'invoice_id,customer_id,number,currency,amount,invoice_date,due_date\nINV-9,CUST-1,N-9,EUR,1.00,2026-01-05,2026-02-04\nINV-10,CUST-1,N-10,EUR,60000000000000.00,2026-01-05,2026-02-04\n');
    const result = await validateLedgerFile(s.db.prisma, file, { batchSize: 100 });
    expect(result.problems).toEqual([expect.objectContaining({ line: 3, field: 'amount', message: expect.stringMatching(/larger than 10000000000\.00/) })]);
    fs.rmSync(dir, { recursive: true });
  });
});

describe('dates', () => {
  it('takes an ordinary date', async () => {
    ok(await s.as('CREDIT')('mutation($i: UpdateAccountInput!) { updateAccount(input: $i) { account { id } } }', { i: { id: accountId, lastContactAt: '2026-03-01T10:00:00Z' } }));
  });
  it.each(['0000-01-01', '0000-01-01T00:00:00Z', '1899-12-31T23:59:59Z', '3000-01-01', '+275760-09-13T00:00:00.000Z'])('refuses %s as a DateTime', async (value) => {
    const r = await s.as('CREDIT')('mutation($i: UpdateAccountInput!) { updateAccount(input: $i) { account { id } } }', { i: { id: accountId, lastContactAt: value } });
    expect(errorCodes(r)).toEqual(['BAD_USER_INPUT']);
    const signal = await s.as('CREDIT')('mutation($i: CreateSignalInput!) { createSignal(input: $i) { signal { id } } }', { i: { accountId, type: 'OTHER', note: 'n', observedAt: value } });
    expect(errorCodes(signal)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('dates that do not exist', () => {
  const update = (lastContactAt: string) => s.as('CREDIT')('mutation($i: UpdateAccountInput!) { updateAccount(input: $i) { account { id } } }', { i: { id: accountId, lastContactAt } });
  const stored = async () => (await s.db.prisma.account.findUniqueOrThrow({ where: { id: decodeGlobalID(accountId).id } })).lastContactAt?.toISOString();

  it.each(['2026-02-30', '2026-02-29', '2026-04-31', '2026-04-31T10:00:00+02:00', '2026-13-01', '2026-00-10', '2026-02-28T25:00:00Z', '2026-02-28T24:00:00Z', '2026-02-28T23:60:00Z'])(
    'refuses %s as a DateTime instead of rolling it over, and stores nothing',
    async (value) => {
      ok(await update('2026-01-15T08:00:00Z'));
      const r = await update(value);
      expect(errorCodes(r)).toEqual(['BAD_USER_INPUT']);
      expect(r.errors?.[0]?.message).toContain(JSON.stringify(value));
      expect(await stored()).toBe('2026-01-15T08:00:00.000Z');
    },
  );
  it.each([
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
    ['2026-04-30T23:59:59.999Z', '2026-04-30T23:59:59.999Z'],
    ['2026-03-31T23:30:00-05:00', '2026-04-01T04:30:00.000Z'],
  ])('still takes %s', async (value, iso) => {
    ok(await update(value));
    expect(await stored()).toBe(iso);
  });
  it('refuses a CSV date that does not exist, with its line', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'earshot-dates-'));
    const file = path.join(dir, 'invoices.csv');
    fs.writeFileSync(file, 'invoice_id,customer_id,number,currency,amount,invoice_date,due_date\nINV-D1,CUST-1,N-D1,EUR,1.00,2026-02-30,2026-03-30\nINV-D2,CUST-1,N-D2,EUR,1.00,2026-01-05,2026-04-31\n');
    const result = await validateLedgerFile(s.db.prisma, file, { batchSize: 100 });
    expect(result.problems).toEqual([
      expect.objectContaining({ line: 2, field: 'issuedAt' }),
      expect.objectContaining({ line: 3, field: 'dueAt' }),
    ]);
    fs.rmSync(dir, { recursive: true });
  });
});

describe('contact e-mails', () => {
  const create = (email: string) => s.as('CREDIT')('mutation($i: CreateContactInput!) { createContact(input: $i) { contact { email } } }', { i: { accountId, name: 'Jane', email } });
  it.each(['ap?bcc=attacker%40evil.example&body=hi@acme-tools.example', 'a b@acme.example', 'a/b@acme.example', 'a&b@acme.example', 'a..b@acme.example', '.a@acme.example', 'a@acme', 'a@-acme.example', '"a"@acme.example', 'a@[127.0.0.1]'])(
    'refuses %s',
    async (email) => {
      expect(errorCodes(await create(email))).toEqual(['BAD_USER_INPUT']);
    },
  );
  it('accepts ordinary addresses', async () => {
    expect(ok(await create('Jane.Doe+ap@Acme-Tools.example')).createContact.contact.email).toBe('jane.doe+ap@acme-tools.example');
  });
  it('answers sign-in with a non-address as BAD_USER_INPUT', async () => {
    expect(errorCodes(await s.gql('mutation($i: SignInInput!) { signIn(input: $i) { token } }', { i: { email: 'ap?bcc=x@acme.example', password: 'x' } }))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('adapter health', () => {
  const report = (structure: string) =>
    s.as('SALES')('mutation($i: ReportAdapterHealthInput!) { reportAdapterHealth(input: $i) { ok } }', { i: { site: 'gmail', pageType: 'thread', missing: ['.a3s'], structure, host: 'mail.example' } });
  it.each([
    ['3,000 characters', 'div>'.repeat(750)],
    ['1,000 three-byte characters', '日'.repeat(1000)],
  ])('refuses a structure of %s as BAD_USER_INPUT', async (_label, structure) => {
    const r = await report(structure);
    expect(errorCodes(r)).toEqual(['BAD_USER_INPUT']);
  });
  it('stores one within the bound', async () => {
    expect(ok(await report('div>'.repeat(500))).reportAdapterHealth.ok).toBe(true);
  });
});
