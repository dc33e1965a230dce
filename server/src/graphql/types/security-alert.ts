/**
 * Security alerts for admins (repeated sign-in lock-outs, security/rate-limits.ts). Not credit Alerts: they are
 * about access to Earshot, not about a customer account, and only admins (with the `admin` scope) see them.
 */
import { builder } from '../builder.js';
import { UserRef } from './user.js';

const adminOnly = { $all: { role: ['ADMIN'], scope: 'admin' } } as const;

const SecurityAlertKindEnum = builder.enumType('SecurityAlertKind', {
  values: {
    ACCOUNT_LOCKOUTS: { description: 'Sign-ins to one account (e-mail) were locked out repeatedly within a day.' },
    ADDRESS_LOCKOUTS: { description: 'Sign-ins from one client address were locked out repeatedly within a day.' },
  } as const,
});

export const SecurityAlertRef = builder.prismaNode('SecurityAlert', {
  id: { field: 'id' },
  // A missing row is null, as for every node type (not findUniqueOrThrow's INTERNAL_SERVER_ERROR).
  nullable: true,
  authScopes: adminOnly,
  fields: (t) => ({
    kind: t.expose('kind', { type: SecurityAlertKindEnum }),
    subject: t.exposeString('subject', { description: 'The normalised e-mail or the client address concerned.' }),
    user: t.relation('user', { type: UserRef, nullable: true, description: 'The user of that e-mail, when there is one.' }),
    lockouts: t.exposeInt('lockouts', { description: 'Lock-outs of this subject within the day that raised the alert.' }),
    detail: t.expose('detail', { type: 'JSON' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

builder.queryField('securityAlerts', (t) =>
  t.prismaConnection({
    type: SecurityAlertRef,
    cursor: 'id',
    maxSize: 100,
    defaultSize: 25,
    authScopes: adminOnly,
    description: 'Security alerts (repeated sign-in lock-outs), newest first (admins).',
    totalCount: (_p, _args, ctx) => ctx.prisma.securityAlert.count(),
    resolve: (query, _root, _args, ctx) => ctx.prisma.securityAlert.findMany({ ...query, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }),
  }),
);
