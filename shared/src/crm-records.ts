/**
 * One CRM record, one key: the forms a CRM shows the same record in are reduced to one canonical
 * `(system, objectType, recordId)`, on the server when a link is stored and looked up, and in the extension when
 * a page is read. Without this a Salesforce record linked by its 15-character id would not match the page that
 * shows its 18-character id, and a Dynamics GUID in braces would not match one without.
 */
import type { CrmSystem } from './enums.js';

const SF_SUFFIX = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const SF_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

/**
 * A Salesforce id in its 18-character, case-insensitive form; null when it is not a record id.
 * The 15-character id is case-sensitive; the three extra characters encode, for each block of five, which letters
 * are upper case (Salesforce's documented algorithm, the one `CASESAFEID()` applies).
 *
 * An 18-character id is repaired from its suffix: a URL rewriter, a mail client or a spreadsheet that changed the
 * case of the id (`001a0000006vm9riac`) changed the first 15 characters, which are case-sensitive, but not what the
 * suffix says about them, so the suffix gives each letter its case back. A suffix that cannot be the checksum of
 * the characters before it (an upper-case bit where a digit stands, a character outside the alphabet) repairs
 * nothing: the suffix is then worked out from the first 15 characters, as for a 15-character id.
 */
export function salesforceId18(id: string): string | null {
  const raw = id.trim();
  if (!SF_ID.test(raw)) return null;
  const base = raw.length === 18 ? (repairedBase(raw) ?? raw.slice(0, 15)) : raw;
  return base + checksumOf(base);
}

/** The three checksum characters of a 15-character id. */
function checksumOf(base: string): string {
  let suffix = '';
  for (let block = 0; block < 3; block++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = base.charCodeAt(block * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    suffix += SF_SUFFIX[bits];
  }
  return suffix;
}

/** The first 15 characters of an 18-character id, each letter in the case its suffix says; null if it cannot. */
function repairedBase(id18: string): string | null {
  let base = '';
  for (let block = 0; block < 3; block++) {
    const bits = SF_SUFFIX.indexOf(id18.charAt(15 + block).toUpperCase());
    if (bits < 0) return null;
    for (let i = 0; i < 5; i++) {
      const ch = id18.charAt(block * 5 + i);
      const upper = (bits & (1 << i)) !== 0;
      const isLetter = ch.toLowerCase() !== ch.toUpperCase();
      if (upper && !isLetter) return null; // the suffix marks a digit as an upper-case letter: not this id's suffix
      base += isLetter ? (upper ? ch.toUpperCase() : ch.toLowerCase()) : ch;
    }
  }
  return base;
}

/** The 15-character (case-sensitive) form of a Salesforce id, as older links and reports show it. */
export function salesforceId15(id: string): string | null {
  const id18 = salesforceId18(id);
  return id18 ? id18.slice(0, 15) : null;
}

const GUID = /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/;

/** HubSpot's object type ids for the standard objects; custom objects keep their `2-<n>` id. */
export const HUBSPOT_OBJECT_TYPES: Readonly<Record<string, string>> = {
  '0-1': 'contact',
  '0-2': 'company',
  '0-3': 'deal',
  '0-5': 'ticket',
  '0-136': 'lead',
};

export interface CrmRecordKey {
  system: CrmSystem;
  objectType: string;
  recordId: string;
}

/**
 * The canonical key: object types lower case (`Account` → `account`, HubSpot `0-2` → `company`), Salesforce ids in
 * their 18-character form, GUIDs lower case without braces, other ids trimmed.
 */
export function canonicalCrmRecord(ref: CrmRecordKey): CrmRecordKey {
  let objectType = ref.objectType.trim().toLowerCase();
  let recordId = ref.recordId.trim();
  switch (ref.system) {
    case 'SALESFORCE':
      recordId = salesforceId18(recordId) ?? recordId;
      break;
    case 'HUBSPOT':
      objectType = HUBSPOT_OBJECT_TYPES[objectType] ?? objectType;
      break;
    case 'DYNAMICS': {
      const guid = GUID.exec(recordId);
      if (guid) recordId = guid[1]!.toLowerCase();
      break;
    }
    default:
      break;
  }
  return { system: ref.system, objectType, recordId };
}
