import { builder } from '../builder.js';
import { AlertRuleEnum, AlertStatusEnum } from './enums.js';

export const AlertRef = builder.prismaNode('Alert', {
  id: { field: 'id' },
  authScopes: { $all: { signedIn: true, scope: 'accounts:read' } },
  fields: (t) => ({
    rule: t.expose('rule', { type: AlertRuleEnum }),
    title: t.exposeString('title'),
    detail: t.exposeString('detail', { nullable: true }),
    severity: t.exposeInt('severity'),
    status: t.expose('status', { type: AlertStatusEnum }),
    evidence: t.expose('evidence', { type: 'JSON' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    acknowledgedAt: t.expose('acknowledgedAt', { type: 'DateTime', nullable: true }),
    resolvedAt: t.expose('resolvedAt', { type: 'DateTime', nullable: true }),
    owner: t.relation('owner', { nullable: true }),
    account: t.relation('account'),
  }),
});
