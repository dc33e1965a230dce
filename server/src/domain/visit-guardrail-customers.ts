/**
 * OTHER_CUSTOMER: another account's name or domain in a visit's text (seed 004: "don't bring up other
 * customers"). Names are matched on whole words, Unicode-aware, accents and case folded, legal suffixes
 * optional ("Acme" finds "Acme Ltd" and "ACME GmbH"). A one-word name must be written as a proper noun (a
 * capital): customers called "Summit", "Orange" or "Delta" would otherwise flag "the summit", "orange juice".
 * Domains match as domains, in URLs and in e-mail addresses, subdomains included.
 *
 * The visited customer is never "another customer": its own name and domains are never flagged, nor is another
 * account whose name is part of the visited one's (visited "Nordwind Logistics", other "Nordwind": "Nordwind"
 * in a note about that visit most likely means the visited customer).
 *
 * Short forms: people write "Tannhof" for "Tannhof Metallbau GmbH" and "De Vaart" for "De Vaart Logistiek B.V.".
 * A name of two or more words is also found by its first word, or by its first two when the first is not
 * distinctive, if that short form is distinctive: at least 4 letters and not a common word (COMMON_WORDS:
 * everyday English, German, French, Dutch and Spanish words, generic business words and frequent surnames). A
 * short form counts only written with capitals, not next to another capitalised word ("Jonas Keller" is a
 * person, "Monte Carlo" a place), and never when it is part of the visited customer's name. "Apex's" is "Apex".
 *
 * A one-word name that is a common word ("Best GmbH", "Summit", "Orange") counts only when it cannot be the
 * word: followed by its legal suffix ("Best GmbH"), or capitalised other than at the start of a sentence or line
 * ("compared us with Best"), or at the start followed by a verb of what customers do ("Summit pays", "Orange
 * never complained", "Summit's"); never before "regards" or "wishes". So "Best regards", "Summit meeting…" and
 * "Orange forklifts…" are not flagged.
 *
 * 100,000 names: an index from each name's first two words (or its only word) to the names starting with them,
 * and one from each short form, so a text is scanned once (a few map lookups per word) instead of one pattern
 * per name; two words, because many names share a first word ("Global …", "Nordic …").
 */
import { domainToASCII } from 'node:url';
import type { KnownCustomer } from './visit-guardrails.js';

export interface CustomerMatch {
  start: number;
  end: number;
  reason: string;
}

interface IndexedName {
  customer: KnownCustomer;
  /** The name's words without legal suffix or leading "the", folded. */
  core: string[];
  /** The core words joined by spaces. */
  key: string;
  /** A short form ("tannhof" for "Tannhof Metallbau GmbH"), not the whole name: the whole name's core words. */
  short?: string[];
}

export interface CustomerIndex {
  /** By the first two core words ("apex industries") or the only one ("summit"). */
  readonly byLeadingWords: Map<string, IndexedName[]>;
  /** By short form: a multi-word name's distinctive first word or first two words ("tannhof", "de vaart"). */
  readonly byShortForm: Map<string, IndexedName[]>;
  readonly byDomain: Map<string, KnownCustomer>;
  readonly byAccount: Map<string, KnownCustomer>;
}

/** Legal forms, folded (dots removed): optional in the text. */
const LEGAL_SUFFIXES = new Set(
  'ltd limited gmbh ag inc incorporated llc llp lp plc corp corporation co sa sas sasu sarl bv nv oy oyj ab spa srl sl kg kgaa ohg ug se pty pte as aps asa bvba sprl kk gbr lda ltda sro kft zrt doo'.split(' '),
);
/** Suffixes that are also everyday words ("as", "co", "se", "sa", "ab"): in the text, only when written with a capital. */
const UNAMBIGUOUS_LOWERCASE = new Set('ltd limited gmbh inc llc llp plc corp corporation sarl srl bvba sprl kgaa'.split(' '));

/**
 * Words too common to stand for a customer on their own, folded: function words and everyday words in English,
 * German, French, Dutch and Spanish, generic business words, and frequent surnames. Compact on purpose: a short
 * form must also be capitalised and stand apart from other capitalised words.
 */
