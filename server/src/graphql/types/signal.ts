import { SIGNAL_TYPE_INFO } from '@earshot/shared';
import { builder } from '../builder.js';
import { SentimentEnum, SignalSourceEnum, SignalStatusEnum, SignalTypeEnum } from './enums.js';

export const SignalRef = builder.prismaNode('Signal', {
  id: { field: 'id' },
  authScopes: { $all: { signedIn: true, scope: 'accounts:read' } },
  fields: (t) => ({
    type: t.expose('type', { type: SignalTypeEnum }),
    label: t.string({ resolve: (s) => SIGNAL_TYPE_INFO[s.type].label }),
    severity: t.exposeInt('severity'),
    sentiment: t.expose('sentiment', { type: SentimentEnum }),
    source: t.expose('source', { type: SignalSourceEnum }),
    status: t.expose('status', { type: SignalStatusEnum }),
    note: t.exposeString('note', { nullable: true }),
    sourceUrl: t.exposeString('sourceUrl', { nullable: true }),
    observedAt: t.expose('observedAt', { type: 'DateTime' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    author: t.relation('author', { nullable: true }),
    account: t.relation('account'),
  }),
});
