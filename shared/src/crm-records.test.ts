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

  // Real-shaped ids of several objects (Account 001, Opportunity 006, Contact 003, a custom object a0…), each with
  // its suffix as CASESAFEID() gives it (worked out with the documented rule), then case-mangled the ways URL rewriters and mail clients do.
  it.each([
    ['001A0000006Vm9rIAC', '001a0000006vm9riac'],
    ['001A0000006Vm9rIAC', '001A0000006VM9RIAC'],
    ['0065f00000KqZxYAAV', '0065f00000kqzxyaav'],
    ['0035f00000bRtUvAAK', '0035F00000BRTUVAAK'],
    ['a0B5f00000XyZ12EAF', 'a0b5f00000xyz12eaf'],
  ])('repairs %s from its suffix when it arrives as %s', (id18, mangled) => {
    expect(salesforceId18(id18)).toBe(id18); // the pair is consistent: the suffix is the checksum of the first 15
    expect(salesforceId18(mangled)).toBe(id18);
    expect(salesforceId15(mangled)).toBe(id18.slice(0, 15));
  });

  it('works the suffix out again when it cannot be this id’s (an upper-case bit on a digit, a character out of range)', () => {
    // "B" (bit 0) marks the first character, a digit, as upper case: not a checksum of this id.
    expect(salesforceId18('001A0000006Vm9rBAC')).toBe('001A0000006Vm9rIAC');
    expect(salesforceId18('001A0000006Vm9r9AC')).toBe('001A0000006Vm9rIAC');
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
