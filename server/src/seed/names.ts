/**
 * Invented names for the demo: company stems, people and legal forms per country. Every name here was made up
 * for Earshot's demo; none is meant to be a real company or person, and every domain built from them ends in
 * `.example` (RFC 2606), so no demo address can ever reach a real mailbox or website.
 */

export type DemoCountry = 'DE' | 'GB' | 'FR' | 'NL' | 'US' | 'AR';
export type Language = 'en' | 'de' | 'fr' | 'nl' | 'es';

export interface CountryInfo {
  language: Language;
  currency: 'EUR' | 'GBP' | 'USD';
  legalForms: readonly string[];
  /** Company name stems, used without replacement. */
  stems: readonly string[];
  firstNames: readonly string[];
  lastNames: readonly string[];
  /** A phone number in a range reserved for fiction, or null where the country has none we can rely on. */
  phone: ((n: number) => string) | null;
}

export const COUNTRIES: Readonly<Record<DemoCountry, CountryInfo>> = {
  DE: {
    language: 'de',
    currency: 'EUR',
    legalForms: ['GmbH', 'GmbH', 'GmbH & Co. KG', 'AG'],
    stems: ['Lindenhof', 'Brunnenberg', 'Sonnenfeld', 'Rheinau', 'Moorfeld', 'Tannhof', 'Lichtwerk', 'Vogelsang', 'Eichenau', 'Falkenried', 'Hohenbrück', 'Nordmark', 'Kranichsfeld', 'Auental', 'Birkwald', 'Elbufer', 'Wiesengrund', 'Ostwald'],
    firstNames: ['Jonas', 'Lena', 'Felix', 'Katrin', 'Stefan', 'Anja', 'Markus', 'Julia', 'Tobias', 'Sabine', 'Florian', 'Miriam', 'Henrik', 'Ute'],
    lastNames: ['Becker', 'Hoffmann', 'Schulz', 'Wagner', 'Keller', 'Vogt', 'Krüger', 'Lorenz', 'Fuchs', 'Richter', 'Albrecht', 'Zimmermann', 'Seidel', 'Kühn'],
    phone: null,
  },
  GB: {
    language: 'en',
    currency: 'GBP',
    legalForms: ['Ltd', 'Ltd', 'Ltd', 'plc'],
    stems: ['Kestrel', 'Ashgrove', 'Thornbury', 'Saltmarsh', 'Kingsmere', 'Larkspur', 'Millbrook', 'Greystone', 'Fernhill', 'Dunmore', 'Copperfield', 'Elmstead', 'Harbour Line', 'Wrenfield'],
    firstNames: ['Oliver', 'Charlotte', 'James', 'Amelia', 'Harry', 'Sophie', 'George', 'Emily', 'Rachel', 'Daniel', 'Imogen', 'Callum'],
    lastNames: ['Hughes', 'Patel', 'Clarke', 'Turner', 'Walsh', 'Morris', 'Barker', 'Fletcher', 'Khan', 'Price', 'Ellison', 'Quinn'],
    // Ofcom's drama range: 01632 960000–960999 is never allocated to a real line.
    phone: (n) => `+44 1632 960${String(n % 1000).padStart(3, '0')}`,
  },
  FR: {
    language: 'fr',
    currency: 'EUR',
    legalForms: ['SAS', 'SAS', 'SARL', 'SA'],
    stems: ['Clairmont', 'Belvaux', 'Rochebrune', 'Mireval', 'Beaulac', 'Hautefeuille', 'Pontvert', 'Sainte-Aube', 'Lavandière', 'Boisjoli', 'Valmorin', 'Tournesol'],
    firstNames: ['Camille', 'Julien', 'Élodie', 'Mathieu', 'Claire', 'Nicolas', 'Manon', 'Sébastien', 'Aurélie', 'Thomas', 'Margaux', 'Bastien'],
    lastNames: ['Martin', 'Bernard', 'Dubois', 'Lambert', 'Fontaine', 'Girard', 'Rousseau', 'Mercier', 'Faure', 'Chevalier', 'Perrin', 'Garnier'],
    phone: null,
  },
  NL: {
    language: 'nl',
    currency: 'EUR',
    legalForms: ['B.V.', 'B.V.', 'B.V.', 'N.V.'],
    stems: ['Hoogeveld', 'Waterland', 'Zuidkamp', 'Lindeboom', 'De Vaart', 'Grachtwerk', 'Molenhoek', 'Duinrand', 'Polderzicht', 'Vlietstra', 'Kanaalzijde'],
    firstNames: ['Sanne', 'Daan', 'Lotte', 'Bram', 'Eva', 'Joost', 'Femke', 'Ruben', 'Maaike', 'Thijs', 'Noor', 'Wouter'],
    lastNames: ['de Vries', 'Jansen', 'Bakker', 'Visser', 'Smit', 'Mulder', 'de Boer', 'van Dijk', 'Meijer', 'Bos', 'Hendriks', 'van Leeuwen'],
    phone: null,
  },
  US: {
    language: 'en',
    currency: 'USD',
    legalForms: ['Inc.', 'Inc.', 'LLC', 'Corp.'],
    stems: ['Harbor Line', 'Prairie Forge', 'Bluecreek', 'Red Mesa', 'Lakeshore', 'Granite Peak', 'Cedar Hollow', 'Silver Fork', 'Ridgeway', 'Tallgrass'],
    firstNames: ['Emily', 'Michael', 'Jessica', 'Ryan', 'Ashley', 'Kevin', 'Megan', 'Brandon', 'Lauren', 'Tyler', 'Monica', 'Derek'],
    lastNames: ['Carter', 'Nguyen', 'Brooks', 'Ramirez', 'Foster', 'Bennett', 'Hayes', 'Coleman', 'Sullivan', 'Griffin', 'Whitaker', 'Park'],
    // 555-0100–0199 is reserved for fictional use in the North American Numbering Plan.
    phone: (n) => `+1 312 555 01${String(n % 100).padStart(2, '0')}`,
  },
  AR: {
    language: 'es',
    currency: 'USD',
    legalForms: ['S.A.', 'S.R.L.'],
    stems: ['Pampa Sur', 'Río Claro', 'Andina Norte', 'Cerro Azul', 'Laguna Verde', 'Monte Alto'],
    firstNames: ['Martín', 'Sofía', 'Lucas', 'Valentina', 'Diego', 'Camila', 'Federico', 'Julieta', 'Tomás', 'Florencia'],
    lastNames: ['González', 'Fernández', 'Romero', 'Sosa', 'Benítez', 'Acosta', 'Medina', 'Herrera', 'Aguirre', 'Ledesma'],
    phone: null,
  },
};

/** Roles of the people we deal with at a customer; the first is who gets the invoices. */
export const CONTACT_ROLES = {
  payables: ['Accounts Payable', 'Accounts Payable Lead', 'Finance Assistant'],
  others: ['CFO', 'Buyer', 'Head of Purchasing', 'Finance Director', 'Operations Manager', 'Managing Director', 'Warehouse Manager', 'Procurement Specialist'],
} as const;

/** How a contact likes to be dealt with (seed 000: channel, tone, culture), in the words an account manager would write. */
export const CONTACT_HABITS = [
  'Prefers a call before any reminder goes out.',
  'Reads e-mail in the morning only; call after 2 pm if urgent.',
  'Copy the shared AP mailbox on every invoice.',
  'Wants the PO number on every invoice or it goes back.',
  'Likes a short monthly statement rather than single reminders.',
  'Very formal in writing, relaxed on the phone.',
  'Decides quickly; keep it to the numbers.',
  'Best reached on Teams; rarely at the desk.',
] as const;

/** ASCII, lower-case, no spaces or punctuation: for e-mail local parts and domain labels ("Río Claro" → "rioclaro"). */
export function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}
