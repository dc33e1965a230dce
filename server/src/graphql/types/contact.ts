import { builder } from '../builder.js';
import { ContactChannelEnum, ContactToneEnum } from './enums.js';

export const ContactRef = builder.prismaNode('Contact', {
  id: { field: 'id' },
  // Select mode: a row reads the columns of the fields asked for, not every column (issue 12).
  select: { id: true },
  // A well-formed id of a missing row: node(id) answers null (findUnique), not an internal error.
  nullable: true,
  authScopes: { $all: { signedIn: true, scope: 'accounts:read' } },
  fields: (t) => ({
    name: t.exposeString('name'),
    email: t.exposeString('email', { nullable: true }),
    role: t.exposeString('role', { nullable: true }),
    phone: t.exposeString('phone', { nullable: true }),
    preferredChannel: t.expose('preferredChannel', { type: ContactChannelEnum, nullable: true }),
    preferredTone: t.expose('preferredTone', { type: ContactToneEnum, nullable: true }),
    notes: t.exposeString('notes', { nullable: true }),
    account: t.relation('account'),
  }),
});
