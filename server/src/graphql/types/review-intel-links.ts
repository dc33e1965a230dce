/** The links between a health-check review and the intel request that asked the account manager for their view. */
import { visibleIntelRequests } from '../../services/intel-requests.js';
import { builder } from '../builder.js';
import './health-check.js';
import { IntelRequestRef } from './intel-request.js';

builder.prismaObjectField('IntelRequest', 'healthCheck', (t) =>
  t.relation('healthCheck', { nullable: true, description: 'The health-check review that asked for the account manager’s view, when one did.' }),
);

builder.prismaObjectField('HealthCheck', 'salesViewRequest', (t) =>
  t.prismaField({
    type: IntelRequestRef,
    nullable: true,
    description: 'The latest intel request that asked the account manager for their view (null when the viewer may not read it).',
    resolve: (query, hc, _a, ctx) =>
      ctx.prisma.intelRequest.findFirst({ ...query, where: { AND: [{ healthCheckId: hc.id }, visibleIntelRequests(ctx.viewer)] }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }),
  }),
);
