/**
 * The curated phrase rules behind two of seed 004's "don'ts": promises and commitments (COMMITMENT) and saying
 * anything negative about our company or colleagues (NEGATIVE_ABOUT_US). Patterns, not literal strings, so
 * "we'll raise your credit limit" and "we will definitely extend the limit" are one rule; each rule names the
 * words that make it a promise, so discussing possibilities ("we could look at", "I will take it to the team",
 * "we will review your request and come back to you") stays unflagged. Precision over recall: a false flag
 * teaches people to ignore flags. The labelled set in visit-guardrails.test.ts measures both.
 *
 * The text is matched after curly apostrophes are made straight (same length, so offsets hold).
 */
import type { GuardrailKind } from '@earshot/shared';

export interface PhraseMatch {
  kind: GuardrailKind;
  start: number;
  end: number;
  reason: string;
}

const R = String.raw;

// A word inside a clause: no sentence end (a full stop is allowed inside a word, e.g. "5.5%").
const WORD = R`(?:[^\s.!?;]|\.(?=[^\s]))+`;
const gap = (max: number) => R`(?:\s+${WORD}){0,${max}}?\s+`;
/** Words that may stand between the verb and what is promised ("extend your current credit limit", "give you an extra 30 days"). */
const FILLER = R`(?:you|your|yours|get|have|receive|the|a|an|our|their|this|that|these|those|it|them|to|up|another|longer|shorter|extra|additional|further|better|special|new|same|current|existing|full|whole|temporary|permanent|credit|payment|late|all|any|some|more|in|of|by|on|for|with|one|two|three|four|five|six|seven|ten|twelve|bigger|higher|lower|nice|good|generous|flexible|little|small|\d[\d,.]*\s?[km]?|[€$£]\s?\d[\d,.]*\s?[km]?|eur|usd|gbp|chf|\w+-days?|day|month|months|weeks?|quarter|exclusive|sole)`;
const fill = (max: number) => R`(?:\s+${FILLER}){0,${max}}?\s+`;
/** The end of a word, Unicode-aware (\b is ASCII-only in JavaScript, even with the u flag). */
const END = R`(?![\p{L}\p{N}])`;

/** Who speaks for us. Not preceded by "if/whether/ask…": "I'll check whether we can extend it" asks, it does not promise. */
const US = R`(?<!\b(?:if|whether|unless|how|ask|asking|see|check|checking|discuss|discussing|wonder|decide|deciding)\s+)\b(?:we|i|our\s+team|my\s+team|the\s+team)`;
/** "will", "'ll", "are going to", "can" (not "could", "might", "may": those are possibilities). */
const WILL = R`(?:(?:\s+are|'re|\s+am|'m|\s+would\s+be)\s+(?:happy|glad|willing|prepared|pleased)\s+to|\s+will|\s+shall|'ll|\s+are\s+going\s+to|'re\s+going\s+to|\s+am\s+going\s+to|'m\s+going\s+to|\s+is\s+going\s+to|\s+can)`;
const WONT = R`(?:\s+won't|\s+will\s+not|\s+shall\s+not|\s+will\s+never|'ll\s+never|\s+are\s+not\s+going\s+to|'re\s+not\s+going\s+to|\s+am\s+not\s+going\s+to|'m\s+not\s+going\s+to)`;
const ADVERBS = R`(?:\s+(?:definitely|certainly|surely|absolutely|happily|gladly|of\s+course|just|also|then|simply|immediately|right\s+away|personally|now|easily|100%))*`;

/** What a promise is about: credit limits, payment terms, prices and discounts, fees, deliveries, exclusivity. */
const TERMS = R`(?:(?:credit\s+)?limits?|credit\s+lines?|(?:more|extra|additional|further)\s+credit|(?:payment\s+|credit\s+)?terms?|\d+[\s-]*days?|days|(?:payment\s+)?extensions?|payment\s+(?:plan|holiday|date)s?|(?:payment\s+)?deadlines?|(?:limit\s+)?increases?|instal?lments?|prices?(?!\s+lists?)|pricing|rates?|discounts?|rebates?|\d+(?:[.,]\d+)?\s?%|per\s?cent|percent|(?:late\s+|admin\s+|reminder\s+)?fees?|interest|charges|penalt(?:y|ies)|exclusiv\w*|sole\s+(?:distributor|supplier|partner)|deliver(?:y|ies)|the\s+hold|stop\s+on\s+your\s+account)`;
/** What may be forgiven: money owed. Only with the forgiving verbs ("we'll write off the balance"). */
const OWED = R`(?:${TERMS}|invoices?|debts?|balance|amount|arrears|bill|difference|costs?|rest)`;

