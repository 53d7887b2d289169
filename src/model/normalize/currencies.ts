/**
 * ISO 4217 alphabetic currency codes: those in use, the funds and precious-metal
 * codes (XAU, XDR, …), and a few withdrawn recently enough to appear on records
 * still being exchanged (HRK, SLL, ZWL, CUC). A fixed list, not the runtime's
 * Intl data, so that what is accepted does not change with the Node build.
 * XXX ("no currency") and XTS (testing) are not currencies of a payment.
 */
const CODES = new Set(
  `AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN BWP BYN BZD
   CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP
   GEL GHS GIP GMD GNF GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW
   KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD
   NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE
   SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED
   VES VND VUV WST XAF XAG XAU XBA XBB XBC XBD XCD XCG XDR XOF XPD XPF XPT XSU XUA YER ZAR ZMW ZWG ZWL`
    .split(/\s+/)
    .filter((c) => c !== ''),
);

/** The ISO 4217 code for a currency text (`usd`, ` EUR `), upper case, or undefined. */
export function toCurrencyCode(text: string): string | undefined {
  const code = text.trim().toUpperCase();
  return CODES.has(code) ? code : undefined;
}

/**
 * Approximate US dollars per unit of major currencies, 2024 annual averages
 * (derived from the ECB's euro reference rates). Only for pooling values
 * declared in different currencies into one distribution (unit-value outliers
 * are judged on a log scale, where a few per cent do not matter); never for
 * amounts shown to a person.
 */
const USD_PER_UNIT: Record<string, number> = {
  USD: 1, EUR: 1.082, GBP: 1.278, CHF: 1.136, JPY: 0.0066, CNY: 0.139, HKD: 0.128, SGD: 0.748, AED: 0.2723, SAR: 0.2666,
  TRY: 0.0305, RUB: 0.0109, INR: 0.01197, KZT: 0.00211, CAD: 0.73, AUD: 0.66, SEK: 0.0947, NOK: 0.093, DKK: 0.145,
  PLN: 0.251, CZK: 0.0431, HUF: 0.00273, KRW: 0.000733, ILS: 0.27, ZAR: 0.0546, BRL: 0.186, MXN: 0.0547,
};

/** An amount in approximate US dollars, or undefined for a currency without a reference rate. */
export function approxUsd(amount: number, currency: string): number | undefined {
  const rate = USD_PER_UNIT[currency.toUpperCase()];
  return rate === undefined ? undefined : amount * rate;
}
