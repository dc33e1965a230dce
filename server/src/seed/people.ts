/**
 * Our own colleagues in the demo (seed 000: "who the staff are in the other business units, what areas they
 * look after, and which customers they manage"). Three can sign in with the demo password; the others exist
 * so the directory, the account-manager assignments and the "internal owner" of a dispute are realistic.
 */

export const DEMO_EMAIL_DOMAIN = 'demo.earshot.test';

export type DemoRole = 'ADMIN' | 'CREDIT' | 'SALES' | 'VIEWER';
export type DemoUserKey = 'admin' | 'credit' | 'sales' | 'industrial2' | 'retail' | 'retailFr' | 'export' | 'credit2' | 'service' | 'logistics';

export interface DemoUser {
  key: DemoUserKey;
  email: string;
  name: string;
  role: DemoRole;
  businessUnit: string | null;
  /** True for the three accounts that sign in with the demo password. */
  signsIn: boolean;
}

const at = (local: string) => `${local}@${DEMO_EMAIL_DOMAIN}`;

export const DEMO_USERS: readonly DemoUser[] = [
  { key: 'admin', email: at('admin'), name: 'Alex Morgan', role: 'ADMIN', businessUnit: 'Operations', signsIn: true },
  { key: 'credit', email: at('credit'), name: 'Clara Brandt', role: 'CREDIT', businessUnit: 'Credit', signsIn: true },
  { key: 'sales', email: at('sales'), name: 'Sam Okafor', role: 'SALES', businessUnit: 'Industrial', signsIn: true },
  { key: 'industrial2', email: at('marta.kowalczyk'), name: 'Marta Kowalczyk', role: 'SALES', businessUnit: 'Industrial', signsIn: false },
  { key: 'retail', email: at('priya.nair'), name: 'Priya Nair', role: 'SALES', businessUnit: 'Retail', signsIn: false },
  { key: 'retailFr', email: at('hugo.lefevre'), name: 'Hugo Lefèvre', role: 'SALES', businessUnit: 'Retail', signsIn: false },
  { key: 'export', email: at('tom.lindqvist'), name: 'Tom Lindqvist', role: 'SALES', businessUnit: 'Export', signsIn: false },
  { key: 'credit2', email: at('daniel.reyes'), name: 'Daniel Reyes', role: 'CREDIT', businessUnit: 'Credit', signsIn: false },
  { key: 'service', email: at('leon.fischer'), name: 'Leon Fischer', role: 'VIEWER', businessUnit: 'Customer Service', signsIn: false },
  { key: 'logistics', email: at('nadia.haddad'), name: 'Nadia Haddad', role: 'VIEWER', businessUnit: 'Logistics', signsIn: false },
];

export function demoUser(key: DemoUserKey): DemoUser {
  return DEMO_USERS.find((u) => u.key === key)!;
}