const GRANT = R`(?:extend|sort\s+out|get|raise|increase|double|lift|remove|release|lower|reduce|cut|drop|accept|agree\s+to|approve|grant|give|offer|match|beat|honou?r|hold|keep|freeze|set|move|stretch|prolong|bump\s+up|up|make|make\s+sure|ensure|let\s+you(?:\s+(?:pay|have|keep))?|allow)`;
const FORGIVE = R`(?:waive|write\s+off|forgive|scrap|knock\s+off|forget\s+about|cancel|drop|write\s+(?:it|them|that)\s+off|take\s+off)`;
const DELIVER = R`(?:deliver|ship|dispatch|send\s+(?:the|your)\s+(?:goods|order|parts|shipment))`;
const WHEN = R`(?:by|before|on|within|tomorrow|today|next|this)\b`;

interface Rule {
  pattern: RegExp;
  reason: (excerpt: string) => string;
}

const TAKE_IT_BACK = 'say you will take it to the team first.';

/** Names what the promise is about, from the words matched. */
function promiseReason(excerpt: string): string {
  const e = excerpt.toLowerCase();
  if (/limit|credit\s+line|more\s+credit|extra\s+credit|additional\s+credit|further\s+credit|kredit|limite|plafond|encours/.test(e))
    return `A promise on the credit limit: ${TAKE_IT_BACK}`;
  if (/waive|write|forgive|scrap|knock|forget|cancel|fee|interest|charge|penalt|debt|balance|arrears|gebühr|zinsen|pénalit|frais|intérêt/.test(e))
    return `A promise to waive or write off money owed: ${TAKE_IT_BACK}`;
  if (/term|day|extension|payment|instal|zahlungsziel|tage|délai|jours|paiement/.test(e)) return `A promise on payment terms: ${TAKE_IT_BACK}`;
  if (/price|pricing|rate|discount|rebate|%|cent|rabatt|skonto|preis|prix|tarif|remise|rabais/.test(e)) return `A promise on prices or discounts: ${TAKE_IT_BACK}`;
  if (/exclusiv|sole|anyone|anybody|competitor/.test(e)) return `A promise of exclusivity: ${TAKE_IT_BACK}`;
  if (/deliver|ship|dispatch|goods|order|arrive|livr|liefer/.test(e)) return 'A promise on deliveries: say you will check with the team and confirm in writing.';
  return 'A promise or commitment: the customer may hold us to it. Discuss possibilities and say you will take it to the team.';
}

const rx = (source: string) => new RegExp(source, 'giu');

