/**
 * Where the content script runs by itself: exactly the built-in sites, never `<all_urls>`. Other sites run it
 * only after the user enables them (the service worker registers this same script for that origin at run time,
 * with the manifest's settings). Dynamics 365 lives on regional hosts: crm (North America), crm2 (South America),
 * crm3 (Canada), crm4 (EMEA), crm5 (Asia Pacific), crm6 (Australia), crm7 (Japan), crm8 (India), crm9 (US
 * government), crm11 (UK), crm12 (France), crm14 (South Africa), crm15 (UAE), crm16 (Germany), crm17
 * (Switzerland), crm19 (Norway), crm20 (Korea), crm21 (Sweden).
 */
const DYNAMICS_REGIONS = ['', 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 14, 15, 16, 17, 19, 20, 21];

export const BUILT_IN_MATCHES: readonly string[] = [
  'https://mail.google.com/*',
  'https://outlook.office.com/*',
  'https://outlook.office365.com/*',
  'https://outlook.live.com/*',
  'https://*.lightning.force.com/*',
  'https://app.hubspot.com/*',
  'https://app-eu1.hubspot.com/*',
  ...DYNAMICS_REGIONS.map((n) => `https://*.crm${n}.dynamics.com/*`),
  'https://*.pipedrive.com/*',
];
