/**
 * The built-in site adapters as the options page lists them. Names and labels only: importing `@/sites` would
 * pull every adapter's selectors into this page. A test keeps the list in step with `BUILT_IN_ADAPTERS`.
 */
export interface BuiltInSite {
  /** `PageContext.site` and the key in `Settings.disabledSites`. */
  key: string;
  label: string;
  where: string;
}

export const BUILT_IN_SITES: readonly BuiltInSite[] = [
  { key: 'gmail', label: 'Gmail', where: 'mail.google.com' },
  { key: 'outlook', label: 'Outlook', where: 'outlook.office.com, outlook.live.com' },
  { key: 'salesforce', label: 'Salesforce', where: 'Lightning (*.lightning.force.com)' },
  { key: 'hubspot', label: 'HubSpot', where: 'app.hubspot.com' },
  { key: 'dynamics', label: 'Dynamics 365', where: '*.crm.dynamics.com' },
  { key: 'pipedrive', label: 'Pipedrive', where: '*.pipedrive.com' },
];