const COMMITMENT_RULES: Rule[] = [
  // Explicit promise markers, whatever they are about.
  { pattern: rx(R`\b(?:i|we)(?:\s+(?:can|do|will|hereby|personally)|'ll)?\s+(?:promise|guarantee)\b|\bpromise\s+you\b`), reason: promiseReason },
  { pattern: rx(R`(?<!\b(?:not|never|no|nothing|isn't|aren't|cannot|can't|be)\s+)\bguaranteed\b(?!\s+by\b)`), reason: promiseReason },
  { pattern: rx(R`\byou\s+have\s+my\s+word\b|\b(?:i\s+)?give\s+you\s+my\s+word\b|\bmy\s+word\s+on\s+(?:it|that)\b`), reason: promiseReason },
  { pattern: rx(R`\brest\s+assured\b|\b(?:i|we)(?:\s+can)?\s+assure\s+you\b`), reason: promiseReason },
  { pattern: rx(R`\bconsider\s+it\s+done\b|\b(?:it's|that's|it\s+is|that\s+is)\s+a\s+(?:done\s+)?deal\b`), reason: promiseReason },
  { pattern: rx(R`\byou\s+can\s+count\s+on\b|\bcount\s+on\s+(?:us|me)\b`), reason: promiseReason },
  { pattern: rx(R`\b(?:i|we)(?:\s+(?:will|can|hereby)|'ll)?\s+commit\s+to\b`), reason: promiseReason },
  // We will grant / extend / accept … terms, limits, prices, fees, exclusivity.
  { pattern: rx(R`${US}${WILL}${ADVERBS}\s+${GRANT}${fill(6)}${TERMS}${END}(?!\s+(?:under\s+review|in\s+mind|in\s+view))`), reason: promiseReason },
  { pattern: rx(R`${US}(?:\s+(?:accept|agree\s+to|approve|grant))${fill(3)}${TERMS}${END}`), reason: promiseReason },
  // Done deals: "we have approved the new price", "you have approval for 90 days", "your new limit of 80k is approved".
  {
    pattern: rx(R`${US}(?:\s+have|'ve)(?:\s+now|\s+already)?\s+(?:approved|agreed\s+to|agreed|granted|accepted|signed\s+off)${fill(4)}(?:${TERMS}|price\s+lists?)${END}`),
    reason: promiseReason,
  },
  { pattern: rx(R`${US}(?:\s+have|'ve)(?:\s+(?:now|already))?\s+(?:agreed|decided)\s+to\s+${FORGIVE}${fill(5)}${OWED}${END}`), reason: promiseReason },
  { pattern: rx(R`\byou(?:\s+have|'ve)(?:\s+(?:now|got))?\s+(?:our\s+|my\s+|the\s+)?(?:approval|sign-off|green\s+light)\s+(?:for|on)${fill(4)}${TERMS}${END}`), reason: promiseReason },
  {
    pattern: rx(
      R`(?<!\b(?:if|once|when|whether|until|unless|before|after|until)\s+)\b(?:your|the)\s+(?:new\s+|higher\s+|extra\s+|longer\s+|revised\s+|requested\s+)?(?:credit\s+)?(?:limit(?:\s+increase)?|credit\s+line|increase|payment\s+(?:terms?|plan)|terms|extension|discount|rebate|prices?|waiver|payment\s+holiday)(?:\s+(?:of|to|at|for|on)\s+[^\s.!?;,]+(?:\s+days)?)?\s+(?:is|are|has\s+been|have\s+been|'s\s+been)\s+(?:now\s+|already\s+|officially\s+)?(?:approved|agreed|granted|confirmed|signed\s+off)\b`,
    ),
    reason: promiseReason,
  },
  { pattern: rx(R`${US}${WILL}${ADVERBS}\s+${FORGIVE}${fill(5)}${OWED}${END}`), reason: promiseReason },
  { pattern: rx(R`${US}${WILL}${ADVERBS}\s+${DELIVER}${gap(6)}${WHEN}`), reason: promiseReason },
  // Negative promises: "we won't charge interest", "we will never stop your deliveries", "we won't raise prices"
  // (not refusals: "we are not going to increase your limit" promises nothing).
  {
    pattern: rx(R`${US}${WONT}\s+(?:ever\s+)?(?:charge|reduce|lower|cut|stop|suspend|block|cancel)${fill(4)}(?:${TERMS}|orders?|account)${END}`),
    reason: promiseReason,
  },
  {
    pattern: rx(R`${US}${WONT}\s+(?:ever\s+)?(?:raise|increase|change)${fill(4)}(?:prices?|pricing|rates?|(?:late\s+)?fees?|interest|charges)${END}`),
    reason: promiseReason,
  },
  { pattern: rx(R`${US}${WONT}\s+(?:ever\s+)?(?:put\s+you\s+on\s+(?:hold|stop)|sell\s+to\s+(?:anyone|anybody|your\s+competitors?))`), reason: promiseReason },
  // The customer will get …: "you'll get a longer payment term", "you will have 60 days".
  { pattern: rx(R`\byou(?:\s+will|'ll|\s+are\s+going\s+to|'re\s+going\s+to)${ADVERBS}\s+(?:get|have|receive|keep|be\s+getting)${fill(4)}${TERMS}${END}`), reason: promiseReason },
  // Passive: "your limit will be raised", "the late fees will be waived", "your order will ship by Friday".
  {
    pattern: rx(
      R`\b(?:your|the)\s+(?:credit\s+)?(?:limit|credit\s+line|payment\s+terms?|terms|discount|rebate|prices?|(?:late\s+)?fees?|interest|charges|penalt(?:y|ies)|debt|balance|hold|invoices?)\s+(?:will|is\s+going\s+to|are\s+going\s+to|can)${ADVERBS}\s+be\s+(?:raised|extended|increased|doubled|lifted|waived|written\s+off|dropped|forgiven|approved|granted|lowered|reduced|removed|released|honou?red|matched|kept|frozen|guaranteed)\b`,
    ),
    reason: (excerpt) => (/invoice/i.test(excerpt) && !/written|waived|forgiven|dropped/i.test(excerpt) ? '' : promiseReason(excerpt)),
  },
  {
    pattern: rx(
      R`\b(?:your|the)\s+(?:order|goods|delivery|deliveries|shipment|parts)\s+(?:will|is\s+going\s+to|are\s+going\s+to)${ADVERBS}\s+(?:ship|arrive|be\s+(?:delivered|shipped|dispatched|with\s+you))${gap(4)}${WHEN}`,
    ),
    reason: promiseReason,
  },
  // German (customers in Germany, Austria, Switzerland): phrases we are sure of.
  { pattern: rx(R`\b(?:ich|wir)\s+(?:verspreche|versprechen|garantiere|garantieren)\b|(?<!\bwie\s+)\bversprochen\b|\b(?:Sie\s+haben|du\s+hast)\s+mein\s+(?:Ehren)?wort\b|\bdarauf\s+können\s+Sie\s+sich\s+verlassen\b`), reason: promiseReason },
  { pattern: rx(R`(?<!\b(?:nicht|nie|kein|keine)\s+)\bgarantiert\b`), reason: promiseReason },
  {
    pattern: rx(
      R`(?<!\b(?:ob|dass|wenn|falls)\s+)\bwir\s+(?:werden\s+)?(?:Ihnen\s+)?(?:(?:Ihr|Ihre|Ihren|den|die|das|einen|eine|ein)\s+)?(?:\S+\s+){0,2}?(?:Kreditlimit|Limit|Kreditrahmen|Zahlungsziel|Zahlungsfrist|Rabatt|Skonto|Mahngebühren|Verzugszinsen|Zinsen|Gebühren)\b[^.!?;,]{0,40}?\b(?:erhöhen|verlängern|gewähren|erlassen|streichen|stornieren)\b`,
    ),
    reason: promiseReason,
  },
  {
    pattern: rx(
      R`(?<!\b(?:ob|dass|wenn|falls)\s+)\bwir\s+(?:erhöhen|verlängern|gewähren|erlassen|streichen)\s+(?:Ihnen\s+)?(?:(?:Ihr|Ihre|Ihren|den|die|das|einen|eine|ein)\s+)?(?:\S+\s+){0,2}?(?:Kreditlimit|Limit|Kreditrahmen|Zahlungsziel|Zahlungsfrist|Rabatt|Skonto|Mahngebühren|Verzugszinsen|Zinsen|Gebühren)\b`,
    ),
    reason: promiseReason,
  },
  // French (customers in France, Belgium, Switzerland): phrases we are sure of.
  {
    pattern: rx(
      R`\bje\s+vous\s+(?:le\s+)?promets\b|\bc'est\s+promis\b|\b(?:nous\s+(?:vous\s+)?(?:le\s+)?garantissons|je\s+(?:vous\s+)?(?:le\s+)?garantis)\b|\bvous\s+avez\s+ma\s+parole\b|\bje\s+vous\s+assure\b|\bsoyez\s+rassuré(?:e|s|es)?${END}|\bcomptez\s+sur\s+(?:nous|moi)\b`,
    ),
    reason: promiseReason,
  },
  {
    pattern: rx(
      R`(?<!\b(?:si|que|qu'|savoir\s+si)\s*)\b(?:nous|on|je)\s+(?:vous\s+)?(?:allons\s+|va\s+|vais\s+)?(?:vous\s+)?(?:augmenter|augmenterons|prolonger|prolongerons|allonger|allongerons|accorder|accorderons|accorderai|annuler|annulerons|supprimer|supprimerons|accepter|accepterons|accepterai|baisser|baisserons)\s+(?:\S+\s+){0,3}?(?:limite|plafond|encours|délais?|jours|remise|rabais|ristourne|prix|tarifs?|pénalités|frais|intérêts|exclusivité)${END}`,
    ),
    reason: promiseReason,
  },
  // Dutch and Spanish (customers in the Netherlands, Belgium, Argentina): only phrases we are sure of.
  { pattern: rx(R`\b(?:wij|we)\s+garanderen\b|\bik\s+garandeer\b|\bik\s+beloof\b`), reason: promiseReason },
  { pattern: rx(R`\b(?:le|les|te|se\s+lo|se\s+la|te\s+lo)\s+(?:garantizamos|garantizo|prometo|prometemos)${END}`), reason: promiseReason },
];

