import type { CrmSystem } from '@earshot/shared';
import { describe, expect, it } from 'vitest';
import { crmObjectWords } from './crm-objects';

describe('a CRM object type in words, singular, for every CRM', () => {
  it.each<[CrmSystem | null, string, string]>([
    // Salesforce: API names; custom objects without their suffix and namespace; CamelCase split into words.
    ['SALESFORCE', 'Account', 'account'],
    ['SALESFORCE', 'Opportunity', 'opportunity'],
    ['SALESFORCE', 'Contact', 'contact'],
    ['SALESFORCE', 'Lead', 'lead'],
    ['SALESFORCE', 'Case', 'case'],
    ['SALESFORCE', 'ServiceContract', 'service contract'],
    ['SALESFORCE', 'OpportunityLineItem', 'opportunity line item'],
    ['SALESFORCE', 'Invoice__c', 'invoice'],
    ['SALESFORCE', 'Service_Contract__c', 'service contract'],
    ['SALESFORCE', 'ns__Invoice__c', 'invoice'],
    // HubSpot: object type ids (and the canonical names the server stores); custom objects say nothing.
    ['HUBSPOT', '0-1', 'contact'],
    ['HUBSPOT', '0-2', 'company'],
    ['HUBSPOT', '0-3', 'deal'],
    ['HUBSPOT', '0-5', 'ticket'],
    ['HUBSPOT', '0-136', 'lead'],
    ['HUBSPOT', 'company', 'company'],
    ['HUBSPOT', 'deal', 'deal'],
    ['HUBSPOT', '2-1234567', ''],
    ['HUBSPOT', '0-999', ''],
    // Dynamics: entity logical names; a custom table without its publisher prefix.
    ['DYNAMICS', 'account', 'account'],
    ['DYNAMICS', 'opportunity', 'opportunity'],
    ['DYNAMICS', 'contact', 'contact'],
    ['DYNAMICS', 'lead', 'lead'],
    ['DYNAMICS', 'incident', 'case'],
    ['DYNAMICS', 'quote', 'quote'],
    ['DYNAMICS', 'salesorder', 'order'],
    ['DYNAMICS', 'invoice', 'invoice'],
    ['DYNAMICS', 'cr123_shipment', 'shipment'],
    ['DYNAMICS', 'msdyn_workorder', 'work order'],
    // Zoho CRM: module API names, plural, in any case; Potentials is the Deals module; custom modules say nothing.
    ['ZOHO', 'Accounts', 'account'],
    ['ZOHO', 'accounts', 'account'],
    ['ZOHO', 'Contacts', 'contact'],
    ['ZOHO', 'Leads', 'lead'],
    ['ZOHO', 'Deals', 'deal'],
    ['ZOHO', 'Potentials', 'deal'],
    ['ZOHO', 'Quotes', 'quote'],
    ['ZOHO', 'Sales_Orders', 'order'],
    ['ZOHO', 'Invoices', 'invoice'],
    ['ZOHO', 'Cases', 'case'],
    ['ZOHO', 'CustomModule1', ''],
    ['ZOHO', 'custommodule12', ''],
    ['ZOHO', 'Projects', 'project'],
    ['ZOHO', 'Properties', 'property'],
    // Pipedrive: a person is a contact.
    ['PIPEDRIVE', 'deal', 'deal'],
    ['PIPEDRIVE', 'lead', 'lead'],
    ['PIPEDRIVE', 'organization', 'organization'],
    ['PIPEDRIVE', 'person', 'contact'],
    // No system known, or none to tell: the type alone.
    [null, '0-2', 'company'],
    [null, 'Opportunity', 'opportunity'],
    ['OTHER', 'customer', 'customer'],
    ['OTHER', '', ''],
    ['OTHER', '  ', ''],
    ['OTHER', 'x/y', ''],
  ])('%s %s → “%s”', (system, objectType, words) => {
    expect(crmObjectWords(system, objectType)).toBe(words);
  });

  it('says nothing without an object type', () => {
    expect(crmObjectWords('ZOHO', undefined)).toBe('');
    expect(crmObjectWords(null, null)).toBe('');
  });
});
