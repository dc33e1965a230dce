/**
 * The page forms each built-in site's adapter recognises, in words, for people: the options page's list of sites and
 * the README's table (catalog-readme.ts). Kept apart from `catalog.ts` because the content scripts import the
 * catalog (hosts, match patterns) and never show these: they would only add to every page's script (issue 12).
 * The adapters' tests cite the vendor documentation or public code each form comes from.
 */
import type { SiteKey } from './catalog.js';

export const SITE_FORMS: Readonly<Record<SiteKey, readonly string[]>> = {
  gmail: [
    'an open conversation from any list (`#inbox/<id>`, `#all/<id>`, `#sent/<id>`, `#label/<name>/<id>`, `#category/<name>/<id>`, `#search/<query>/<id>`, `#advanced-search/…/<id>`, `#chats/<id>`…), in any signed-in account (`/mail/u/<n>/`, `/mail/?authuser=<address>`)',
    'a message being written (`?compose=new` or a draft id after the hash, the standalone window `/mail/?view=cm&fs=1&to=…`, or a reply box)',
  ],
  outlook: [
    'a message open in the reading pane (`/mail/<folder>/id/<item>`, `/mail/0/…` on outlook.live.com, `/mail/<shared mailbox address>/…`)',
    'a message opened on its own (`/mail/deeplink/read/<item>`, `/owa/?ItemID=<item>&viewmodel=ReadMessageItem`)',
    'classic OWA (`/owa/`, `/owa/#path=/mail/…`): the message in the reading pane',
    'a message being written (`/mail/deeplink/compose`, `/owa/?path=/mail/action/compose`, or in the reading pane)',
  ],
  salesforce: [
    'Lightning record pages of any object, standard or custom (`/lightning/r/<Object>/<id>/view`, `/edit`, `/lightning/r/<id>/view`), and their related lists (`/lightning/r/<Object>/<id>/related/<List>/view`)',
    'console apps (the same addresses with `?ws=…`)',
    'the older Lightning address `/one/one.app#/sObject/<id>/view`',
    'Salesforce Classic record pages (`/<id>`) on your My Domain (`<name>.my.salesforce.com`) or an instance host (`na1.salesforce.com`)',
    'sandboxes, Developer Edition and scratch orgs (`<name>--<sandbox>.sandbox.lightning.force.com`, `….develop.…`, `….scratch.…`), and Government Cloud Plus Defense (`*.lightning.force.mil`)',
    'an opportunity, contact, case or custom-object record resolves to the account it belongs to (its Account lookup); a lead to its email and website',
  ],
  hubspot: [
    'any CRM record (`/contacts/<portal>/record/<objectTypeId>/<id>`: 0-1 contact, 0-2 company, 0-3 deal, 0-5 ticket, 0-136 lead, other `0-<n>`, custom objects `2-<n>`), with `/view/<n>`, tabs or a query',
    'older record links (`/contacts/<portal>/contact/<id>`, `/company/<id>`, `/deal/<id>`, `/ticket/<id>`)',
    'a deal, ticket or custom object resolves to the companies in its association cards',
  ],
  dynamics: [
    'the form of any record, standard or custom (`main.aspx?pagetype=entityrecord&etn=<entity>&id=<guid>`, with or without `appid`/`appname`, `forceUCI`, `navbar`, `cmdbar`; braces encoded or not; parameters after `#` or inside `extraqs`)',
    'the older entity type code form (`main.aspx?etc=1&id=…`: 1 account, 2 contact, 3 opportunity, 4 lead, 112 case, 1084 quote, 1088 order)',
    'app and on-premises paths (`/apps/<app>/main.aspx`, `/<org>/main.aspx`) and the CRM 4.0 edit pages (`/SFA/accts/edit.aspx?id=…`, `/userdefined/edit.aspx?etn=…&id=…`)',
    'an opportunity, contact, lead, case, quote, order or invoice resolves to its account: from the form’s customer lookups when the page carries the account’s id, else from the CRM’s own Web API on the same host, with your Dynamics session',
  ],
  pipedrive: [
    'deals (`/deal/<id>`), leads (`/leads/inbox/<uuid>`), organizations (`/organization/<id>`) and people (`/person/<id>`), with tabs or a query',
    'a deal, lead or person resolves to the organization (and person) it is linked to',
  ],
  zoho: [
    'records of any module (`/crm/org<org id>/tab/<Accounts|Contacts|Leads|Potentials|CustomModule<n>>/<id>`, also without `org<id>`, and sub-pages)',
    'the older record page (`/crm/EntityInfo.do?module=<Module>&id=<id>`)',
    'a deal or contact resolves to its account through the Account Name lookup',
  ],};
