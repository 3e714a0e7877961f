// ISO 4217 currencies and their minor-unit exponents: how many decimal places one minor unit
// is worth (JPY 0, EUR 2, KWD 3, CLF 4). Amounts are always integer minor units; the exponent
// only says where the decimal point goes when a person reads them.
//
// Source: ISO 4217 "list one" (current currency & funds), maintained by SIX Group for ISO,
// published 2026-01-01 (list-one.xml on six-group.com). Every active code with a numeric minor
// unit is here, funds codes included (BOV, CHE, CHW, CLF, COU, MXV, USN, UYI, UYW). Left out on
// purpose: the codes whose minor unit the list gives as "N.A.", which no order is paid in:
// precious metals (XAU, XAG, XPD, XPT), bond-market units (XBA, XBB, XBC, XBD), XDR, XSU, XUA,
// the testing code XTS and "no currency" XXX. Withdrawn codes (HRK, SLL, ZWL, ANG, CUC, BGN)
// are not in this list either. A new list is adopted by editing the groups below and the date.

/** Codes of the list, grouped by minor-unit exponent (the list's CcyMnrUnts). */
const CODES_BY_EXPONENT: Readonly<Record<0 | 2 | 3 | 4, string>> = {
  0: 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF',
  2: `AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BMD BND BOB BOV BRL BSD BTN BWP BYN BZD
      CAD CDF CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP
      GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK
      LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO
      NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS
      SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST
      XAD XCD XCG YER ZAR ZMW ZWG`,
  3: 'BHD IQD JOD KWD LYD OMR TND',
  4: 'CLF UYW',
};

/** The list's publication this table follows. */
export const CURRENCY_LIST_PUBLISHED = '2026-01-01';

/** Every known code and its exponent. */
export const CURRENCY_EXPONENTS: Readonly<Record<string, number>> = Object.freeze(
  Object.fromEntries(
    Object.entries(CODES_BY_EXPONENT).flatMap(([exponent, codes]) => codes.split(/\s+/).filter(Boolean).map((code) => [code, Number(exponent)])),
  ),
);

/** The minor-unit exponent of a code on the list, or null for anything else (an own key only: `toString` is no currency). */
export function currencyExponent(code: unknown): number | null {
  return typeof code === 'string' && Object.hasOwn(CURRENCY_EXPONENTS, code) ? CURRENCY_EXPONENTS[code] : null;
}

export const isKnownCurrency = (code: unknown): code is string => currencyExponent(code) !== null;