const COMMON_WORDS = new Set(
  `the a an and or of for to in on at by with from than like our your their best good great kind dear regards wishes thanks new old one two
  general united international global national european euro american british north south east west nord sud ouest ost
  central royal standard universal premier prime first super mega top main star sun summit orange delta apple alpha omega
  metal metals steel iron logistics logistik logistiek foods food trading trade group holding holdings industries industry
  services service solutions systems system technologies technology tech engineering machinery machines partners company
  consulting capital finance financial energy power green blue red black white silver gold golden city home house
  transport transports freight shipping auto motor motors digital data media print office supply supplies products
  customer customers client clients account accounts bank insurance medical health care pharma chemical chemicals
  construction building bau haus werk deutsche deutschland germany france french dutch english nederland holland
  der die das den dem des ein eine und oder mit von bei fur zum zur nach neue neuer alte grosse gruppe handel technik
  le la les un une des du et ou avec pour par sur chez societe groupe nouvelle grand grande compagnie france
  de het een en van voor met bij naar nieuw nieuwe groep handel techniek
  el los las y con por para sur norte nueva nuevo grupo
  monte rio peak park line harbor harbour bridge river lake valley
  muller mueller schmidt schneider fischer weber meyer meier wagner becker schulz hoffmann keller koch richter
  smith jones brown williams taylor wilson johnson miller davis martin bernard dubois durand moreau
  jansen bakker visser smit mulder bos garcia gonzalez rodriguez fernandez lopez martinez`.split(/\s+/),
);

/** Is this folded word too common to stand for a customer on its own? */
export function isCommonWord(word: string): boolean {
  return COMMON_WORDS.has(word);
}

const distinctive = (word: string | undefined): word is string => !!word && word.length >= 4 && !COMMON_WORDS.has(word) && !/^\d/.test(word);

/** A multi-word name's short form: its first word, or its first two, when distinctive ("tannhof", "de vaart"). */
export function shortForm(core: readonly string[]): string[] | null {
  if (core.length < 2) return null;
  if (distinctive(core[0])) return [core[0]];
  if (core.length >= 3 && distinctive(core[1])) return core.slice(0, 2);
  return null;
}

interface Token {
  word: string;
  raw: string;
  start: number;
  end: number;
}

// A dotted abbreviation ("S.p.A.", "B.V.") is one word; "&" is the word "and" ("Smith & Sons" = "Smith and Sons").
const TOKEN = /(?<![\p{L}\p{M}\p{N}])\p{L}(?:\.\p{L})+\.?(?![\p{L}\p{M}\p{N}])|[\p{L}\p{M}\p{N}]+|&/gu;

/** Case and accents folded: "Müller" = "MULLER" = "muller"; "Straße" = "strasse". */
export function foldWord(word: string): string {
  if (word === '&') return 'and';
  if (/^[a-z0-9]+$/.test(word)) return word;
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replaceAll('ß', 'ss').replaceAll('.', '');
}

export function tokenize(text: string): Token[] {
  return [...text.matchAll(TOKEN)].map((m) => ({ word: foldWord(m[0]), raw: m[0], start: m.index, end: m.index + m[0].length }));
}

/** The words that identify a name: without trailing legal forms ("GmbH & Co. KG") or a leading "the". */
export function coreWords(name: string): string[] {
  const words = tokenize(name).map((t) => t.word);
  const core = [...words];
  for (;;) {
    const last = core[core.length - 1];
    if (core.length > 1 && last && LEGAL_SUFFIXES.has(last)) core.pop();
    else if (core.length > 1 && last === 'and' && LEGAL_SUFFIXES.has(words[core.length] ?? '')) core.pop();
    else break;
  }
  if (core.length > 1 && core[0] === 'the') core.shift();
  return core;
}

function asciiDomain(domain: string): string {
  const lower = domain.toLowerCase().replace(/\.$/, '');
  if (/^[a-z0-9.-]+$/.test(lower)) return lower;
  return domainToASCII(lower) || lower;
}

