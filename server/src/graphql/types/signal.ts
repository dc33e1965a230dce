import { SIGNAL_TYPE_INFO } from '@earshot/shared';
import { seesCreditFigures } from '../../auth/tokens.js';
import { builder, readAccounts } from '../builder.js';
import { SentimentEnum, SignalSourceEnum, SignalStatusEnum, SignalTypeEnum } from './enums.js';

/** What SALES, VIEWER and tokens without ledger:read read instead of a BANK_CHANGE signal's note. */
export const BANK_CHANGE_SAFE_NOTE = 'Bank details changed. The credit team has the details.';

export const SignalRef = builder.prismaNode('Signal', {
  id: { field: 'id' },
  // A well-formed id of a missing row: node(id) answers null (findUnique), not an internal error.
  nullable: true,
  authScopes: readAccounts,
  fields: (t) => ({
    type: t.expose('type', { type: SignalTypeEnum }),
    label: t.string({ resolve: (s) => SIGNAL_TYPE_INFO[s.type].label }),
    severity: t.exposeInt('severity'),
    sentiment: t.expose('sentiment', { type: SentimentEnum }),
    source: t.expose('source', { type: SignalSourceEnum }),
    status: t.expose('status', { type: SignalStatusEnum }),
    note: t.string({
      nullable: true,
      description: 'A BANK_CHANGE note names the old and new bank details: for those who see credit figures only, a plain sentence for others.',
      resolve: (s, _args, ctx) => (s.type === 'BANK_CHANGE' && s.note !== null && !seesCreditFigures(ctx.viewer) ? BANK_CHANGE_SAFE_NOTE : s.note),
    }),
    sourceUrl: t.exposeString('sourceUrl', { nullable: true }),
    observedAt: t.expose('observedAt', { type: 'DateTime' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    author: t.relation('author', { nullable: true }),
    account: t.relation('account'),
  }),
});
