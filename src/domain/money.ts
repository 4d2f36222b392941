/**
 * @module Money: an integer count of minor units plus an ISO 4217 currency. Conversion to and from
 * the major-unit decimals people and some providers write happens here, with string arithmetic
 * only: no float ever holds an amount that is computed with.
 */

/** ISO 4217 minor-unit exponents of the active currencies (List One), exceptions to 2 spelled out. */
// biome-ignore format: a table reads better in rows
const EXPONENT_OTHER_THAN_2: Record<string, number> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, UYI: 0,
  VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
}

const EXPONENT_2 =
  `AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP
  BYN BZD CAD CDF CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL
  GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL
  MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP
  PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP
  TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG`.split(/\s+/)

export const CURRENCY_EXPONENTS: Readonly<Record<string, number>> = Object.freeze({
  ...Object.fromEntries(EXPONENT_2.map((code) => [code, 2])),
  ...EXPONENT_OTHER_THAN_2,
})

/** The largest amount accepted anywhere: 10^12 minor units, far inside the safe-integer range. */
export const MAX_AMOUNT_MINOR = 1_000_000_000_000

export const isCurrency = (code: string): boolean => Object.hasOwn(CURRENCY_EXPONENTS, code)

export function exponentOf(currency: string): number {
  const exponent = CURRENCY_EXPONENTS[currency]
  if (exponent === undefined) throw new RangeError(`unknown currency ${currency}`)
  return exponent
}

export type AmountProblem = 'not_a_number' | 'not_positive' | 'too_many_decimals' | 'too_large'

const DECIMAL = /^(\d+)(?:\.(\d+))?$/

/** What a person should change: `TRY allows 2 decimals`, `JPY allows no decimals`. */
export function describeAmountProblem(problem: AmountProblem, currency: string): string {
  switch (problem) {
    case 'not_a_number':
      return `must be a decimal number such as ${toMajorString(10050, currency)}`
    case 'not_positive':
      return 'must be greater than zero'
    case 'too_many_decimals': {
      const exponent = exponentOf(currency)
      const allowed =
        exponent === 0 ? 'no decimals' : `${exponent} decimal${exponent > 1 ? 's' : ''}`
      return `has too many decimals: ${currency} allows ${allowed}`
    }
    case 'too_large':
      return `is too large: at most ${toMajorString(MAX_AMOUNT_MINOR, currency)} ${currency}`
  }
}

/**
 * Parses a major-unit amount (`100.50`, `"100.50"`, `100`) into minor units of `currency`.
 * JSON numbers arrive as doubles; their shortest decimal form (`String(100.5)` = "100.5") is what
 * the sender wrote, so it is parsed as text.
 */
export function parseMajorAmount(
  input: number | string,
  currency: string
): { minor: number } | { problem: AmountProblem } {
  const text =
    typeof input === 'number' ? (Number.isFinite(input) ? String(input) : '') : input.trim()
  const match = DECIMAL.exec(text)
  if (!match) return { problem: 'not_a_number' }
  const exponent = exponentOf(currency)
  const [, whole = '', fraction = ''] = match
  const significantFraction = fraction.replace(/0+$/, '')
  if (significantFraction.length > exponent) return { problem: 'too_many_decimals' }
  const digits = `${whole}${significantFraction.padEnd(exponent, '0')}`.replace(/^0+(?=\d)/, '')
  if (digits.length > 13) return { problem: 'too_large' }
  const minor = Number(digits)
  if (minor > MAX_AMOUNT_MINOR) return { problem: 'too_large' }
  if (minor <= 0) return { problem: 'not_positive' }
  return { minor }
}

/** Minor units as a major-unit decimal string with exactly the currency's decimals: 10050 → "100.50". */
export function toMajorString(minor: number, currency: string): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`amount ${minor} is not an integer`)
  const exponent = exponentOf(currency)
  const sign = minor < 0 ? '-' : ''
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0')
  if (exponent === 0) return `${sign}${digits}`
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`
}

/** Minor units as a JSON number in major units, for display fields such as the API's `amount`. */
export const toMajorNumber = (minor: number, currency: string): number =>
  Number(toMajorString(minor, currency))