function leadingWords(core: readonly string[]): string {
  return core.slice(0, 2).join(' ');
}

function removeFrom(map: Map<string, IndexedName[]>, key: string, accountId: string): void {
  const list = map.get(key)?.filter((n) => n.customer.accountId !== accountId);
  if (list?.length) map.set(key, list);
  else map.delete(key);
}

function addTo(map: Map<string, IndexedName[]>, key: string, entry: IndexedName): void {
  const list = map.get(key);
  if (list) list.push(entry);
  else map.set(key, [entry]);
}

function remove(index: CustomerIndex, accountId: string): void {
  const old = index.byAccount.get(accountId);
  if (!old) return;
  index.byAccount.delete(accountId);
  const core = coreWords(old.name);
  removeFrom(index.byLeadingWords, leadingWords(core), accountId);
  const short = shortForm(core);
  if (short) removeFrom(index.byShortForm, short.join(' '), accountId);
  for (const d of old.domains) if (index.byDomain.get(asciiDomain(d))?.accountId === accountId) index.byDomain.delete(asciiDomain(d));
}

function add(index: CustomerIndex, customer: KnownCustomer): void {
  index.byAccount.set(customer.accountId, customer);
  const core = coreWords(customer.name);
  if (core.length) addTo(index.byLeadingWords, leadingWords(core), { customer, core, key: core.join(' ') });
  const short = shortForm(core);
  if (short) addTo(index.byShortForm, short.join(' '), { customer, core: short, key: short.join(' '), short: core });
  for (const d of customer.domains) index.byDomain.set(asciiDomain(d), customer);
}

export function buildCustomerIndex(customers: readonly KnownCustomer[]): CustomerIndex {
  const index: CustomerIndex = { byLeadingWords: new Map(), byShortForm: new Map(), byDomain: new Map(), byAccount: new Map() };
  for (const customer of customers) {
    remove(index, customer.accountId);
    add(index, customer);
  }
  return index;
}

/** Replaces these customers' entries (new name, new domains) or adds them; the index is changed in place. */
export function upsertCustomers(index: CustomerIndex, customers: readonly KnownCustomer[]): void {
  for (const customer of customers) {
    remove(index, customer.accountId);
    add(index, customer);
  }
}

// Between two words of one name: a space, a hyphen, a comma before a legal form, a dot after an abbreviation.
const NAME_GAP = /^[\s\-,./'’]{1,3}$/u;

function joinedAt(text: string, tokens: Token[], i: number): boolean {
  const a = tokens[i - 1];
  const b = tokens[i];
  return !!a && !!b && NAME_GAP.test(text.slice(a.end, b.start)) && !text.slice(a.end, b.start).includes('\n');
}

/** Does the name's core start at token i? Returns the index after its last word, or -1. */
function matchCore(text: string, tokens: Token[], i: number, core: readonly string[]): number {
  for (let k = 1; k < core.length; k++) if (tokens[i + k]?.word !== core[k] || !joinedAt(text, tokens, i + k)) return -1;
  return i + core.length;
}

/** Extends a match over legal forms written after it ("Acme Ltd", "Acme S.p.A.", "Acme GmbH & Co. KG"). */
function extendOverSuffixes(text: string, tokens: Token[], next: number): number {
  let j = next;
  for (;;) {
    const t = tokens[j];
    if (!t || !joinedAt(text, tokens, j)) return j;
    if (t.word === 'and' && LEGAL_SUFFIXES.has(tokens[j + 1]?.word ?? '') && joinedAt(text, tokens, j + 1)) {
      j += 1;
      continue;
    }
    if (!LEGAL_SUFFIXES.has(t.word) || (t.raw === t.raw.toLowerCase() && !UNAMBIGUOUS_LOWERCASE.has(t.word))) return j;
    j += 1;
  }
}

/** A one-word name counts only as a proper noun: a capital, or exactly as the customer writes it ("eBay"). */
function writtenAsName(token: Token, name: string): boolean {
  return token.raw !== token.raw.toLowerCase() || token.raw === name.trim();
}

const capitalised = (token: Token | undefined) => !!token && token.raw[0] !== token.raw[0]?.toLowerCase();

// Opening quotes, brackets and list bullets between a sentence's start and its first word.
const OPENERS = /[\s"'“‘«([*•–—-]*$/u;

/** Is the token the first word of the text, a line, or a sentence (after . ! ? : ; …)? */
function atSentenceStart(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 40), start);
  const openers = OPENERS.exec(before)?.[0] ?? '';
  if (openers.includes('\n')) return true;
  const prefix = before.slice(0, before.length - openers.length);
  if (prefix === '') return start - before.length === 0 || before.length < 40;
  return /[.!?:;…]$/u.test(prefix);
}

