/** Issue 7 §2: access an administrator controls, through GraphQL (the CLI's side is in cli.test.ts). */
import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../auth/tokens.js';
import { createServices } from '../services/index.js';
import type { AuthRevokedEvent } from '../services/users.js';
import { DB_KINDS } from '../test-support/databases.js';
import { errorCodes, ok, startTestServer, TEST_PASSWORD, type TestServer } from '../test-support/server.js';

const USERS = 'query($f: UserFilter) { users(first: 50, filter: $f) { totalCount edges { node { id email role active } } } }';
const CREATE_USER = 'mutation($i: CreateUserInput!) { createUser(input: $i) { user { id email role name active } } }';
const CREATE_TOKEN =
  'mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { secret apiToken { id name prefix scopes expiresAt revokedAt active owner { email } } } }';
const REVOKE = 'mutation($i: RevokeApiTokenInput!) { revokeApiToken(input: $i) { apiToken { id revokedAt active } } }';
const TOKENS = 'query($f: ApiTokenFilter) { apiTokens(first: 50, filter: $f) { totalCount edges { node { id kind name owner { email } lastUsedAt } } } }';
const VIEWER = '{ viewer { email } }';
const SIGN_IN = 'mutation($i: SignInInput!) { signIn(input: $i) { token } }';

