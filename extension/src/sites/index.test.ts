import { describe, expect, it } from 'vitest';
import { pickAdapter } from './index.js';

describe('pickAdapter', () => {
  it.each([
    ['mail.google.com', 'gmail'],
    ['outlook.cloud.microsoft', 'outlook'],
    ['outlook.office.com', 'outlook'],
    ['outlook.office365.com', 'outlook'],
    ['outlook.live.com', 'outlook'],
    ['northwind.lightning.force.com', 'salesforce'],
    ['app.hubspot.com', 'hubspot'],
    ['app-eu1.hubspot.com', 'hubspot'],
    ['northwind.crm.dynamics.com', 'dynamics'],
    ['northwind.crm4.dynamics.com', 'dynamics'],
    ['northwind.pipedrive.com', 'pipedrive'],
    ['northwind.crm.microsoftdynamics.us', 'dynamics'],
    ['crm.zoho.com', 'zoho'],
    ['crm.zohocloud.ca', 'zoho'],
    ['mail.zoho.com', 'generic'],
    ['MAIL.GOOGLE.COM', 'gmail'],
    ['www.hubspot.com', 'generic'],
    ['google.com', 'generic'],
    ['lightning.force.com.evil.example', 'generic'],
    ['webmail.northwind.example', 'generic'],
  ])('%s → %s', (hostname, name) => {
    expect(pickAdapter({ hostname }).name).toBe(name);
  });
});
