import { builder, readAccounts } from '../builder.js';
import { NoteVisibilityEnum } from './enums.js';

export const NoteRef = builder.prismaNode('Note', {
  id: { field: 'id' },
  // Select mode (issue 12): the columns of the fields asked for, and the visibility its authorization reads.
  select: { id: true, visibility: true },
  // A well-formed id of a missing row: node(id) answers null (findUnique), not an internal error.
  nullable: true,
  // Checked per object, so node(id) cannot reach a CREDIT_ONLY note for a sales user (or a token without
  // ledger:read) either: the same creditFigures rule as the figures, on top of accounts:read.
  authScopes: (note) =>
    note.visibility === 'ALL' ? readAccounts : { $all: { signedIn: true, scope: 'accounts:read', creditFigures: true } },
  fields: (t) => ({
    body: t.exposeString('body'),
    visibility: t.expose('visibility', { type: NoteVisibilityEnum }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    author: t.relation('author', { nullable: true }),
    account: t.relation('account'),
  }),
});