describe.each(DB_KINDS)('admin controls through GraphQL on %s', (kind) => {
  let s: TestServer;
  const revoked: AuthRevokedEvent[] = [];
  beforeAll(async () => {
    s = await startTestServer(kind, { services: (db) => createServices(db.prisma, { onAuthRevoked: (e) => void revoked.push(e) }) });
  }, 120_000);
  afterAll(() => s?.close());

  const userId = (role: 'ADMIN' | 'CREDIT' | 'SALES' | 'VIEWER') => encodeGlobalID('User', s.users[role].id);

  it('refuses every admin query and mutation to other roles, to anonymous callers and to admin tokens without the admin scope', async () => {
    const calls: [string, Record<string, unknown>][] = [
      [USERS, {}],
      [CREATE_USER, { i: { email: 'x@corp.example', role: 'ADMIN', password: 'long-enough-1' } }],
      ['mutation($i: UpdateUserRoleInput!) { updateUserRole(input: $i) { user { role } } }', { i: { userId: 'U', role: 'ADMIN' } }],
      ['mutation($i: UserIdInput!) { deactivateUser(input: $i) { revokedTokenCount } }', { i: { userId: 'U' } }],
      ['mutation($i: UserIdInput!) { reactivateUser(input: $i) { user { id } } }', { i: { userId: 'U' } }],
      ['mutation($i: ResetUserPasswordInput!) { resetUserPassword(input: $i) { endedSessionCount } }', { i: { userId: 'U', password: 'long-enough-1' } }],
      [CREATE_TOKEN, { i: { userId: 'U', scopes: ['admin'] } }],
    ];
    const adminWithoutScope = await s.apiToken('ADMIN', ['accounts:read', 'accounts:write']);
    for (const [query, variables] of calls) {
      for (const role of ['CREDIT', 'SALES', 'VIEWER'] as const) expect(errorCodes(await s.as(role)(query, variables)), `${role} ${query}`).toEqual(['FORBIDDEN']);
      expect(errorCodes(await s.gql(query, variables, adminWithoutScope))).toEqual(['FORBIDDEN']);
      // Anonymous documents have a cost limit of their own (200): a page of 1, so that authorization is what refuses it.
      expect(errorCodes(await s.gql(query.replace('first: 50', 'first: 1'), variables)), `anonymous ${query}`).toEqual(['UNAUTHENTICATED']);
    }
    expect(await s.db.prisma.user.count({ where: { email: 'x@corp.example' } })).toBe(0);
    // An admin token with the admin scope may.
    const adminScoped = await s.apiToken('ADMIN', ['admin']);
    expect(ok(await s.gql(USERS, {}, adminScoped)).users.totalCount).toBe(4);
  });

  it('creates users with validation errors naming the field, lists and filters them, changes roles; keeps one active admin', async () => {
    const admin = s.as('ADMIN');
    const bad = await admin(CREATE_USER, { i: { email: 'not-an-email', role: 'SALES' } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.email' });
    const short = await admin(CREATE_USER, { i: { email: 'sam@corp.example', role: 'SALES', password: 'short' } });
    expect(short.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.password' });
    const created = ok(await admin(CREATE_USER, { i: { email: ' Sam@Corp.Example ', role: 'SALES', password: 'sams-password-1' } })).createUser.user;
    expect(created).toMatchObject({ email: 'sam@corp.example', role: 'SALES', name: 'sam', active: true });
    const dup = await admin(CREATE_USER, { i: { email: 'sam@corp.example', role: 'SALES' } });
    expect(dup.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.email' });
    expect(ok(await s.gql(SIGN_IN, { i: { email: 'sam@corp.example', password: 'sams-password-1' } })).signIn.token).toMatch(/^esk_/);

    const sales = ok(await admin(USERS, { f: { role: 'SALES' } })).users;
    expect(sales.totalCount).toBe(2);
    expect(ok(await admin(USERS, { f: { search: 'CORP.ex' } })).users.edges.map((e: any) => e.node.email)).toEqual(['sam@corp.example']);

    const promoted = ok(await admin('mutation($i: UpdateUserRoleInput!) { updateUserRole(input: $i) { user { role } } }', { i: { userId: created.id, role: 'CREDIT' } }));
    expect(promoted.updateUserRole.user.role).toBe('CREDIT');
    const lastAdmin = await admin('mutation($i: UpdateUserRoleInput!) { updateUserRole(input: $i) { user { role } } }', { i: { userId: userId('ADMIN'), role: 'SALES' } });
    expect(lastAdmin.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.role' });
    const wrongId = await admin('mutation($i: UserIdInput!) { deactivateUser(input: $i) { revokedTokenCount } }', { i: { userId: encodeGlobalID('Account', 'x') } });
    expect(wrongId.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.userId' });
    const actions = await s.db.prisma.auditEvent.findMany({ where: { entityId: decodeGlobalID(created.id).id, action: { startsWith: 'user.' } } });
    expect(actions.map((a) => a.action).sort()).toEqual(['user.create', 'user.setRole']);
    expect(actions.every((a) => a.actorId === s.users.ADMIN.id)).toBe(true);
  });

  it('creates API tokens that expire in a year unless told (never only explicitly), shows the secret once, revokes them at once', async () => {
    const admin = s.as('ADMIN');
    const made = ok(await admin(CREATE_TOKEN, { i: { userId: userId('CREDIT'), name: 'erp feed', scopes: ['ledger:write', 'accounts:read'] } })).createApiToken;
    expect(made.secret).toMatch(/^esk_/);
    expect(made.apiToken).toMatchObject({ name: 'erp feed', scopes: ['ledger:write', 'accounts:read'], revokedAt: null, active: true, owner: { email: s.users.CREDIT.email } });
    expect(made.secret.startsWith(made.apiToken.prefix)).toBe(true);
    expect(Math.round((Date.parse(made.apiToken.expiresAt) - Date.now()) / 86_400_000)).toBe(365);
    expect(ok(await s.gql(VIEWER, {}, made.secret)).viewer.email).toBe(s.users.CREDIT.email);

    const forever = ok(await admin(CREATE_TOKEN, { i: { userId: userId('CREDIT'), scopes: ['accounts:read'], neverExpires: true } })).createApiToken;
    expect(forever.apiToken.expiresAt).toBeNull();
    const both = await admin(CREATE_TOKEN, { i: { userId: userId('CREDIT'), scopes: ['accounts:read'], neverExpires: true, expiresInDays: 5 } });
    expect(both.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.neverExpires' });
    const zero = await admin(CREATE_TOKEN, { i: { userId: userId('CREDIT'), scopes: ['accounts:read'], expiresInDays: 0 } });
    expect(zero.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.expiresInDays' });
    const scope = await admin(CREATE_TOKEN, { i: { userId: userId('CREDIT'), scopes: ['world:domination'] } });
    expect(scope.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.scopes.0' });

    // The secret is never readable afterwards: the type has no field holding it.
    const fields = ok(await admin('{ __type(name: "ApiToken") { fields { name } } }')).__type.fields.map((f: any) => f.name);
    expect(fields.sort()).toEqual(['active', 'createdAt', 'expiresAt', 'id', 'kind', 'lastUsedAt', 'name', 'owner', 'prefix', 'revokedAt', 'scopes']);
    const listed = ok(await admin(TOKENS, { f: { userId: userId('CREDIT'), kind: 'API' } })).apiTokens;
    expect(listed.totalCount).toBe(2);
    expect(listed.edges[1].node).toMatchObject({ name: 'erp feed', owner: { email: s.users.CREDIT.email } });
    expect(listed.edges[1].node.lastUsedAt).not.toBeNull();

    revoked.length = 0;
    ok(await admin(REVOKE, { i: { tokenId: made.apiToken.id } }));
    expect(await s.gql(VIEWER, {}, made.secret)).toMatchObject({ data: { viewer: null } });
    expect(revoked).toEqual([{ tokenIds: [decodeGlobalID(made.apiToken.id).id], reason: 'token.revoke' }]);
    expect(ok(await admin(TOKENS, { f: { userId: userId('CREDIT'), kind: 'API' } })).apiTokens.totalCount).toBe(1);
  });

  it('lets a user list and revoke only their own tokens', async () => {
    const sales = s.as('SALES');
    const own = ok(await sales(TOKENS, { f: { userId: userId('CREDIT') } })).apiTokens;
    expect(own.edges.map((e: any) => e.node.owner.email)).toEqual([s.users.SALES.email]);
    const creditToken = await s.db.prisma.apiToken.findFirstOrThrow({ where: { userId: s.users.CREDIT.id, kind: 'SESSION' } });
    const theirs = await sales(REVOKE, { i: { tokenId: encodeGlobalID('ApiToken', creditToken.id) } });
    expect(errorCodes(theirs)).toEqual(['NOT_FOUND']);
    expect(ok(await s.as('CREDIT')(VIEWER)).viewer.email).toBe(s.users.CREDIT.email);
    const node = await sales('query($id: ID!) { node(id: $id) { id } }', { id: encodeGlobalID('ApiToken', creditToken.id) });
    expect(node.data?.node ?? null).toBeNull();
    const second = ok(await s.gql(SIGN_IN, { i: { email: s.users.SALES.email, password: TEST_PASSWORD } })).signIn.token;
    const mine = ok(await s.gql(TOKENS, { f: { kind: 'SESSION' } }, second)).apiTokens.edges.map((e: any) => e.node.id as string);
    expect(mine).toHaveLength(2);
    const first = await s.db.prisma.apiToken.findUniqueOrThrow({ where: { tokenHash: hashToken(s.users.SALES.token) } });
    expect(mine).toContain(encodeGlobalID('ApiToken', first.id));
    ok(await s.gql(REVOKE, { i: { tokenId: encodeGlobalID('ApiToken', first.id) } }, second));
    expect(ok(await sales(VIEWER)).viewer).toBeNull();
    expect(ok(await s.gql(VIEWER, {}, second)).viewer.email).toBe(s.users.SALES.email);
  });

  it('an API token (not admin) sees and revokes only itself, never its user\'s sessions or other tokens', async () => {
    const feed = await s.apiToken('CREDIT', ['ledger:write']);
    const other = await s.apiToken('CREDIT', ['accounts:read']);
    const listed = ok(await s.gql(TOKENS, { f: { includeInactive: true } }, feed)).apiTokens;
    expect(listed.totalCount).toBe(1);
    const feedRow = await s.db.prisma.apiToken.findUniqueOrThrow({ where: { tokenHash: hashToken(feed) } });
    expect(listed.edges.map((e: any) => e.node.id)).toEqual([encodeGlobalID('ApiToken', feedRow.id)]);
    const session = await s.db.prisma.apiToken.findUniqueOrThrow({ where: { tokenHash: hashToken(s.users.CREDIT.token) } });
    const otherRow = await s.db.prisma.apiToken.findUniqueOrThrow({ where: { tokenHash: hashToken(other) } });
    for (const row of [session, otherRow]) {
      expect(errorCodes(await s.gql(REVOKE, { i: { tokenId: encodeGlobalID('ApiToken', row.id) } }, feed))).toEqual(['NOT_FOUND']);
      const node = await s.gql('query($id: ID!) { node(id: $id) { id } }', { id: encodeGlobalID('ApiToken', row.id) }, feed);
      expect(node.data?.node ?? null).toBeNull();
    }
    expect(ok(await s.as('CREDIT')(VIEWER)).viewer.email).toBe(s.users.CREDIT.email);
    expect(ok(await s.gql(VIEWER, {}, other)).viewer.email).toBe(s.users.CREDIT.email);
    ok(await s.gql(REVOKE, { i: { tokenId: encodeGlobalID('ApiToken', feedRow.id) } }, feed));
    expect(ok(await s.gql(VIEWER, {}, feed)).viewer).toBeNull();
  });

  it('deactivating a user stops every session and API token of theirs at once; reactivating lets them sign in again', async () => {
    const admin = s.as('ADMIN');
    const api = await s.apiToken('VIEWER', ['accounts:read']);
    expect(ok(await s.gql(VIEWER, {}, api)).viewer.email).toBe(s.users.VIEWER.email);
    revoked.length = 0;
    const r = ok(await admin('mutation($i: UserIdInput!) { deactivateUser(input: $i) { revokedTokenCount user { active } } }', { i: { userId: userId('VIEWER') } }));
    expect(r.deactivateUser).toEqual({ revokedTokenCount: 2, user: { active: false } });
    expect(ok(await s.as('VIEWER')(VIEWER)).viewer).toBeNull();
    expect(ok(await s.gql(VIEWER, {}, api)).viewer).toBeNull();
    expect(revoked).toHaveLength(1);
    expect(revoked[0]).toMatchObject({ userId: s.users.VIEWER.id, reason: 'user.deactivate' });
    expect(revoked[0]!.tokenIds).toHaveLength(2);
    expect(errorCodes(await s.gql(SIGN_IN, { i: { email: s.users.VIEWER.email, password: TEST_PASSWORD } }))).toEqual(['UNAUTHENTICATED']);
    ok(await admin('mutation($i: UserIdInput!) { reactivateUser(input: $i) { user { active } } }', { i: { userId: userId('VIEWER') } }));
    expect(ok(await s.gql(SIGN_IN, { i: { email: s.users.VIEWER.email, password: TEST_PASSWORD } })).signIn.token).toMatch(/^esk_/);
    expect(ok(await s.gql(VIEWER, {}, api)).viewer).toBeNull();
  });

  it('resetting a password ends the user’s sessions; the new password signs in', async () => {
    const admin = s.as('ADMIN');
    const session = ok(await s.gql(SIGN_IN, { i: { email: s.users.CREDIT.email, password: TEST_PASSWORD } })).signIn.token;
    const r = ok(await admin('mutation($i: ResetUserPasswordInput!) { resetUserPassword(input: $i) { endedSessionCount } }', { i: { userId: userId('CREDIT'), password: 'a-brand-new-password' } }));
    expect(r.resetUserPassword.endedSessionCount).toBe(2);
    expect(ok(await s.gql(VIEWER, {}, session)).viewer).toBeNull();
    expect(errorCodes(await s.gql(SIGN_IN, { i: { email: s.users.CREDIT.email, password: TEST_PASSWORD } }))).toEqual(['UNAUTHENTICATED']);
    expect(ok(await s.gql(SIGN_IN, { i: { email: s.users.CREDIT.email, password: 'a-brand-new-password' } })).signIn.token).toMatch(/^esk_/);
    const short = await admin('mutation($i: ResetUserPasswordInput!) { resetUserPassword(input: $i) { endedSessionCount } }', { i: { userId: userId('CREDIT'), password: 'short' } });
    expect(short.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.password' });
  });
});