/** Our people and our processes, as the subject of a complaint (never "your …" or "their …"). */
const DEPT = R`(?:billing|accounts|accounting|finance|credit|sales|logistics|shipping|warehouse|IT|legal|collections?|customer\s+service|support|dispatch|invoicing|order\s+desk)`;
const OURS = R`(?<!(?:\b(?:your|their|his|her|its)|'s)\s+)(?:\b(?:our|my)\s+(?:${DEPT}(?:\s+(?:team|department|dept|people|guys|office))?|colleagues?|boss|manager|team|department|company|system|systems|process(?:es)?|ERP|software|people|staff|head\s+office|headquarters|HQ|back\s+office|management|bosses)\b(?:\s+in\s+\w+)?|\b(?:the\s+)?${DEPT}\s+(?:team|department|dept|people|guys)\b|\b(?:accounts|accounting|invoicing|finance|billing|head\s+office|headquarters|HQ|back\s+office)\b|\bthis\s+company\b)`;
const BAD = R`(?:messed\s+(?:it\s+|this\s+|that\s+)?up|screwed\s+(?:it\s+|this\s+|that\s+)?up|botched|(?:is|are|'s|'re)\s+(?:totally\s+|completely\s+|just\s+|really\s+|so\s+)?(?:useless|hopeless|incompetent|clueless|lazy|rubbish|terrible|awful|a\s+mess|a\s+joke|a\s+disaster|a\s+nightmare|broken|idiots|an?\s+idiot|stupid|to\s+blame)|never\s+(?:reads?|answers?|responds?|repl(?:y|ies)|listens?|gets?\s+(?:anything|it)\s+right|does\s+anything|bothers?)|(?:has|have)\s+no\s+(?:idea|clue)|(?:doesn't|don't|does\s+not|do\s+not)\s+(?:care|listen|bother)|(?:hasn't|haven't)\s+got\s+a\s+clue|(?:don't|doesn't)\s+know\s+what\s+(?:they're|they\s+are|he's|she's|they)\s+doing|dropped\s+the\s+ball|can't\s+(?:do|get)\s+anything\s+right|always\s+(?:mess(?:es)?|screws?|gets?\s+it\s+wrong)|keeps?\s+(?:messing|losing|getting\s+it\s+wrong))`;

