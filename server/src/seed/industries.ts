/**
 * What the demo customers do and why they buy from us (seed 001: "list three reasons why each customer needs
 * your product"). The demo seller is a distributor of packaging, industrial consumables and spare parts, so
 * every industry below has a plausible reason to buy from it.
 */
import type { Language } from './names.js';

export type BusinessUnit = 'Industrial' | 'Retail';

export interface IndustryCard {
  industry: string;
  unit: BusinessUnit;
  /** The word after the company stem, per language ("Kestrel Foods", "Lindenhof Lebensmittel"). */
  suffix: Readonly<Record<Language, readonly string[]>>;
  /** What they do; `{n}` becomes a small number (sites, lines, stores). */
  descriptions: readonly string[];
  whyTheyBuy: readonly string[];
  ourValue: readonly string[];
  alternatives: readonly string[];
  /** Anticipated monthly purchases from us, major units, before the size factor. */
  monthly: readonly [number, number];
}

const same = (...words: string[]) => ({ en: words, de: words, fr: words, nl: words, es: words });

export const INDUSTRIES: readonly IndustryCard[] = [
  {
    industry: 'Logistics',
    unit: 'Industrial',
    suffix: { ...same('Logistics', 'Freight'), de: ['Logistik', 'Spedition'], fr: ['Logistique', 'Transports'], es: ['Logística'] },
    descriptions: ['Contract logistics and cross-docking; {n} warehouses serving grocery and DIY retailers.', 'Regional haulier with {n} depots and a pallet network franchise.'],
    whyTheyBuy: ['Stretch film and pallet wrap delivered next day to every depot', 'Consignment stock of strapping and labels on site', 'One consolidated invoice for all depots', 'Our service engineer keeps their wrapping machines running'],
    ourValue: ['Main supplier for consumables; priced mid-market, the engineer service is what keeps them.', 'One of two suppliers; we win on delivery reliability rather than price.'],
    alternatives: ['Two national distributors could take over within a month.', 'Could buy film direct from a manufacturer but would lose the next-day service.'],
    monthly: [12000, 45000],
  },
  {
    industry: 'Food & Beverage',
    unit: 'Retail',
    suffix: { ...same('Foods', 'Dairy', 'Bakeries'), de: ['Lebensmittel', 'Feinkost', 'Molkerei'], fr: ['Alimentaire', 'Boulangeries'], nl: ['Foods', 'Zuivel'], es: ['Alimentos'] },
    descriptions: ['Producer of chilled ready meals for supermarket own-label ranges; {n} production lines.', 'Family-owned bakery group with {n} plants supplying retail and food service.'],
    whyTheyBuy: ['Food-contact certified trays and film they have already qualified', 'Printed cartons with short lead times for seasonal ranges', 'Batch traceability documents with every delivery', 'Prices fixed for 12 months'],
    ourValue: ['Sole qualified source for their tray format: re-qualifying another supplier takes about three months.', 'Slightly above the cheapest quote; they stay for the certification paperwork.'],
    alternatives: ['A large packaging group quotes lower on volume but needs 8-week lead times.', 'Could switch the film, not the trays, without re-certification.'],
    monthly: [8000, 40000],
  },
  {
    industry: 'Construction',
    unit: 'Industrial',
    suffix: { ...same('Builders', 'Construction'), de: ['Bau', 'Hochbau'], fr: ['Construction', 'BTP'], nl: ['Bouw'], es: ['Construcciones'] },
    descriptions: ['General contractor for warehouses and retail parks; {n} sites running at any time.', 'Civil engineering and groundworks, mostly public contracts; about {n} crews.'],
    whyTheyBuy: ['Site deliveries before 7 am', 'Safety equipment and fixings from a single supplier', 'Credit terms that match their stage payments', 'Small tools on hire-and-buy'],
    ourValue: ['One of several suppliers; we are chosen for early site deliveries, not price.', 'Preferred supplier on their framework agreement until next year.'],
    alternatives: ['Builders merchants nearby can supply most items the same day.', 'Easy to replace: they already split orders between three suppliers.'],
    monthly: [10000, 35000],
  },
  {
    industry: 'Retail',
    unit: 'Retail',
    suffix: { ...same('Stores', 'Home & Garden', 'Outfitters'), de: ['Handel', 'Warenhaus'], fr: ['Distribution', 'Maison & Jardin'], nl: ['Winkels', 'Wonen'], es: ['Comercial'] },
    descriptions: ['Chain of {n} home-and-garden stores in mid-sized towns.', 'Outdoor clothing and equipment retailer, {n} stores plus a web shop.'],
    whyTheyBuy: ['Shop-ready display packaging', 'Carrier bags in their own print', 'Drop-shipping to every store', 'Seasonal stock held in our warehouse until called off'],
    ourValue: ['We hold their seasonal stock: switching mid-season would leave shelves empty.', 'Competitive on bags, dearer on displays; they value one account for both.'],
    alternatives: ['Asian importers quote lower for bags with 12-week lead times.', 'A competitor offered free storage last year; they stayed with us.'],
    monthly: [6000, 30000],
  },
  {
    industry: 'Automotive Parts',
    unit: 'Industrial',
    suffix: { ...same('Components', 'Precision'), de: ['Zulieferteile', 'Präzisionsteile'], fr: ['Composants'], nl: ['Components'], es: ['Autopartes'] },
    descriptions: ['Tier-2 supplier of machined brackets and housings; {n} CNC cells.', 'Rubber and plastic parts for commercial vehicles; {n} presses.'],
    whyTheyBuy: ['Returnable packaging that meets their customers\u2019 standards', 'Just-in-time call-offs straight into their line', 'Corrosion-protection film we developed with them', 'Full part documentation for every item'],
    ourValue: ['Sole source for the corrosion film: their OEM approved only ours.', 'Priced at market; the call-off service is hard to copy.'],
    alternatives: ['Could requalify another film in about six months.', 'Packaging could move to the OEM\u2019s nominated supplier.'],
    monthly: [15000, 60000],
  },
  {
    industry: 'Industrial Machinery',
    unit: 'Industrial',
    suffix: { ...same('Machinery', 'Engineering', 'Systems'), de: ['Maschinenbau', 'Anlagenbau'], fr: ['Machines', 'Ingénierie'], nl: ['Machinebouw'], es: ['Maquinaria'] },
    descriptions: ['Builds bottling and filling lines; {n} installations a year, mostly for export.', 'Special-purpose machines for the furniture industry; {n} engineers in field service.'],
    whyTheyBuy: ['Spare parts for their field-service fleet within 24 hours', 'Export crates built to the wood-packaging rules', 'Technical advice on fasteners and seals', 'One consolidated monthly invoice'],
    ourValue: ['Main supplier for spares; price is secondary to 24-hour availability.', 'We build their export crates; nobody local does it at our volume.'],
    alternatives: ['Could hold more spares themselves, at a cost in working capital.', 'A crate builder two towns away could take the crates.'],
    monthly: [12000, 50000],
  },
  {
    industry: 'Chemicals',
    unit: 'Industrial',
    suffix: { ...same('Chemicals', 'Coatings'), de: ['Chemie', 'Lacke'], fr: ['Chimie', 'Revêtements'], nl: ['Chemie'], es: ['Químicos'] },
    descriptions: ['Formulates industrial coatings and adhesives; {n} mixing plants.', 'Toll blender for cleaning chemicals; {n} filling lines.'],
    whyTheyBuy: ['UN-approved drums and IBCs from stock', 'Hazard labels printed to order', 'Take-back of used IBCs', 'Drivers trained for dangerous goods'],
    ourValue: ['One of two approved suppliers of certified drums; we are the one with stock.', 'Priced slightly high; the IBC take-back saves them disposal fees.'],
    alternatives: ['The other approved supplier, with longer lead times.', 'Could buy drums direct from the manufacturer in full truckloads.'],
    monthly: [10000, 40000],
  },
  {
    industry: 'Hospitality',
    unit: 'Retail',
    suffix: { ...same('Hotels', 'Catering', 'Hospitality'), de: ['Gastronomie', 'Hotels'], fr: ['Restauration', 'Hôtellerie'], nl: ['Horeca'], es: ['Hotelería'] },
    descriptions: ['Contract caterer for offices and schools; {n} kitchens.', 'Group of {n} city hotels with conference business.'],
    whyTheyBuy: ['Compostable takeaway packaging', 'Weekly delivery to every kitchen', 'Cleaning and hygiene supplies on the same order', 'Branded cups and napkins'],
    ourValue: ['Convenience supplier: one order for packaging and hygiene; price matched yearly.', 'They like the branded items; the rest they could buy anywhere.'],
    alternatives: ['Cash-and-carry for anything urgent.', 'A catering wholesaler offers the same range with weekly delivery.'],
    monthly: [4000, 18000],
  },
  {
    industry: 'Electronics Distribution',
    unit: 'Industrial',
    suffix: { ...same('Electronics', 'Devices'), de: ['Elektronik'], fr: ['Électronique'], nl: ['Elektronica'], es: ['Electrónica'] },
    descriptions: ['Distributes industrial sensors and controllers; {n} regional sales offices.', 'Refurbishes and resells business laptops; {n} test benches.'],
    whyTheyBuy: ['Anti-static packaging from stock', 'Custom foam inserts', 'Fast replenishment', 'Handling of customer returns'],
    ourValue: ['We cut their foam inserts in-house; lead time is our edge.', 'Mid-priced; reliable stock of anti-static bags.'],
    alternatives: ['Online packaging shops for standard items.', 'A specialist foam converter, with minimum order quantities.'],
    monthly: [6000, 25000],
  },
  {
    industry: 'Agriculture',
    unit: 'Retail',
    suffix: { ...same('Agro', 'Farms'), de: ['Agrar'], fr: ['Agricole'], nl: ['Agro'], es: ['Agro', 'Cosechas'] },
    descriptions: ['Fruit grower and packer exporting to Europe; {n} packing sheds.', 'Fruit and vegetable co-operative with {n} member farms and its own packing station.'],
    whyTheyBuy: ['Bulk bags and silage film in season', 'Export-grade packaging for fruit', 'Payment terms aligned with the harvest', 'Prices fixed at order in their currency of choice'],
    ourValue: ['Seasonal supplier; we hold stock for them ahead of the harvest.', 'Price-competitive for export cartons; they buy the rest locally.'],
    alternatives: ['Local packaging producers, though quality varies.', 'Their buyers abroad could ship packaging with the return freight.'],
    monthly: [8000, 35000],
  },
];

export function industryCard(name: string): IndustryCard {
  const card = INDUSTRIES.find((c) => c.industry === name);
  if (!card) throw new RangeError(`Unknown demo industry: ${name}`);
  return card;
}