/** After a common-word name at a sentence's start, words that make it the customer: "Summit pays", "Orange's". */
const COMPANY_VERBS = new Set(
  `s pays paid pay has had got gets asked asks wants wanted said says told uses used buys bought orders ordered never always also still complained complains called rang wrote writes sent sends agreed gave gives offered took takes received receives owes owed settled moved switched`.split(/\s+/),
);
const NEVER_AFTER_COMMON = new Set(['regards', 'wishes', 'groete', 'grusse', 'salutations']);

/**
 * May this one-word common-word name ("Best", "Summit") be the customer here? `after` is the token index after
 * the name, `suffixed` whether its legal suffix follows ("Best GmbH").
 */
function commonWordAsName(text: string, tokens: Token[], i: number, after: number, suffixed: boolean): boolean {
  const next = tokens[after];
  const nextJoined = !!next && joinedAt(text, tokens, after);
  if (nextJoined && NEVER_AFTER_COMMON.has(next.word)) return false;
  if (suffixed) return true;
  const token = tokens[i];
  if (!token || !capitalised(token)) return false;
  if (!atSentenceStart(text, token.start)) return true;
  return nextJoined && COMPANY_VERBS.has(next.word);
}

/** A short form stands apart: no other capitalised word right before or after it ("Jonas Keller", "Monte Carlo"). */
function shortFormAsName(text: string, tokens: Token[], i: number, next: number, after: number): boolean {
  for (let k = i; k < next; k++) if (!capitalised(tokens[k])) return false;
  const before = tokens[i - 1];
  if (before && joinedAt(text, tokens, i) && capitalised(before) && !COMMON_WORDS.has(before.word)) return false;
  const following = tokens[after];
  const spaced = (k: number) => /^\s+$/u.test(text.slice(tokens[k - 1]?.end ?? 0, tokens[k]?.start ?? 0));
  if (after === next && following && joinedAt(text, tokens, after) && spaced(after) && capitalised(following) && !COMMON_WORDS.has(following.word)) return false;
  return true;
}

interface Span {
  start: number;
  end: number;
}

/** Where the visited customer's own name and domains occur: nothing inside is another customer. */
function visitedSpans(text: string, tokens: Token[], visited: KnownCustomer, domainHits: DomainHit[]): Span[] {
  const spans: Span[] = [];
  const core = coreWords(visited.name);
  if (core.length)
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i]?.word !== core[0]) continue;
      const next = matchCore(text, tokens, i, core);
      if (next > 0) spans.push({ start: tokens[i]?.start ?? 0, end: tokens[extendOverSuffixes(text, tokens, next) - 1]?.end ?? 0 });
    }
  const own = new Set(visited.domains.map(asciiDomain));
  for (const hit of domainHits) if (hostCandidates(hit.host).some((h) => own.has(h))) spans.push(hit);
  return spans;
}

/** "a b c" → "a", "b", "c", "a b", "b c", "a b c": names contained in the visited customer's name. */
function containedNames(core: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < core.length; i++) for (let j = i + 1; j <= core.length; j++) out.add(core.slice(i, j).join(' '));
  return out;
}

interface DomainHit extends Span {
  host: string;
}

