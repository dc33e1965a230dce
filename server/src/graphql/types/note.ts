import { isCreditViewer } from '../../auth/tokens.js';
import { builder } from '../builder.js';
import { NoteVisibilityEnum } from './enums.js';

export const NoteRef = builder.prismaNode('Note', {
  id: { field: 'id' },
  // Checked per object, so node(id) cannot reach a CREDIT_ONLY note for a sales user either.
  authScopes: (note, ctx) => (note.visibility === 'ALL' ? { $all: { signedIn: true, scope: 'accounts:read' } } : isCreditViewer(ctx.viewer)),
  fields: (t) => ({
    body: t.exposeString('body'),
    visibility: t.expose('visibility', { type: NoteVisibilityEnum }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    author: t.relation('author', { nullable: true }),
    account: t.relation('account'),
  }),
});
