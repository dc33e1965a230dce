import { describe, expect, it } from 'vitest';
import { canonicalCrmRecord, salesforceId15, salesforceId18 } from './crm-records.js';

describe('salesforceId18', () => {
  // The first pair is the example Salesforce's help gives for CASESAFEID() ("001A0000006Vm9r" →
  // "001A0000006Vm9rIAC"); the others are synthetic ids, their suffixes worked out by hand with the same rule.
  it.each([
    ['001A0000006Vm9r', '001A0000006Vm9rIAC'],
    ['0015000000Gv7qJ', '0015000000Gv7qJAAR'],
    ['00Q5f00000AbCdE', '00Q5f00000AbCdEEAV'],
  ])('%s → %s', (id15, id18) => {
    expect(salesforceId18(id15)).toBe(id18);
    expect(salesforceId18(id18)).toBe(id18);
    expect(salesforceId15(id18)).toBe(id15);
  });

  it('treats an 18-character id whose suffix changed case as the same record', () => {
    expect(salesforceId18('001A0000006Vm9riac')).toBe('001A0000006Vm9rIAC');
  });

  it('refuses what is not an id', () => {
    expect(salesforceId18('001A0000006Vm9')).toBeNull();
    expect(salesforceId18('001A0000006Vm9r-AC')).toBeNull();
    expect(salesforceId18('')).toBeNull();
  });
});

describe('canonicalCrmRecord', () => {
  it('gives one key for the forms of one record', () => {
    expect(canonicalCrmRecord({ system: 'SALESFORCE', objectType: 'Account', recordId: '001A0000006Vm9r' })).toEqual({
      system: 'SALESFORCE',
      objectType: 'account',
      recordId: '001A0000006Vm9rIAC',
    });
    expect(canonicalCrmRecord({ system: 'HUBSPOT', objectType: '0-2', recordId: ' 9876 ' })).toEqual({ system: 'HUBSPOT', objectType: 'company', recordId: '9876' });
    expect(canonicalCrmRecord({ system: 'HUBSPOT', objectType: '2-1234567', recordId: '5' }).objectType).toBe('2-1234567');
    expect(canonicalCrmRecord({ system: 'DYNAMICS', objectType: 'account', recordId: '{A1B2C3D4-0000-4000-8000-00000000ABCD}' }).recordId).toBe(
      'a1b2c3d4-0000-4000-8000-00000000abcd',
    );
    expect(canonicalCrmRecord({ system: 'PIPEDRIVE', objectType: 'Organization', recordId: '42' })).toEqual({ system: 'PIPEDRIVE', objectType: 'organization', recordId: '42' });
  });
});
