import { builder, readAccounts } from '../builder.js';
import { RoleEnum } from './enums.js';

/** A colleague: who manages which customer, in which business unit (seed 000's directory). */
export const UserRef = builder.prismaNode('User', {
  id: { field: 'id' },
  // A well-formed id of a missing row: node(id) answers null (findUnique), not an internal error.
  nullable: true,
  authScopes: { signedIn: true },
  // Only the columns a query asks for are read (never the password hash): a card names a user four to six times.
  select: { id: true },
  fields: (t) => ({
    email: t.exposeString('email'),
    name: t.exposeString('name'),
    role: t.expose('role', { type: RoleEnum }),
    businessUnit: t.exposeString('businessUnit', { nullable: true }),
    managedAccounts: t.relatedConnection('managedAccounts', {
      // Accounts (and their count) need accounts:read, like every other way to them.
      authScopes: readAccounts,
      cursor: 'id',
      totalCount: true,
      query: () => ({ orderBy: { name: 'asc' } }),
    }),
  }),
});

builder.queryField('viewer', (t) =>
  t.prismaField({
    type: 'User',
    nullable: true,
    description: 'The signed-in user, or null without a valid token (lets a client probe its session).',
    resolve: (query, _root, _args, ctx) => (ctx.viewer ? ctx.prisma.user.findUnique({ ...query, where: { id: ctx.viewer.userId } }) : null),
  }),
);
