/**
 * CRM record ids in each system's real format, so the extension's site adapters can be demoed against them:
 * Salesforce Account ids (key prefix 001, 18 characters with the case-checksum suffix), HubSpot company ids,
 * Dynamics 365 account GUIDs, Pipedrive organization ids. Object types are lower-case, as stored.
 */
import type { Rng } from './random.js';

export type DemoCrmSystem = 'SALESFORCE' | 'HUBSPOT' | 'DYNAMICS' | 'PIPEDRIVE';

export interface CrmLinkPlan {
  system: DemoCrmSystem;
  objectType: string;
  recordId: string;
  url: string;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const CHECKSUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
// An invented HubSpot portal (account) number for the demo workspace.
const HUBSPOT_PORTAL = '24681357';

/** The 18-character form of a 15-character Salesforce id: one suffix letter per 5 characters, from which are upper-case. */
export function salesforceId18(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    suffix += CHECKSUM[bits];
  }
  return id15 + suffix;
}

function salesforceAccountId(rng: Rng): string {
  // 001 = Account key prefix, then the pod and a run of zeros as in real org ids, then the record part.
  let record = '';
  for (let i = 0; i < 5; i++) record += rng.pick([...ALNUM]);
  return salesforceId18(`001Dn00000${record}`);
}

function guid(rng: Rng): string {
  const hex = (n: number) => Array.from({ length: n }, () => rng.int(0, 15).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${rng.pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;
}

export function crmLink(rng: Rng, system: DemoCrmSystem): CrmLinkPlan {
  switch (system) {
    case 'SALESFORCE': {
      const id = salesforceAccountId(rng);
      return { system, objectType: 'account', recordId: id, url: `https://earshot-demo.lightning.force.com/lightning/r/Account/${id}/view` };
    }
    case 'HUBSPOT': {
      const id = String(rng.int(10_000_000_000, 39_999_999_999));
      return { system, objectType: 'company', recordId: id, url: `https://app.hubspot.com/contacts/${HUBSPOT_PORTAL}/record/0-2/${id}` };
    }
    case 'DYNAMICS': {
      const id = guid(rng);
      return { system, objectType: 'account', recordId: id, url: `https://earshot-demo.crm4.dynamics.com/main.aspx?pagetype=entityrecord&etn=account&id=${id}` };
    }
    case 'PIPEDRIVE': {
      const id = String(rng.int(100, 9999));
      return { system, objectType: 'organization', recordId: id, url: `https://earshot-demo.pipedrive.com/organization/${id}` };
    }
  }
}
