/** Relay global ids in inputs: decoded once, here, with an error naming the field when the id is of another type. */
import { decodeGlobalID } from '@pothos/plugin-relay';
import { badInput } from './errors.js';

/** The database id behind a global id of `typename`; null for an absent id (an optional field left out). */
export function idOf(typename: string, globalId: string | number | null | undefined, field: string): string | null {
  if (globalId === null || globalId === undefined || globalId === '') return null;
  try {
    const decoded = decodeGlobalID(String(globalId));
    if (decoded.typename === typename) return decoded.id;
  } catch {
    // not a global id at all: same answer
  }
  throw badInput(`${field} is not a ${typename} id`, field);
}

/** An Account global id that must be present. */
export function accountIdFrom(globalId: string | number, field = 'id'): string {
  const id = idOf('Account', globalId, field);
  if (!id) throw badInput(`${field} is required`, field);
  return id;
}