// A host name, with an optional e-mail local part: "acme.example", "www.acme.example/x", "jane@billing.acme.example".
const HOST =
  /(?<![\p{L}\p{M}\p{N}._%+@-])(?:[\p{L}\p{M}\p{N}._%+-]+@)?(?:[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N}-]*[\p{L}\p{M}\p{N}])?\.)+\p{L}[\p{L}\p{M}\p{N}-]*[\p{L}\p{M}\p{N}](?![\p{L}\p{M}\p{N}-]|\.[\p{L}\p{M}\p{N}])/gu;

function findHosts(text: string): DomainHit[] {
  return [...text.matchAll(HOST)].map((m) => ({ start: m.index, end: m.index + m[0].length, host: asciiDomain(m[0].slice(m[0].indexOf('@') + 1)) }));
}

/** "eu.billing.acme.example" → itself, "billing.acme.example", "acme.example" (never a bare top-level domain). */
function hostCandidates(host: string): string[] {
  const labels = host.split('.');
  const out: string[] = [];
  for (let i = 0; i <= labels.length - 2; i++) out.push(labels.slice(i).join('.'));
  return out;
}

const nameReason = (name: string) => `"${name}" is another customer: leave other customers out of the conversation and the e-mail.`;
const shortReason = (written: string, name: string) =>
  `"${written}" may be another customer (${name}): leave other customers out of the conversation and the e-mail.`;
const domainReason = (domain: string, name: string) => `${domain} belongs to another customer (${name}): leave other customers out of the conversation and the e-mail.`;

export function findOtherCustomers(text: string, visited: KnownCustomer, index: CustomerIndex): CustomerMatch[] {
  const tokens = tokenize(text);
  const hosts = findHosts(text);
  const own = visitedSpans(text, tokens, visited, hosts);
  const inOwn = (s: Span) => own.some((o) => s.start >= o.start && s.end <= o.end);
  const contained = containedNames(coreWords(visited.name));
  const found: CustomerMatch[] = [];

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (!token) continue;
    const second = tokens[i + 1];
    const pair = second && joinedAt(text, tokens, i + 1) ? `${token.word} ${second.word}` : null;
    const candidates = [
      ...(index.byLeadingWords.get(token.word) ?? []),
      ...(pair ? (index.byLeadingWords.get(pair) ?? []) : []),
      ...(index.byShortForm.get(token.word) ?? []),
      ...(pair ? (index.byShortForm.get(pair) ?? []) : []),
    ];
    let best: CustomerMatch | null = null;
    for (const { customer, core, key, short } of candidates) {
      if (customer.accountId === visited.accountId || contained.has(key)) continue;
      let next = matchCore(text, tokens, i, core);
      if (next < 0) continue;
      // A short form followed by more of the name's words ("Sainte" + "-Aube"): the words written count.
      if (short) while (next - i < short.length && tokens[next]?.word === short[next - i] && joinedAt(text, tokens, next)) next++;
      const after = extendOverSuffixes(text, tokens, next);
      if (short) {
        if (!shortFormAsName(text, tokens, i, next, after)) continue;
      } else if (core.length === 1 && after === next && !writtenAsName(token, customer.name)) continue;
      else if (core.length === 1 && COMMON_WORDS.has(core[0] ?? '') && !commonWordAsName(text, tokens, i, after, after > next)) continue;
      const end = tokens[after - 1]?.end ?? token.end;
      const reason = short ? shortReason(text.slice(token.start, end), customer.name) : nameReason(customer.name);
      const span = { start: token.start, end, reason };
      // The longest match wins; at equal length a whole name over a short form.
      if (!inOwn(span) && (!best || span.end > best.end)) best = span;
    }
    if (best) found.push(best);
  }

  const ownDomains = new Set(visited.domains.map(asciiDomain));
  for (const hit of hosts) {
    for (const candidate of hostCandidates(hit.host)) {
      if (ownDomains.has(candidate)) break;
      const customer = index.byDomain.get(candidate);
      if (!customer) continue;
      if (customer.accountId !== visited.accountId) found.push({ start: hit.start, end: hit.end, reason: domainReason(candidate, customer.name) });
      break;
    }
  }
  return found;
}