const NEGATIVE_RULES: Rule[] = [
  { pattern: rx(R`${OURS}[^.!?;\n]{0,40}?${BAD}`), reason: () => NEGATIVE_REASON },
  {
    pattern: rx(
      R`(?<!\b(?:your|their)\s+)\b(?:(?:our|the)\s+)?(?:head\s+office|headquarters|billing|accounts|accounting|finance|sales|management|warehouse|logistics|IT|system|ERP)(?:\s+(?:team|department))?'s\s+fault\b|\b(?:my|our)\s+(?:colleague|boss|manager|team|department|people|staff)(?:'s|s')\s+fault\b|\bblame\s+(?:it\s+on\s+)?(?:our|my)\s+\w+|\bblame\s+(?:it\s+on\s+)?(?:the\s+)?(?:billing|accounts|accounting|finance|invoicing|head\s+office|headquarters|HQ|back\s+office|system|ERP|credit\s+(?:team|department)|sales\s+(?:team|department))\b|\bblame\s+(?:lies|is)\s+with\s+(?:our|my)\s+\w+`,
    ),
    reason: () => NEGATIVE_REASON,
  },
  // "Blame IT": the department only in capitals ("blame it on the weather" is not about us).
  { pattern: /\b[Bb]lame\s+(?:it\s+on\s+)?(?:the\s+)?IT\b/gu, reason: () => NEGATIVE_REASON },
  { pattern: rx(R`\bwe(?:\s+are|'re)\s+(?:totally\s+|completely\s+|just\s+)?(?:useless|hopeless|incompetent|a\s+mess|a\s+joke|clueless)\b`), reason: () => NEGATIVE_REASON },
];

const NEGATIVE_REASON =
  'Negative about our own people or processes: the customer will think it of us all. State the fact and what will be done, without blaming anyone.';

function run(rules: Rule[], kind: GuardrailKind, text: string): PhraseMatch[] {
  const found: PhraseMatch[] = [];
  for (const rule of rules) {
    for (const m of text.matchAll(rule.pattern)) {
      const reason = rule.reason(m[0]);
      if (reason) found.push({ kind, start: m.index, end: m.index + m[0].length, reason });
    }
  }
  return found;
}

/** Straight apostrophes, same length: offsets in the result are offsets in the original. */
function straighten(text: string): string {
  return text.replace(/[\u2018\u2019\u02BC]/g, "'");
}

export function findPhraseMatches(text: string): PhraseMatch[] {
  const t = straighten(text);
  return [...run(COMMITMENT_RULES, 'COMMITMENT', t), ...run(NEGATIVE_RULES, 'NEGATIVE_ABOUT_US', t)];
}
