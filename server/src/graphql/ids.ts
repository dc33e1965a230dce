/**
 * Relay global ids, decoded once, here: for the relay plugin (`node`, `nodes`: builder.ts) and for every id in
 * arguments and inputs (idOf), with an error naming the field when the id is of another type.
 *
 * Every node table's primary key is a uuid (prisma/schema.prisma: `@default(uuid(7))`). A global id whose row id is
 * not a uuid (a NUL or other control character, 10 KB of text, "x") names no row: it never reaches the database,
 * where a NUL byte in a text parameter is an error (INTERNAL_SERVER_ERROR) rather than "no such row".
 */
import { decodeGlobalID as decodeRelayGlobalID } from '@pothos/plugin-relay';
import { badInput } from './errors.js';

const ROW_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `id` has the form of our tables' primary keys (a uuid). */
export function isRowId(id: string): boolean {
  return ROW_ID.test(id);
}

/**
 * A uuid no table holds (uuid(7) never generates the nil uuid): what the relay plugin gets for a global id whose row id
 * is not a uuid, so that `node` and `nodes` answer null for it, as for any missing row.
 */
export const NO_ROW_ID = '00000000-0000-0000-0000-000000000000';

/**
 * The relay plugin's decoder (builder option `relay.decodeGlobalID`): a malformed global id is still an error
 * ("Invalid global ID", a client error); a well-formed one whose row id is not a uuid becomes NO_ROW_ID.
 */
export function decodeGlobalIdForRelay(globalId: string): { typename: string; id: string } {
  const decoded = decodeRelayGlobalID(globalId);
  return isRowId(decoded.id) ? decoded : { typename: decoded.typename, id: NO_ROW_ID };
}

/** The type and row id behind a global id; null when it is not a global id or its row id is not a uuid. */
export function decodeRowGlobalId(globalId: string | number): { typename: string; id: string } | null {
  try {
    const decoded = decodeRelayGlobalID(String(globalId));
    return isRowId(decoded.id) ? decoded : null;
  } catch {
    return null;
  }
}

/**
 * The database id behind a global id of `typename`; null for an absent id (an optional field left out).
 * Not a global id, one of another type, or one whose row id cannot be a row (not a uuid): BAD_USER_INPUT naming the
 * field. A well-formed id of a missing row passes, and the caller answers NOT_FOUND as usual.
 */
export function idOf(typename: string, globalId: string | number | null | undefined, field: string): string | null {
  if (globalId === null || globalId === undefined || globalId === '') return null;
  const decoded = decodeRowGlobalId(globalId);
  if (decoded?.typename === typename) return decoded.id;
  throw badInput(`${field} is not ${/^[AEIOU]/i.test(typename) ? 'an' : 'a'} ${typename} id`, field);
}

/** An Account global id that must be present. */
export function accountIdFrom(globalId: string | number, field = 'id'): string {
  const id = idOf('Account', globalId, field);
  if (!id) throw badInput(`${field} is required`, field);
  return id;
}
