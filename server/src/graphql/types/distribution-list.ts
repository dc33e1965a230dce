/**
 * Distribution lists for internal visit reports: read by writers (the report form offers them), set and deleted
 * by an ADMIN (with the `admin` scope on an API token). services/distribution-lists.ts validates and audits.
 */
import { deleteDistributionList, setDistributionList } from '../../services/distribution-lists.js';
import { builder } from '../builder.js';
import { adminOnly } from './admin.js';

/** Writers (not VIEWER) reading account data: who may send a visit report. */
const readLists = { $all: { writer: true, scope: 'accounts:read' } } as const;

export const DistributionListRef = builder.prismaNode('DistributionList', {
  id: { field: 'id' },
  // A well-formed id of a missing (deleted) list: node(id) answers null.
  nullable: true,
  authScopes: readLists,
  description: 'A named group of addresses a visit report can be sent to (executives, sales managers, customer service…).',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Unique, whatever the case.' }),
    description: t.exposeString('description', { nullable: true }),
    addresses: t.exposeStringList('addresses', { description: 'Lower-case e-mail addresses.' }),
  }),
});

builder.queryField('distributionLists', (t) =>
  t.prismaField({
    type: [DistributionListRef],
    authScopes: readLists,
    description: 'Every distribution list, by name.',
    resolve: (query, _root, _args, ctx) => ctx.prisma.distributionList.findMany({ ...query, orderBy: [{ name: 'asc' }, { id: 'asc' }] }),
  }),
);

const SetDistributionListInput = builder.inputType('SetDistributionListInput', {
  fields: (t) => ({
    name: t.string({ required: true, description: '1–60 characters; an existing list of that name (any case) is replaced.' }),
    description: t.string({ required: false }),
    addresses: t.stringList({ required: true, description: '1–200 e-mail addresses (duplicates dropped).' }),
  }),
});

const DistributionListPayload = builder.objectRef<{ id: string }>('DistributionListPayload').implement({
  fields: (t) => ({
    list: t.prismaField({ type: DistributionListRef, resolve: (query, p, _a, ctx) => ctx.prisma.distributionList.findUniqueOrThrow({ ...query, where: { id: p.id } }) }),
  }),
});

builder.mutationField('setDistributionList', (t) =>
  t.field({
    type: DistributionListPayload,
    authScopes: adminOnly,
    description: 'Creates a distribution list, or replaces the one of that name (ADMIN).',
    args: { input: t.arg({ type: SetDistributionListInput, required: true }) },
    resolve: async (_r, { input }, ctx) => ({ id: (await setDistributionList(ctx.prisma, ctx.viewer, input)).id }),
  }),
);

const DeleteDistributionListInput = builder.inputType('DeleteDistributionListInput', { fields: (t) => ({ name: t.string({ required: true }) }) });
const DeleteDistributionListPayload = builder.objectRef<{ name: string }>('DeleteDistributionListPayload').implement({
  fields: (t) => ({ name: t.exposeString('name', { description: 'The deleted list’s name; reports sent to it keep the name.' }) }),
});

builder.mutationField('deleteDistributionList', (t) =>
  t.field({
    type: DeleteDistributionListPayload,
    authScopes: adminOnly,
    description: 'Deletes a distribution list by name, any case (ADMIN); NOT_FOUND when there is none.',
    args: { input: t.arg({ type: DeleteDistributionListInput, required: true }) },
    resolve: (_r, { input }, ctx) => deleteDistributionList(ctx.prisma, ctx.viewer, input),
  }),
);
