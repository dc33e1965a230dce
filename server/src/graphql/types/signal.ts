import { SIGNAL_TYPE_INFO } from '@earshot/shared';
import { seesCreditFigures } from '../../auth/tokens.js';
import { builder, readAccounts } from '../builder.js';
import { SentimentEnum, SignalSourceEnum, SignalStatusEnum, SignalTypeEnum } from './enums.js';
import { financeNoteInWords } from '../../domain/visit-briefing.js';

/**
 * Notes of finance signals (bank details, credit reports, payment behaviour) carry the ledger's figures: the last
 * digits of an account number, a bureau score. Whoever does not see credit figures reads the fact in words — the
 * same words as the visit briefing's SALES copy (one rule: domain/visit-briefing.ts).
 */
export const financeNoteFor = financeNoteInWords;
export const BANK_CHANGE_SAFE_NOTE = financeNoteFor('BANK_CHANGE')!;

export const SignalRef = builder.prismaNode('Signal', {
  id: { field: 'id' },
  // Select mode: a row reads the columns of the fields asked for, not every column (issue 12).
  select: { id: true },
  // A well-formed id of a missing row: node(id) answers null (findUnique), not an internal error.
  nullable: true,
  authScopes: readAccounts,
  fields: (t) => ({
    type: t.expose('type', { type: SignalTypeEnum }),
    label: t.string({ select: { type: true }, resolve: (s) => SIGNAL_TYPE_INFO[s.type].label }),
    severity: t.exposeInt('severity'),
    sentiment: t.expose('sentiment', { type: SentimentEnum }),
    source: t.expose('source', { type: SignalSourceEnum }),
    status: t.expose('status', { type: SignalStatusEnum }),
    note: t.string({
      nullable: true,
      select: { note: true, type: true },
      description:
        'The note of a finance signal (bank details, credit report, payment behaviour) can name figures: for those who see credit figures; others read the fact in words.',
      resolve: (s, _args, ctx) => (s.note !== null && !seesCreditFigures(ctx.viewer) ? (financeNoteFor(s.type) ?? s.note) : s.note),
    }),
    sourceUrl: t.exposeString('sourceUrl', { nullable: true }),
    observedAt: t.expose('observedAt', { type: 'DateTime' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    author: t.relation('author', { nullable: true }),
    account: t.relation('account'),
  }),
});
