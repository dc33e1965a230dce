/**
 * ISO 4217 currency codes a ledger row may carry. Only the format and this list are checked: a typo such as
 * "EUD" must fail the import instead of opening a phantom currency on the account. The list holds the
 * circulating currencies (no fund codes or precious metals, which are never invoiced), plus recently withdrawn
 * ones (HRK, SLL, CUC, ANG) because historical invoices in an export may still carry them.
 */
const ISO_4217 = `AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD
CAD CDF CHF CLP CNY COP CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ
GYD HKD HNL HRK HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD
LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR
PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP
TRY TTD TWD TZS UAH UGX USD UYU UZS VED VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG ZWL`;

export const CURRENCY_CODES: ReadonlySet<string> = new Set(ISO_4217.split(/\s+/));

/** The code in upper case when it is a known ISO 4217 currency, else null. "eur" → "EUR". */
export function normalizeCurrency(raw: string): string | null {
  const code = raw.trim().toUpperCase();
  return /^[A-Z]{3}$/.test(code) && CURRENCY_CODES.has(code) ? code : null;
}

/**
 * Units of `into` per 1 unit of each of `currencies`, through the reporting currency: `table.rates[c]` = units of
 * `table.base` per 1 unit of c (ExchangeRate rows), the base itself 1, so the cross rate is rate(c) ÷ rate(into).
 * A currency without a usable rate (or any, when `into` has none) is left out: its figures stay on their own.
 */
export function crossRates(
  table: { base: string; rates: Readonly<Record<string, string | number>> },
  into: string,
  currencies: Iterable<string>,
): Record<string, number> {
  const toBase = (c: string): number | null => {
    if (c === table.base) return 1;
    const r = Number(table.rates[c]);
    return Number.isFinite(r) && r > 0 ? r : null;
  };
  const out: Record<string, number> = {};
  const intoRate = toBase(into);
  for (const c of currencies) {
    if (c === into) continue;
    const r = toBase(c);
    // Ten decimals, as ExchangeRate stores them: no float noise in the stored figures.
    if (r !== null && intoRate !== null) out[c] = Math.round((r / intoRate) * 1e10) / 1e10;
  }
  return out;
}
