/**
 * Site adapters report when they recognise a page but cannot read it (a CRM or webmail changed its DOM).
 * Only the censored structure and the host are stored: no URL path, no text from the page.
 */
import { z } from 'zod';
import { validate } from '../../services/validation.js';
import { builder } from '../builder.js';

export const MAX_STRUCTURE_BYTES = 2000;

/** ADMIN users; an API token needs the `admin` scope too (a token never reads more than its scopes name). */
const adminOnly = { $all: { role: ['ADMIN'], scope: 'admin' } } as const;

const reportSchema = z.object({
  site: z.string().regex(/^[a-z0-9-]{1,40}$/, 'must be an adapter name such as gmail'),
  pageType: z.string().regex(/^[a-zA-Z0-9_-]{1,40}$/, 'must be a page type such as thread'),
  missing: z.array(z.string().max(100, 'must be at most 100 characters')).max(20, 'must list at most 20 selectors'),
  // The structure is part of a unique index, whose entries PostgreSQL caps at ~2,700 bytes: 3,000 characters
  // answered INTERNAL_SERVER_ERROR. Bounded in UTF-8 bytes, well below the cap with the other key columns.
  structure: z
    .string()
    .min(1, 'must not be empty')
    .refine((v) => Buffer.byteLength(v, 'utf8') <= MAX_STRUCTURE_BYTES, `must be at most ${MAX_STRUCTURE_BYTES} bytes`),
  host: z.string().regex(/^[a-z0-9.-]{1,253}$/, 'must be a host name'),
});

const AdapterHealthRef = builder.prismaObject('AdapterHealthEvent', {
  authScopes: adminOnly,
  fields: (t) => ({
    site: t.exposeString('site'),
    pageType: t.exposeString('pageType'),
    missing: t.exposeStringList('missing'),
    structure: t.exposeString('structure'),
    host: t.exposeString('host'),
    count: t.exposeInt('count'),
    firstSeen: t.expose('firstSeen', { type: 'DateTime' }),
    lastSeen: t.expose('lastSeen', { type: 'DateTime' }),
  }),
});

builder.relayMutationField(
  'reportAdapterHealth',
  {
    inputFields: (t) => ({
      site: t.string({ required: true }),
      pageType: t.string({ required: true }),
      missing: t.stringList({ required: true }),
      structure: t.string({ required: true }),
      host: t.string({ required: true }),
    }),
  },
  {
    authScopes: { signedIn: true },
    resolve: async (_root, { input }, ctx) => {
      const r = validate(reportSchema, input);
      const key = { site: r.site, pageType: r.pageType, host: r.host, structure: r.structure };
      await ctx.prisma.adapterHealthEvent.upsert({
        where: { site_pageType_host_structure: key },
        create: { ...key, missing: r.missing, userId: ctx.viewer?.userId ?? null },
        update: { count: { increment: 1 }, lastSeen: new Date(), missing: r.missing },
      });
      return { ok: true };
    },
  },
  { outputFields: (t) => ({ ok: t.exposeBoolean('ok') }) },
);

builder.queryField('adapterHealth', (t) =>
  t.prismaField({
    type: [AdapterHealthRef],
    authScopes: adminOnly,
    description: 'Pages the extension recognised but could not read, most recent first (admins).',
    resolve: (query, _root, _args, ctx) => ctx.prisma.adapterHealthEvent.findMany({ ...query, orderBy: { lastSeen: 'desc' }, take: 200 }),
  }),
);
