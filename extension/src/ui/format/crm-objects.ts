/**
 * A CRM object type in words, singular and lower case, as a sentence says it ("the Zoho CRM account record this
 * deal is linked to"): every CRM names its object types its own way.
 * - Salesforce: API names, custom objects `Invoice__c` (and namespaced `ns__Invoice__c`); CamelCase standard objects
 *   (`ServiceContract`) are split into words.
 * - HubSpot: object type ids (`0-2` company, `0-3` deal); custom objects (`2-<n>`) say nothing.
 * - Dynamics: entity logical names (`opportunity`, `incident` for a case, `salesorder`); a custom table's publisher
 *   prefix (`cr123_shipment`) is left out.
 * - Zoho CRM: module API names, plural (`Accounts`, `Deals`, `Potentials` the old name of Deals); custom modules
 *   (`CustomModule<n>`) say nothing.
 * - Pipedrive: `deal`, `lead`, `organization`, `person` (a contact).
 * An object type that says nothing a reader can use gives '' (the caller says "record" alone).
 */
import { type CrmSystem, HUBSPOT_OBJECT_TYPES } from '@earshot/shared';

/** Names that read differently from the type itself, singular (after the prefix and suffix are left out). */
const WORDS: Readonly<Record<string, string>> = {
  // Zoho CRM modules (API names), plural.
  accounts: 'account',
  contacts: 'contact',
  leads: 'lead',
  deals: 'deal',
  potentials: 'deal',
  quotes: 'quote',
  invoices: 'invoice',
  sales_orders: 'order',
  purchase_orders: 'purchase order',
  cases: 'case',
  products: 'product',
  vendors: 'vendor',
  campaigns: 'campaign',
  // Dynamics entity logical names.
  incident: 'case',
  salesorder: 'order',
  invoicedetail: 'invoice line',
  systemuser: 'user',
  workorder: 'work order',
  // Pipedrive.
  person: 'contact',
};

/** The singular of a plural module name Zoho CRM gives a module it does not list above (`Projects` → project). */
function singular(word: string): string {
  if (/ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/(?:ss|x|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (/[^s]s$/.test(word)) return word.slice(0, -1);
  return word;
}

/** `Opportunity` → "opportunity", Zoho `Accounts` → "account", `ns__Service_Contract__c` → "service contract", `2-123` → "". */
export function crmObjectWords(system: CrmSystem | null | undefined, objectType: string | null | undefined): string {
  let type = (objectType ?? '').trim();
  if (!type) return '';
  if (!system || system === 'HUBSPOT') type = HUBSPOT_OBJECT_TYPES[type] ?? type;
  if (/^custommodule\d*$/i.test(type)) return '';
  if (system === 'SALESFORCE' || /__c$/i.test(type)) type = type.replace(/__c$/i, '').replace(/^[A-Za-z0-9]+__/, '');
  if (system === 'SALESFORCE') type = type.replace(/([a-z0-9])([A-Z])/g, '$1_$2');
  if (system === 'DYNAMICS' && type.includes('_')) type = type.replace(/^[a-z0-9]+_/i, '');
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(type)) return '';
  const lower = type.toLowerCase();
  const known = WORDS[lower];
  if (known) return known;
  return (system === 'ZOHO' ? singular(lower) : lower).replace(/_/g, ' ');
}
